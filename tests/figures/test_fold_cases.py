"""One case per row of docs/DESIGN.md section 4, plus the seeds' story read in date order."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from figwatch.figures import baseline_of, fold_claims, report_key
from figwatch.models import Claim, Figure
from tests.figures.helpers_fold import METRICS, claim, day

T = "troops.deployed"
C = "casualties.total"

# (id, earlier claims folded first, incoming claims, expected (kind, old value, new value, revision))
CASES = [
    ("first-report-is-new", [], [claim(T, 12000, day(1, 24), "Kyiv")], [("new", None, 12000, False)]),
    (
        "newer-differs-is-changed",
        [claim(C, 3000, day(1, 24), "Kyiv", qualifier="more_than", low=3000)],
        [claim(C, 4000, day(3, 27), "Seoul")],
        [("changed", 3000, 4000, False)],
    ),
    (
        "same-value-other-words",
        [claim(C, 4000, day(3, 27), "Seoul", qualifier="approx")],
        [claim(C, 4000, day(3, 28), "Kyiv", qualifier="approx"), claim(C, 3900, day(3, 29), "NIS")],
        [],
    ),
    (
        "inside-baseline-range",
        [claim(T, 11000, day(3, 1), "NIS", qualifier="range", low=10000, high=12000)],
        [claim(T, 11900, day(5, 1), "Kyiv")],
        [],
    ),
    (
        "older-than-baseline-is-history-only",
        [claim(T, 11000, day(3, 27), "JCS")],
        [claim(T, 12000, day(1, 24), "Kyiv")],
        [],
    ),
    (
        "same-source-revises-itself",
        [claim("casualties.killed", 300, day(1, 10), "NIS")],
        [claim("casualties.killed", 600, day(5, 10), "NIS")],
        [("changed", 300, 600, True)],
    ),
    (
        "other-source-same-days-disagrees",
        [claim(T, 11000, day(3, 20), "JCS")],
        [claim(T, 12000, day(3, 27), "Kyiv")],
        [("disagreement", 11000, 12000, False)],
    ),
    (
        "same-report-again-syndicated",
        [claim(T, 11000, day(3, 27), "JCS", url="https://a.example/1")],
        [claim(T, 11000, day(3, 27), "JCS", url="https://b.example/copy")],
        [],
    ),
    (
        "downward-cumulative-is-changed",
        [claim(T, 12000, day(1, 24), "Kyiv")],
        [claim(T, 11000, day(3, 27), "JCS")],
        [("changed", 12000, 11000, False)],
    ),
    ("reviewable-claim-is-silent", [], [claim(T, 15000, day(4, 1), "Kyiv", confidence=0.3)], []),
    (
        "source-repeating-itself-is-not-news",
        [claim(T, 11000, day(1, 1), "JCS"), claim(T, 12000, day(2, 1), "Kyiv")],
        [claim(T, 11000, day(4, 1), "JCS")],
        [],
    ),
]


def _fold(earlier, incoming):
    first = fold_claims({}, earlier, METRICS)
    return fold_claims(first.figures, incoming, METRICS)


@pytest.mark.parametrize(("earlier", "incoming", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_case_table(earlier, incoming, expected):
    result = _fold(earlier, incoming)
    got = [(e.kind, e.old.value if e.old else None, e.new.value, e.revision) for e in result.events]
    assert got == expected


def test_downward_change_is_marked():
    result = _fold([claim(T, 12000, day(1, 24), "Kyiv")], [claim(T, 11000, day(3, 27), "JCS")])
    (event,) = result.events
    assert event.downward and event.delta == -1000


def test_older_report_keeps_the_latest_baseline():
    result = _fold([claim(T, 11000, day(3, 27), "JCS")], [claim(T, 12000, day(1, 24), "Kyiv")])
    figure = result.figures[T]
    assert figure.baseline.value == 11000
    assert [c.value for c in figure.history] == [12000, 11000]


def test_disagreement_still_moves_the_baseline_to_the_newer_report():
    result = _fold([claim(T, 11000, day(3, 20), "JCS")], [claim(T, 12000, day(3, 27), "Kyiv")])
    assert result.figures[T].baseline.value == 12000


def test_syndicated_copy_is_not_a_report_and_history_has_it_once():
    result = _fold(
        [claim(T, 11000, day(3, 27), "JCS", url="https://b.example/1")],
        [claim(T, 11000, day(3, 27), "JCS", url="https://a.example/copy")],
    )
    assert result.reports == ()
    (only,) = result.figures[T].history
    assert only.article_url == "https://a.example/copy"  # the copy that always stands for it


def test_reviewable_claim_moves_nothing():
    earlier = fold_claims({}, [claim(T, 11000, day(3, 1), "JCS")], METRICS).figures
    result = fold_claims(earlier, [claim(T, 20000, day(4, 1), "Kyiv", confidence=0.2)], METRICS)
    assert result.figures == earlier and result.reports == ()


def test_same_day_two_wordings_of_the_source_give_one_change():
    """Two March articles: '~11,000' by the JCS and by 'South Korea's military', same day."""
    january = fold_claims({}, [claim(T, 12000, day(1, 24), "Kyiv")], METRICS).figures
    march = [
        claim(T, 11000, day(3, 27), "South Korea JCS", url="https://oann.example/a"),
        replace(claim(T, 11000, day(3, 27), url="https://blog.example/b"), source="South Korea's military"),
    ]
    result = fold_claims(january, march, METRICS)
    assert [(e.kind, e.new.value) for e in result.events] == [("changed", 11000)]
    assert len(result.figures[T].history) == 3


