"""The labelled corpus and the seeds: every label checked against its text, and the scoreboard."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.evaluate import SUITES, load_scorer, predict
from extractors import load_topic
from extractors.numbers import find_mentions

ROOT = Path(__file__).resolve().parents[2]


def labels(gold: Path) -> list[dict]:
    return [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]


def _stated(label: dict) -> bool:
    """The label's number is in its evidence (or, for a derived figure, a fraction of a number there)."""
    mentions = find_mentions(label["evidence"], load_topic())
    targets = [label["value"]] + [label[k] for k in ("low", "high") if label.get(k) is not None]
    tol = 0.10 if label.get("derived") else 0.0
    if any(abs(m.value - t) <= tol * t or (m.low, m.high) == (label.get("low"), label.get("high")) != (None, None)
           for m in mentions for t in targets):
        return True
    # a derived figure whose share the scanner does not pair with its base ("Of the 12,000 ..., a third")
    shares = [v for k, v in load_topic().scanner.fractions.items() if k in label["evidence"].lower()]
    return bool(label.get("derived")) and any(abs(m.value * share - label["value"]) <= tol * label["value"]
                                              for m in mentions for share in shares)


@pytest.mark.parametrize("suite", list(SUITES))
def test_every_label_is_found_in_its_article(suite: str) -> None:
    folder, gold = SUITES[suite]
    rows = labels(gold)
    assert rows
    for row in rows:
        text = (folder / row["article"]).read_text(encoding="utf-8")
        assert row["evidence"] in text, row
        assert _stated(row), row
        if row.get("qualifier") == "range":
            assert row["low"] <= row["value"] <= row["high"], row


def test_corpus_is_large_and_varied_enough() -> None:
    folder, gold = SUITES["corpus"]
    articles = list(folder.glob("*.txt"))
    assert len(articles) >= 40
    labelled = {row["article"] for row in labels(gold)}
    assert len([a for a in articles if a.name not in labelled]) >= 5  # articles that must give nothing


def _scored(suite: str) -> dict:
    folder, gold = SUITES[suite]
    scorer = load_scorer()
    return scorer.score(scorer.load(str(gold)), predict(folder))


def test_seeds_score_perfectly() -> None:
    result = _scored("seeds")
    assert (result["overall"]["precision"], result["overall"]["recall"]) == (1.0, 1.0), result["misses"]
    assert result["source_accuracy"] == 1.0


def test_corpus_meets_the_bar() -> None:
    result = _scored("corpus")
    assert result["overall"]["f1"] >= 0.95, (result["misses"], result["false_positives"])
    assert result["source_accuracy"] >= 0.9
