"""Topics are data: a metric the code has never seen works by editing the topic file alone."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors import extract, load_topic
from extractors.topic import default_topic_path
from figwatch.errors import ConfigError

ENGINEERS = '''
[metrics."troops.medics"]
label = "North Korean military medics and nurses sent to Kursk"
unit = "medics"
cumulative = true
threshold = 0.1
nouns = ["medic"]
predicates = ["deploy"]
link = true

[nouns.medic]
patterns = ["(?:military )?medics", "nurses", "paramedics"]
'''


def test_a_new_metric_needs_only_the_topic_file(tmp_path: Path) -> None:
    path = tmp_path / "medics.toml"
    path.write_text(default_topic_path().read_text(encoding="utf-8") + ENGINEERS, encoding="utf-8")
    topic = load_topic(path)
    assert topic.metrics["troops.medics"].label.startswith("North Korean military medics")
    assert topic.metrics["troops.medics"].threshold == 0.1
    text = ("North Korea will send 1,000 military medics and 5,000 nurses to Kursk, Russia said. "
            "Pyongyang has already dispatched about 500 paramedics to the Kursk region, Seoul's spy agency said.")
    claims = extract(text, topic=topic)
    firm = [(c.metric, c.value, c.source_key) for c in claims if c.confidence >= 0.5]
    assert firm == [("troops.medics", 500.0, "South Korea NIS")]
    assert {c.value for c in claims if c.confidence < 0.5} == {1000.0, 5000.0}
    assert not extract(text)  # the default topic has no such metric


def test_the_default_topic_has_the_nine_metrics() -> None:
    assert set(load_topic().metrics) == {
        "troops.deployed", "troops.additional", "casualties.total", "casualties.killed", "casualties.wounded",
        "casualties.captured", "weapons.missiles", "weapons.artillery_shells", "weapons.artillery_systems"}


def test_a_broken_topic_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('[metrics."x"]\nlabel = "no nouns"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="broken.toml"):
        load_topic(path)
