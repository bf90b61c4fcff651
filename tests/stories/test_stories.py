"""The story fixtures, end to end: a backfill with --notify over each story (eval/events.py, the
plain steps, a real SQLite store) gives the events written down in its expected.jsonl before
anything was run on it, and scores as an editor needs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.evaluate import load_scorer
from eval.events import Run, article_names, run_folder, score

STORIES = Path(__file__).resolve().parent



def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("story", sorted(p.parent.name for p in STORIES.glob("*/expected.jsonl")))
def test_a_story_gives_its_expected_events(story):
    folder = STORIES / story
    claims = folder / "claims.jsonl"
    run = run_folder(folder, claims if claims.is_file() else None)
    result = score(run, _rows(folder / "gold.jsonl"), article_names(folder), load_scorer(),
                   _rows(folder / "expected.jsonl"))
    seen = result["expected"]
    assert [(m["kind"], m["metric"], m["value"], m["article"]) for m in seen["missing"]] == []
    assert [(u["kind"], u["metric"], u["value"], u["article"]) for u in seen["unexpected"]] == []
    assert result["event_precision"] == 1.0 and result["events_per_figure_max"] == 1
    assert result["event_source_accuracy"] >= 0.9
    for event in run.events:  # every held item says why it is held, and only held items do
        assert (event.kind == "unconfirmed") == (event.reason is not None)
    assert run.subject and "unconfirmed" not in run.subject


def test_a_figure_the_article_gives_two_sources_is_right_with_either():
    from figwatch.models import Claim, Event

    said = Claim("troops.additional", 3000, "approx", "...", 0, 5, source="the Joint Chiefs of Staff",
                 article_url="a.txt")
    run = Run(events=(Event("new", "troops.additional", said),), figures={}, subject=None)
    labels = [{"article": "a.txt", "metric": "troops.additional", "value": 3000, "qualifier": "approx", "source": s}
              for s in ("Seoul", "the Joint Chiefs of Staff")]
    assert score(run, labels, {"a.txt": "a.txt"}, load_scorer())["event_source_accuracy"] == 1.0
    assert score(run, labels[:1], {"a.txt": "a.txt"}, load_scorer())["event_source_accuracy"] == 0.0
