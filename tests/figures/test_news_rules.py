"""What becomes news (issue 15): current confident figures only, held far or unsourced reports,
corroboration, each figure news once, compatible statements, one disagreement, revisions, series."""
from __future__ import annotations

from dataclasses import replace

import pytest

from figwatch.figures import Folder, fold_claims, leads
from figwatch.models import Event
from tests.figures.helpers_fold import METRICS, claim, day

T, C, K = "troops.deployed", "casualties.total", "casualties.killed"


def _events(*batches):
    """Fold batches one after another (as runs would); every event, as (kind, value, source)."""
    figures, out = {}, []
    for batch in batches:
        result = fold_claims(figures, batch, METRICS)
        figures = result.figures
        out.extend(result.events)
    return out, figures


def _told(events):
    return [(e.kind, e.new.value, e.new.source) for e in events]


@pytest.mark.parametrize("stance", ["superseded", "planned", "denied"])
def test_a_figure_not_stated_as_current_is_never_baseline_or_news(stance):
    said = replace(claim(K, 200, day(9, 10), "HUR"), stance=stance)
    events, figures = _events([claim(K, 2000, day(9, 1), "NIS")], [said])
    assert _told(events) == [("new", 2000, "NIS")]
    assert figures[K].baseline.value == 2000 and said not in figures[K].history + figures[K].held


def test_a_figure_a_person_rejected_is_never_news():
    events, figures = _events([replace(claim(T, 15000, day(1, 8), "NIS"), review="rejected")])
    assert events == [] and figures == {}


def test_a_derived_figure_is_marked_and_cannot_lead_a_digest():
    derived = replace(claim(C, 5000, day(12, 19), "a Western official"), derived=True)
    events, _ = _events([claim(T, 15000, day(12, 19), "a Western official"), derived])
    by_metric = {e.metric: e for e in events}
    assert by_metric[C].new.derived and not leads(by_metric[C])
    assert leads(by_metric[T])


def test_a_report_far_from_the_current_figure_is_held_with_its_ratio():
    events, figures = _events([claim(C, 4000, day(4, 3), "NIS")], [claim(C, 60000, day(4, 28), "HUR")])
    held = events[-1]
    assert (held.kind, held.reason, held.old.value) == ("unconfirmed", "15.0x the current figure", 4000)
    assert not leads(held)
    assert figures[C].baseline.value == 4000 and [c.value for c in figures[C].held] == [60000]
    low, _ = _events([claim(K, 1200, day(6, 12), "HUR")], [claim(K, 200, day(9, 10), "HUR")])
    assert low[-1].reason == "1/6 of the current figure"


def test_the_ratio_is_the_metrics_own():
    lenient = {**METRICS, C: replace(METRICS[C], plausible_ratio=20.0)}
    result = fold_claims(fold_claims({}, [claim(C, 4000, day(4, 3), "NIS")], lenient).figures,
                         [claim(C, 60000, day(4, 28), "HUR")], lenient)
    assert [e.kind for e in result.events] == ["changed"]



W = "casualties.wounded"
SMALL = {**METRICS, W: replace(METRICS[W], smallest=10.0)}


def test_a_first_figure_too_small_to_be_a_tally_is_held_not_the_baseline():
    """"Two wounded soldiers were captured" read as a wounded toll of 2 would have made every real toll
    after it look implausible (2,700 is 1,350x of it)."""
    first = fold_claims({}, [claim(W, 2, day(1, 11), "Zelensky")], SMALL)
    assert [(e.kind, e.reason, e.old) for e in first.events] == [
        ("unconfirmed", "below 10, no tally of this figure", None)]
    assert first.figures[W].baseline is None
    later = fold_claims(first.figures, [claim(W, 2700, day(1, 13), "NIS")], SMALL)
    assert [(e.kind, e.new.value) for e in later.events] == [("new", 2700)]
    assert later.figures[W].baseline.value == 2700


def test_a_small_figure_an_independent_source_states_too_is_news():
    result = fold_claims({}, [claim(W, 6, day(1, 11), "Zelensky", url="https://a.example/1"),
                              claim(W, 6, day(1, 12), "HUR", url="https://b.example/2")], SMALL)
    assert [(e.kind, e.new.source) for e in result.events] == [("unconfirmed", "Zelensky"), ("new", "HUR")]
    assert result.figures[W].baseline.value == 6 and result.figures[W].held == ()


