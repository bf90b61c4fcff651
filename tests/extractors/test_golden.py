"""The ratchet: the extractor's claims on every labelled suite are the committed golden ones.

A change of any claim (a new one, a lost one, another source, confidence, stance or rule) fails
here with a readable diff; when the change is intended, regenerate (FIGWATCH_UPDATE_GOLDEN=1) and
commit the golden files with it, so the review sees what moved in every suite.
"""
from __future__ import annotations

import os

import pytest

from eval.evaluate import SUITES
from eval.golden import REGENERATE, diff, golden_path, read, render, suite_rows
from tests.extractors.cases import TOPIC


@pytest.mark.parametrize("suite", list(SUITES))
def test_claims_are_the_golden_ones(suite: str) -> None:
    rows, path = suite_rows(suite, TOPIC), golden_path(suite)
    if os.environ.get("FIGWATCH_UPDATE_GOLDEN") == "1":
        path.write_text(render(rows), encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path.name}; {REGENERATE}"
    changes = diff(read(path), rows)
    if changes:
        pytest.fail(f"{suite}: the claims differ from {path.name}:\n" + "\n".join(changes) + f"\n{REGENERATE}",
                    pytrace=False)


def test_the_diff_names_each_change() -> None:
    old = [{"document": "a.txt", "metric": "troops.deployed", "value": 11000.0, "low": None, "high": None,
            "qualifier": "exact", "source": "NIS", "source_key": "South Korea NIS", "confidence": 0.9,
            "stance": "current", "derived": False, "rule": "nearest-predicate"}]
    new = [{**old[0], "source": "Kyiv", "source_key": "Ukraine"}, {**old[0], "value": 3000.0}]
    lines = diff(old, new)
    assert lines[0] == "0 gone, 1 new, 1 changed"
    assert "  + a.txt troops.deployed 3000: " in lines[1]
    assert lines[2] == ("  ~ a.txt troops.deployed 11000: source 'NIS' -> 'Kyiv'; "
                        "source_key 'South Korea NIS' -> 'Ukraine'")
    assert diff(old, old) == []