def test_seeds_story_in_date_order():
    claims = [
        claim(T, 12000, day(1, 24), None, url="https://euromaidan.example/0"),
        claim(C, 3000, day(1, 24), "Kyiv", qualifier="more_than", low=3000, url="https://euromaidan.example/0"),
        claim("troops.additional", 3000, day(1, 24), "NIS", url="https://defence.example/2"),
        claim(T, 11000, day(3, 27), "South Korea JCS", url="https://oann.example/3"),
        claim(C, 4000, day(3, 27), "Seoul", url="https://oann.example/3"),
        claim("casualties.killed", 400, day(3, 27), "lawmaker", url="https://oann.example/3"),
        claim("casualties.wounded", 3600, day(3, 27), "lawmaker", url="https://oann.example/3"),
        claim(C, 4000, day(3, 27), "Seoul", url="https://blog.example/4"),  # the same report again
    ]
    result = fold_claims({}, reversed(claims), METRICS)
    kinds = {(e.kind, e.metric, e.old.value if e.old else None, e.new.value) for e in result.events}
    assert kinds == {  # January's 12,000 names no source: held, not the baseline March is measured against
        ("unconfirmed", T, None, 12000), ("new", T, None, 11000),
        ("new", C, None, 3000), ("changed", C, 3000, 4000),
        ("new", "troops.additional", None, 3000),
        ("new", "casualties.killed", None, 400), ("new", "casualties.wounded", None, 3600),
    }
    assert len(result.events) == 7 and len(result.reports) == 7


def test_report_key_names_metric_source_value_and_day():
    c = claim(T, 11000, day(3, 27), "South Korea JCS")
    assert report_key(c) == "troops.deployed|South Korea JCS|11000|2025-03-27"
    unsourced = claim(T, 11000.5, day(3, 27), None)
    assert report_key(unsourced) == "troops.deployed||11000.5|2025-03-27"


def test_report_key_uses_the_utc_day_whatever_the_time_zone():
    seoul = timezone(timedelta(hours=9))
    early_in_seoul = claim(T, 11000, datetime(2025, 3, 28, 1, 0, tzinfo=seoul), "South Korea JCS")
    assert report_key(early_in_seoul).endswith("|2025-03-27")
    as_stored = replace(early_in_seoul, published=early_in_seoul.published.astimezone(timezone.utc))
    assert report_key(as_stored) == report_key(early_in_seoul)


def test_baseline_of_breaks_ties_deterministically():
    a = claim(T, 11000, day(3, 27), "A")
    b = claim(T, 12000, day(3, 27), "B")
    assert baseline_of([a, b]) == baseline_of([b, a]) == b
    assert baseline_of([]) is None


def test_claim_without_publication_time_is_refused():
    bare = Claim(metric=T, value=1, qualifier="exact", evidence="", start=0, end=1)
    with pytest.raises(ValueError, match="publication time"):
        fold_claims({}, [bare], METRICS)


def test_untouched_figures_are_kept():
    earlier = fold_claims({}, [claim(T, 11000, day(3, 1), "JCS")], METRICS).figures
    result = fold_claims(earlier, [claim(C, 4000, day(3, 2), "Seoul")], METRICS)
    assert result.figures[T] == earlier[T] and isinstance(result.figures[C], Figure)


def test_simultaneous_reports_rank_a_stated_figure_above_a_derived_one():
    """Seeds, January: Kyiv's stated "over 3,000" and an unattributed "one-third of 12,000"
    appear the same day; the stated figure is the baseline, so March's 4,000 is a change (a
    derived figure is no report of 4,000: it does not make the stated one old news)."""
    derived = replace(claim("casualties.total", 4000, day(1, 24), None), confidence=0.8, derived=True)
    stated = claim("casualties.total", 3000, day(1, 24), "Kyiv", qualifier="more_than", low=3000)
    january = fold_claims({}, [derived, stated], METRICS)
    assert january.figures["casualties.total"].baseline == stated
    assert [(e.kind, e.new.value) for e in january.events] == [("new", 3000)]  # the derived 4,000 agrees
    later = claim("casualties.total", 4000, day(3, 27), "Seoul")
    result = fold_claims({}, [later, derived, stated], METRICS)
    changed = [e for e in result.events if e.kind == "changed"]
    assert [(e.old.value, e.new.value) for e in changed] == [(3000, 4000)]