def test_an_article_naming_two_sources_for_one_figure_does_not_confirm_itself():
    """A headline's "Ukraine" and its body's "Ukraine's military intelligence" are one report, not two."""
    one = "https://a.example/battle"
    result = fold_claims({}, [claim(W, 6, day(1, 11), "HUR", url=one), claim(W, 6, day(1, 11), "Ukraine", url=one)],
                         SMALL)
    assert [e.kind for e in result.events] == ["unconfirmed"]
    assert result.figures[W].baseline is None
    later = fold_claims(result.figures, [claim(W, 6, day(1, 14), "Zelensky", url="https://b.example/x")], SMALL)
    assert [e.kind for e in later.events] == ["new"]  # another article's report releases it


def test_a_first_figure_above_the_largest_tally_is_held_and_blocks_nothing():
    """A misread "1.5 million" as the first figure would make the real 50 look implausible (blind round r8:
    howitzers)."""
    systems = "casualties.killed"  # any metric with a largest tally
    bounded = {**METRICS, systems: replace(METRICS[systems], largest=10_000.0)}
    result = fold_claims({}, [claim(systems, 1_500_000, day(2, 1), "state media"),
                              claim(systems, 50, day(2, 3), "Ukrainian intelligence")], bounded)
    assert [(e.kind, e.reason) for e in result.events] == [
        ("unconfirmed", "above 10,000, no tally of this figure"), ("new", None)]
    assert result.figures[systems].baseline.value == 50


def test_a_small_figure_after_a_baseline_is_held_for_its_size():
    result = fold_claims({}, [claim(W, 2700, day(1, 13), "NIS"), claim(W, 8, day(2, 1), "NIS")], SMALL)
    assert [(e.kind, e.reason) for e in result.events][-1] == ("unconfirmed", "below 10, no tally of this figure")


def test_a_change_resting_on_an_article_that_names_no_source_is_held():
    events, figures = _events([claim(T, 15000, day(4, 3), "NIS")], [claim(T, 20000, day(4, 22), None)])
    assert (events[-1].kind, events[-1].reason) == ("unconfirmed", "names no source")
    assert figures[T].baseline.value == 15000
    first, figures = _events([claim(T, 12000, day(1, 24), None)])  # a first figure is held so too (blind r12)
    assert [(e.kind, e.reason) for e in first] == [("unconfirmed", "names no source")]
    assert figures[T].baseline is None and figures[T].history == ()


def test_an_independent_source_stating_a_compatible_figure_releases_a_held_one():
    events, figures = _events(
        [claim(C, 5000, day(12, 19), "a Western official")],
        [claim(C, 16000, day(3, 10, 2026), "HUR")],
        [claim(C, 16500, day(3, 12, 2026), "UK Defence Intelligence")],
    )
    assert [(e.kind, e.new.value) for e in events] == [("new", 5000), ("unconfirmed", 16000), ("changed", 16500)]
    assert events[-1].old.value == 5000
    figure = figures[C]
    assert figure.baseline.value == 16500 and figure.held == ()
    assert [c.value for c in figure.history] == [5000, 16000, 16500]


def test_a_copy_of_the_same_source_or_a_vaguer_statement_confirms_nothing():
    events, figures = _events(
        [claim(C, 5000, day(12, 19), "a Western official"), claim(T, 11000, day(12, 19), "NIS")],
        [claim(C, 16000, day(3, 10, 2026), "HUR"), claim(T, 20000, day(3, 10, 2026), None)],
        [claim(C, 16000, day(3, 11, 2026), "HUR", url="https://b.example/again"),  # the same source again
         claim(T, 10000, day(3, 11, 2026), "Pentagon", qualifier="more_than", low=10000)],  # "more than 10,000"
    )
    assert [e.kind for e in events] == ["new", "new", "unconfirmed", "unconfirmed"]  # nothing more: told once
    assert figures[C].baseline.value == 5000 and figures[T].baseline.value == 11000
    assert {c.value for c in figures[C].held} == {16000} and [c.value for c in figures[T].held] == [20000]


def test_an_unsourced_held_figure_is_history_once_a_named_source_states_it():
    events, figures = _events(
        [claim(K, 2500, day(11, 14), "NIS")],
        [claim(K, 3000, day(2, 11, 2026), None)],
        [claim(K, 3000, day(2, 25, 2026), "NIS")],
    )
    assert [(e.kind, e.new.source, e.revision) for e in events] == [
        ("new", "NIS", False), ("unconfirmed", None, False), ("changed", "NIS", True)]
    assert figures[K].held == () and figures[K].baseline.source == "NIS"


