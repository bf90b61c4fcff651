"""The plausible ratio is per metric, set in the topic file (issue 15)."""
from __future__ import annotations

from pathlib import Path

from extractors import load_topic

TOPIC = Path(__file__).resolve().parents[2] / "extractors" / "topics" / "nk_russia.toml"


def test_a_metric_may_set_its_plausible_ratio_and_others_keep_three(tmp_path):
    text = TOPIC.read_text(encoding="utf-8").replace(
        '[metrics."casualties.total"]\n', '[metrics."casualties.total"]\nplausible_ratio = 5.0\n', 1)
    path = tmp_path / "topic.toml"
    path.write_text(text, encoding="utf-8")
    metrics = load_topic(path).metrics
    assert metrics["casualties.total"].plausible_ratio == 5.0
    assert metrics["troops.deployed"].plausible_ratio == 3.0
