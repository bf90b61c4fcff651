"""Whatever order and batches claims arrive in, the final baselines and history are the same."""
from __future__ import annotations

import zlib
from dataclasses import replace
from datetime import timedelta, timezone
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from figwatch.figures import Folder, figures_from_claims, fold_claims, report_key
from tests.figures.helpers_fold import METRICS, claim, day

SOURCES = [None, "Kyiv", "NIS", "South Korea JCS", "Seoul"]


VALUES = [300, 1000, 3000, 3100, 4000, 11000, 12000, 12500, 40000]  # ratios beyond 3: reports are held


def _verdict(metric: str, source: str | None, value: float, when) -> str | None:
    """A person's verdict is on the report, so every copy carries the same one."""
    key = f"{metric}|{source}|{value}|{when.astimezone(timezone.utc).date()}"
    return {0: "confirmed", 1: "rejected"}.get(zlib.crc32(key.encode()) % 7)


@st.composite
def claims(draw):
    """A small, messy news stream: few metrics, sources, values and days, so keys collide; some
    reports are far from the others (held until corroborated), unsourced, open-ended, ranged,
    derived, superseded or planned, or carry a person's verdict."""
    metric = draw(st.sampled_from(["troops.deployed", "casualties.total"]))
    value = draw(st.sampled_from(VALUES))
    when = day(1, 1) + timedelta(days=draw(st.integers(0, 60)), hours=draw(st.sampled_from([0, 5, 13])))
    when = when.astimezone(timezone(timedelta(hours=draw(st.sampled_from([0, 9, -5])))))  # Seoul, New York
    shape = draw(st.sampled_from(["approx", "approx", "range", "more_than"]))
    source = draw(st.sampled_from(SOURCES))
    low = {"range": value * 0.9, "more_than": value}.get(shape)
    made = claim(
        metric, value, when, source,
        qualifier=shape, low=low, high=value * 1.1 if shape == "range" else None,
        url=draw(st.sampled_from(["https://a.example/1", "https://b.example/2", "https://c.example/3"])),
        confidence=draw(st.sampled_from([1.0, 0.9, 0.3])),
    )
    return replace(made, stance=draw(st.sampled_from(["current"] * 6 + ["superseded", "planned", "denied"])),
                   derived=draw(st.booleans()) and draw(st.booleans()), review=_verdict(metric, source, value, when))


def _fold_in_batches(stream, cuts):
    figures = {}
    bounds = [0, *sorted(cuts), len(stream)]
    for lo, hi in pairwise(bounds):
        figures = fold_claims(figures, stream[lo:hi], METRICS).figures
    return figures


@settings(max_examples=150, deadline=None)
@given(
    stream=st.lists(claims(), max_size=25),
    data=st.data(),
)
def test_any_order_and_batching_give_the_same_figures(stream, data):
    reference = fold_claims({}, stream, METRICS).figures
    shuffled = data.draw(st.permutations(stream))
    cuts = data.draw(st.lists(st.integers(0, len(stream)), max_size=5))
    assert _fold_in_batches(shuffled, cuts) == reference
    assert figures_from_claims(shuffled) == reference  # what a store rebuilds from every copy


@settings(max_examples=100, deadline=None)
@given(stream=st.lists(claims(), max_size=25))
def test_history_is_sorted_deduplicated_and_baseline_is_accepted(stream):
    for figure in fold_claims({}, stream, METRICS).figures.values():
        keys = [report_key(c) for c in (*figure.history, *figure.held)]
        assert len(set(keys)) == len(keys)  # a report is accepted or held, once
        for part in (figure.history, figure.held):
            assert [c.published for c in part] == sorted(c.published for c in part)
        if figure.baseline is None:  # nothing accepted yet: every report is held
            assert figure.history == () and figure.held
        else:
            assert figure.baseline in figure.history and figure.baseline not in figure.held
        assert not any(c.reviewable for c in (*figure.history, *figure.held))


def _events_in_batches(stream, cuts, *, compact):
    folder = Folder({}, METRICS, compact=compact)
    bounds = [0, *sorted(cuts), len(stream)]
    return [e for lo, hi in pairwise(bounds) for e in folder.fold(stream[lo:hi])[0]], folder


@settings(max_examples=300, deadline=None)
@given(stream=st.lists(claims(), max_size=40), data=st.data())
def test_a_compact_fold_raises_the_same_events_in_any_order_and_batching(stream, data):
    """Compact (a long backfill's flat memory) keeps only the baseline, each source's latest
    report and recent keys; the events must still be the full history's, late claims included."""
    shuffled = data.draw(st.permutations(stream))
    cuts = data.draw(st.lists(st.integers(0, len(stream)), max_size=6))
    full, _ = _events_in_batches(shuffled, cuts, compact=False)
    compact, folder = _events_in_batches(shuffled, cuts, compact=True)
    assert compact == full
    kept = sum(len(s.keys) for s in folder._folds.values())
    assert kept <= len({report_key(c) for c in stream})


def test_a_compact_fold_forgets_past_days_and_has_no_figures():
    stream = [claim("troops.deployed", 1000 * (1 + i % 2), day(1, 1) + timedelta(days=i), "NIS") for i in range(30)]
    folder = Folder({}, METRICS, compact=True)
    events, _ = folder.fold(stream)
    assert [e.kind for e in events] == ["new", "changed"]  # 1,000 and 2,000 are news once each, no ping-pong
    assert len(folder._folds["troops.deployed"].keys) == 1  # the newest report's day only
    with pytest.raises(ValueError, match="no history"):
        folder.figures()