def test_a_person_confirming_a_held_figure_releases_it_into_the_figures_and_the_next_digest():
    _, figures = _events([claim(C, 4000, day(4, 3), "NIS")], [claim(C, 60000, day(4, 28), "HUR")])
    (held,) = figures[C].held
    result = fold_claims(figures, [replace(held, review="confirmed")], METRICS)
    assert [(e.kind, e.old.value, e.new.value) for e in result.events] == [("changed", 4000, 60000)]
    assert result.figures[C].baseline.value == 60000 and result.figures[C].held == ()


def test_a_figure_already_reported_is_news_once_backgrounders_and_third_sources_included():
    events, figures = _events(
        [claim(K, 300, day(1, 13), "NIS"), claim(T, 11000, day(11, 5, 2024), "JCS"),
         claim(T, 12000, day(11, 12, 2024), "HUR")],
        [claim(K, 600, day(4, 3), "NIS"), claim(T, 11000, day(2, 10), "Pentagon"),
         claim(T, 11000, day(2, 12), "JCS")],
        [claim(K, 300, day(9, 11), "Global Affairs Explainer"), claim(T, 12000, day(3, 1), "HUR")],
    )
    assert _told(events) == [("new", 11000, "JCS"), ("disagreement", 12000, "HUR"), ("new", 300, "NIS"),
                             ("changed", 600, "NIS")]
    assert figures[K].baseline.value == 600  # the backgrounder's old 300 does not move it back
    assert figures[T].baseline.value == 12000


def test_two_sources_alternating_do_not_ping_pong():
    stream = [claim(T, 10000 if i % 2 else 11000, day(1, 1 + 2 * i), "JCS" if i % 2 else "HUR") for i in range(12)]
    events, _ = _events(stream[:4], stream[4:])
    assert [e.kind for e in events] == ["new", "disagreement"]


def test_compatible_statements_do_not_disagree_and_a_more_precise_one_is_still_news():
    same_day, _ = _events([claim(C, 3000, day(1, 13), "Zelensky", qualifier="more_than", low=3000),
                           claim(C, 4000, day(1, 13), "NIS")])
    assert [(e.kind, e.new.value) for e in same_day] == [("new", 3000), ("changed", 4000)]
    ranged, _ = _events([claim(T, 11000, day(3, 1), "JCS")],
                        [claim(T, 11500, day(3, 3), "HUR", qualifier="range", low=11000, high=12000)])
    assert [e.kind for e in ranged] == ["new"]
    vaguer, figures = _events([claim(T, 11000, day(10, 2), "NIS")],
                              [claim(T, 10000, day(10, 3), "Pentagon", qualifier="more_than", low=10000)])
    assert [e.kind for e in vaguer] == ["new"] and figures[T].baseline.value == 11000


def test_a_metrics_disagreements_in_one_batch_are_one_event_listing_each_sources_estimate():
    first = fold_claims({}, [claim(T, 11000, day(3, 1), "JCS")], METRICS)
    batch = [claim(T, 12500, day(3, 3), "HUR"), claim(T, 13500, day(3, 5), "NIS"),
             claim(C, 4000, day(3, 5), "NIS")]
    result = fold_claims(first.figures, batch, METRICS)
    (disagreement,) = [e for e in result.events if e.kind == "disagreement"]
    assert disagreement.new.value == 13500
    assert [(c.source, c.value) for c in disagreement.estimates] == [("NIS", 13500), ("HUR", 12500), ("JCS", 11000)]


def test_a_revision_is_one_source_changing_its_own_figure():
    events, _ = _events([claim(T, 12000, day(1, 24), "Kyiv")], [claim(T, 11000, day(3, 27), "JCS")],
                        [claim(T, 10000, day(5, 27), "JCS")])
    lower, revised = events[1], events[2]
    assert (lower.kind, lower.revision, lower.old.source) == ("changed", False, "Kyiv")  # a lower estimate
    assert (revised.kind, revised.revision, revised.old.value) == ("changed", True, 11000)


def test_every_change_carries_its_sources_own_series():
    events, _ = _events([claim(K, 300, day(1, 13), "NIS")], [claim(K, 600, day(4, 3), "NIS")],
                        [claim(K, 600, day(5, 3), "NIS"), claim(K, 1200, day(6, 12), "HUR")],
                        [claim(K, 2000, day(9, 10), "NIS")])
    last: Event = events[-1]
    assert [(c.value, c.published.month) for c in last.series] == [(300, 1), (600, 4)]  # repeats collapsed
    assert events[0].series == () and [c.value for c in events[1].series] == [300]


