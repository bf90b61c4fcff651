"""Per-suite floors (eval/floors.toml): no change takes any suite's F1, source or qualifier accuracy
below its floor, so a fix for one suite cannot silently break another."""
from __future__ import annotations

from pathlib import Path

import pytest

from eval.evaluate import SUITES, below_floors, load_floors, load_scorer, predict


def test_every_suite_is_at_or_above_its_floors() -> None:
    scorer = load_scorer()
    results = {name: scorer.score(scorer.load(str(gold)), predict(folder)) for name, (folder, gold) in SUITES.items()}
    assert below_floors(results, load_floors()) == []


def test_a_misspelt_floor_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "floors.toml"
    path.write_text("[heldout3]\nf1 = 0.9\nsource_acuracy = 0.8\n\n[heldout99]\nf1 = 0.5\n", encoding="utf-8")
    with pytest.raises(ValueError) as err:
        load_floors(path)
    assert str(err.value).splitlines() == ["floors.toml: [heldout99]: no such suite",
                                           ("floors.toml: heldout3.source_acuracy: no such score "
                                            "(known: f1, source_accuracy, qualifier_accuracy)")]


def test_a_score_under_its_floor_is_named() -> None:
    result = {"overall": {"f1": 0.8}, "source_accuracy": 0.9, "qualifier_accuracy": None}
    assert below_floors({"seeds": result, "corpus": result}, {"seeds": {"f1": 0.85, "source_accuracy": 0.9}}) == [
        "seeds: f1 0.8 < floor 0.85", "corpus: no floors in eval/floors.toml"]
