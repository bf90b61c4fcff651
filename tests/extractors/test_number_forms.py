"""Number forms seen on real pages, in our own words: a scale written once for both ends of a range
("2 or 3K", "11 to 12,000"), a broadcaster's "four-thousand-100"."""
from __future__ import annotations

import pytest

from extractors.numbers import find_mentions
from tests.extractors.cases import TOPIC


@pytest.mark.parametrize("text, expected", [
    ("a batch of 4 or 5K", [(4500, 4000, 5000)]),
    ("two or three thousand troops", [(2500, 2000, 3000)]),
    ("about 13 to 14,000 soldiers", [(13500, 13000, 14000)]),
    ("between 500 and 2,000", [(1250, 500, 2000)]),
    ("one or two soldiers", [(1, None, None), (2, None, None)]),
    ("5,000 or 6,000 troops", [(5000, None, None), (6000, None, None)]),
    ("another three-thousand-200 were hurt", [(3200, None, None)]),
], ids=["num-01-or-suffix", "num-02-or-words", "num-03-thousands-once", "num-04-between-unchanged",
        "num-05-or-no-scale", "num-06-or-both-written", "num-07-words-then-digits"])
def test_number_forms(text, expected) -> None:
    want = [tuple(None if x is None else float(x) for x in e) for e in expected]
    assert [(m.value, m.low, m.high) for m in find_mentions(text, TOPIC)] == want
