"""The story fixtures, end to end: a backfill with --notify over each story (eval/events.py, the
plain steps, a real SQLite store) gives the events written down in its expected.jsonl before
anything was run on it, and scores as an editor needs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.evaluate import load_scorer
from eval.events import article_names, run_folder, score

STORIES = Path(__file__).resolve().parent

#: Events today's extractor makes differ from the expected ones (its issue, not the fold's):
#: a06's "The agency put ... at about 4,000" is read with no source, so the figure waits as
#: unconfirmed until NIS states it again in April; a16's "had estimated in January ... 200" is
#: read as current (the extractor does not set stances yet), so it is held as far below 1,200.
EXTRACTOR_GAPS = {
    "kursk_toll": {
        "missing": [("changed", "casualties.total", 4000, "a06_nis_january_briefing.txt")],
        "unexpected": [("unconfirmed", "casualties.total", 4000, "a06_nis_january_briefing.txt"),
                       ("changed", "casualties.total", 4000, "a08_nis_april_briefing.txt"),
                       ("unconfirmed", "casualties.killed", 200, "a16_nis_september.txt")],
    },
}


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("story", sorted(p.parent.name for p in STORIES.glob("*/expected.jsonl")))
def test_a_story_gives_its_expected_events(story):
    folder = STORIES / story
    claims = folder / "claims.jsonl"
    run = run_folder(folder, claims if claims.is_file() else None)
    result = score(run, _rows(folder / "gold.jsonl"), article_names(folder), load_scorer(),
                   _rows(folder / "expected.jsonl"))
    gaps = EXTRACTOR_GAPS.get(story, {"missing": [], "unexpected": []})
    seen = result["expected"]
    assert [(m["kind"], m["metric"], m["value"], m["article"]) for m in seen["missing"]] == gaps["missing"]
    assert sorted((u["kind"], u["metric"], u["value"], u["article"]) for u in seen["unexpected"]) == sorted(
        gaps["unexpected"])
    assert result["event_precision"] == 1.0 and result["events_per_figure_max"] == 1
    assert result["event_source_accuracy"] >= 0.9
    for event in run.events:  # every held item says why it is held, and only held items do
        assert (event.kind == "unconfirmed") == (event.reason is not None)
    assert run.subject and "unconfirmed" not in run.subject