def test_a_held_report_older_than_the_newest_one_is_confirmed_with_its_own_date():
    folder = Folder({}, METRICS)
    folder.fold([claim(C, 4000, day(4, 3), "NIS"), claim(C, 60000, day(4, 28), "HUR")])
    (held,) = folder.held(C)
    folder.fold([claim(C, 4000, day(5, 3), "NIS")])
    events, _ = folder.fold([replace(held, review="confirmed")])
    assert [(e.kind, e.new.value, e.old.value) for e in events] == [("disagreement", 60000, 4000)]
    figure = folder.figures()[C]
    assert figure.baseline.value == 4000 and figure.held == ()  # NIS restated its own 4,000 after it


def test_a_named_source_revising_its_own_figure_more_than_threefold_is_news_at_once():
    """The NIS: 600 killed in April, about 2,000 in September (3.3x its own figure) is a revision,
    not a held report; a tenfold jump of its own figure still waits for a second source."""
    metric = "casualties.killed"
    april = claim(metric, 600, day(4, 30), "NIS", url="https://example.org/april")
    september = claim(metric, 2000, day(9, 4), "NIS", url="https://example.org/september")
    result = fold_claims({}, [april, september], METRICS)
    assert [(e.kind, e.new.value, e.revision) for e in result.events] == [("new", 600, False), ("changed", 2000, True)]
    tenfold = claim(metric, 6000, day(9, 4), "NIS", url="https://example.org/september")
    assert [e.kind for e in fold_claims({}, [april, tenfold], METRICS).events] == ["new", "unconfirmed"]


def test_two_independent_sources_far_from_an_odd_current_figure_move_it_on():
    """A skirmish's toll (30) read first stands as the total; then Seoul says 1,100 and Kyiv 3,000:
    each alone is held as implausible, but together two named sources outvote the odd figure."""
    first = claim(C, 30, day(1, 5), "HUR", url="https://example.org/skirmish")
    seoul = claim(C, 1100, day(1, 20), "JCS", url="https://example.org/seoul")
    kyiv = claim(C, 3000, day(2, 10), "Zelensky", url="https://example.org/kyiv")
    result = fold_claims({}, [first, seoul, kyiv], METRICS)
    assert [(e.kind, e.new.value) for e in result.events] == [("new", 30), ("unconfirmed", 1100), ("changed", 3000)]
    assert result.figures[C].baseline.value == 3000 and not result.figures[C].held
    alone = fold_claims({}, [first, seoul], METRICS)  # one far report alone is still held
    assert alone.figures[C].baseline.value == 30 and [c.value for c in alone.figures[C].held] == [1100]


def test_a_far_report_is_held_even_against_an_unsourced_held_figure():
    """Trust first: a named source's 300 against an unsourced 12,000 waits for a second report (a misread "300
    killed" read as troops must not lead a digest, blind round r6), and the unsourced 12,000 is no baseline either;
    a named report near what was held is the first figure."""
    events, figures = _events([claim(T, 12000, day(1, 2), None)], [claim(T, 300, day(1, 3), "NIS")],
                              [claim(T, 11000, day(1, 5), "HUR")])
    assert [(e.kind, e.new.value, e.reason) for e in events] == [
        ("unconfirmed", 12000, "names no source"), ("unconfirmed", 300, "far from the 12,000 another report gives"),
        ("new", 11000, None)]
    assert figures[T].baseline.value == 11000


def test_two_small_reports_do_not_outvote_a_cumulative_count_downwards():
    """Two named sources' small figures (misreads: "300 killed" as troops, "101 portraits") stay held under the
    11,000 sent; a count that only grows moves on from an odd figure upwards only."""
    events, figures = _events([claim(T, 11000, day(1, 2), "CNN")], [claim(T, 300, day(2, 3), "NIS")],
                              [claim(T, 101, day(2, 9), "state media")])
    assert [(e.kind, e.new.value) for e in events] == [("new", 11000), ("unconfirmed", 300), ("unconfirmed", 101)]
    assert figures[T].baseline.value == 11000


def test_a_figure_that_only_agreed_silently_is_still_news_when_stated():
    """"Up to 8,000" after 3,000 agrees and raises nothing; a later "about 8,000" is then news, not a repeat."""
    events, _ = _events([claim(T, 3000, day(1, 2), "NIS")],
                        [claim(T, 8000, day(1, 9), "US", qualifier="at_most", high=8000)],
                        [claim(T, 8000, day(2, 4), "HUR")])
    assert _told(events) == [("new", 3000, "NIS"), ("changed", 8000, "HUR")]
