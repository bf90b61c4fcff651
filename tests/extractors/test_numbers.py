"""Number mentions as written: golden cases for every form the topic's number data reads."""
from __future__ import annotations

import pytest

from extractors import load_topic
from extractors.numbers import find_mentions

CASES = [
    # id, text, (surface, value, qualifier, low, high) of the mentions, in order
    ("digits", "sent 11,000 troops", [("11,000", 11000, "exact", None, None)]),
    ("decimal-scale", "1.2 million shells", [("1.2 million", 1_200_000, "exact", None, None)]),
    ("suffix-scale", "the ~11k troops", [("11k", 11000, "approx", None, None)]),
    ("words", "two soldiers", [("two", 2, "exact", None, None)]),
    ("words-scale", "three thousand troops", [("three thousand", 3000, "exact", None, None)]),
    ("hyphen-words", "twenty-five men", [("twenty-five", 25, "exact", None, None)]),
    ("dozen", "a dozen soldiers", [("a dozen", 12, "exact", None, None)]),
    ("range-to", "10,000 to 12,000 troops", [("10,000 to 12,000", 11000, "range", 10000, 12000)]),
    ("range-dash", "10,000-12,000 troops", [("10,000-12,000", 11000, "range", 10000, 12000)]),
    ("between", "between 11,000 and 12,000", [("between 11,000 and 12,000", 11500, "range", 11000, 12000)]),
    ("vague-hundreds", "hundreds of soldiers", [("hundreds", 100, "at_least", 100, None)]),
    ("vague-tens", "tens of thousands of troops", [("tens of thousands", 10000, "at_least", 10000, None)]),
    ("vague-several", "several hundred troops", [("several hundred", 200, "approx", None, None)]),
    ("fraction", "one-third of the approximately 12,000 troops",
     [("one-third of the approximately 12,000", 4000, "approx", None, None), ("12,000", 12000, "approx", None, None)]),
    ("percent", "40% of the 11,000 troops",
     [("40% of the 11,000", 4400, "approx", None, None), ("11,000", 11000, "exact", None, None)]),
    ("about", "about 4,000", [("4,000", 4000, "approx", None, None)]),
    ("nearly", "nearly 3,600", [("3,600", 3600, "approx", None, 3600)]),
    ("up-to", "up to 30,000", [("30,000", 30000, "at_most", None, 30000)]),
    ("at-least", "at least 300", [("300", 300, "at_least", 300, None)]),
    ("more-than", "more than 100", [("100", 100, "more_than", 100, None)]),
    ("over", "over 3,000", [("3,000", 3000, "more_than", 3000, None)]),
    ("fewer-than", "fewer than 300", [("300", 300, "less_than", None, 300)]),
    ("under", "under 500", [("500", 500, "less_than", None, 500)]),
    ("or-more", "40 or more troops", [("40", 40, "at_least", 40, None)]),
    ("quoted", "around “220 units", [("220", 220, "approx", None, None)]),
    ("estimated-colon", "(estimated: 11,000)", [("11,000", 11000, "approx", None, None)]),
]

NOT_COUNTS = [
    ("caliber-mm", "170mm howitzers"), ("caliber-word", "240-millimeter rocket launchers"),
    ("date", "on September 13, 2023"), ("date-short", "(Jan 23)"), ("time", "1:52 PM"),
    ("price", "$27.50"), ("percent-alone", "rose 2.3% on Monday"), ("duration", "within the next two months"),
    ("distance", "flew about 1,000 kilometers"), ("times", "met three times"), ("age", "a 24-year-old private"),
    ("model", "KN-23 and Hwasong-11"), ("footnote", "casualties [1]"), ("ordinal", "the 60th exchange"),
    ("huge", "1" * 300), ("one-of", "one of the soldiers"),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_mentions_read_every_form(text: str, expected: list) -> None:
    got = [(text[m.start:m.end], m.value, m.qualifier, m.low, m.high) for m in find_mentions(text, load_topic())]
    assert got == [(s, float(v), q, lo, hi) for s, v, q, lo, hi in expected]


@pytest.mark.parametrize("text", [c[1] for c in NOT_COUNTS], ids=[c[0] for c in NOT_COUNTS])
def test_measures_dates_and_designations_are_no_counts(text: str) -> None:
    values = [m.value for m in find_mentions(text, load_topic()) if not m.year_like]
    assert values == []


def test_revision_keeps_the_new_figure_and_marks_the_old() -> None:
    text = "raised its estimate from 3,000 to 4,000"
    old, new = find_mentions(text, load_topic())
    assert (old.value, old.superseded) == (3000, True)
    assert (new.value, new.superseded, new.revised_from) == (4000, False, 3000)


def test_from_to_without_a_change_verb_is_a_range() -> None:
    [m] = find_mentions("estimates range from 600 to 1,000", load_topic())
    assert (m.qualifier, m.low, m.high) == ("range", 600, 1000)


def test_a_superseding_phrase_starts_a_word() -> None:
    """"up by" ends "buildup by": the figure after it is no old figure."""
    [m] = find_mentions("relied on a buildup by 12,000 North Korean troops", load_topic())
    assert (m.value, m.superseded) == (12000, False)
    [m] = find_mentions("the toll, up by 2,000", load_topic())
    assert m.superseded
