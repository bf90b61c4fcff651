"""Folding claims into figures: baselines, history and change events (docs/DESIGN.md section 4). Pure.

A figure's history is the set of distinct reports of its metric (one report, many syndicated
copies: deduplicated on `report_key`), oldest first; its baseline is the latest report by
publication time. Both are functions of the *set* of reports, so whatever order claims arrive
in, the final figures are the same; only the events depend on what was known when.

Decisions the design leaves open, taken here:

* Reviewable claims (confidence < 0.5) stay out of figures altogether: no history, no
  baseline, no event. The store keeps them (every claim) for review.
* A batch is read in publication order, so one `fold_claims` call over January and March
  articles tells January's figure as `new` and March's as `changed`.
* "Same value in other words": within the threshold of the baseline, or either value inside the
  other's stated range (`low`..`high`; a missing bound is the value itself, so "over 3,000"
  does not swallow "nearly 4,000").
* The newer report becomes the baseline even when its event is a `disagreement`.
* A source repeating its own earlier figure (a backgrounder, two sources alternating) is not
  news: outside the disagreement window it gives no event.
* A revision (same source, different figure) is `changed` with `revision=True` and `old` set
  to that source's own previous report, whichever source holds the baseline.
* Claims on the same day from sources without a name are never "the same source".
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Iterable, Mapping, Sequence

from figwatch.models import Claim, Event, Figure, Metric

__all__ = [
    "FoldResult", "Folder", "fold_claims", "report_key", "baseline_of", "figures_from_claims", "same_figure", "source_of",
]


@dataclass(frozen=True)
class FoldResult:
    """The figures after the fold, the events it raised and the claims that were new reports."""

    figures: dict[str, Figure]
    events: tuple[Event, ...]
    reports: tuple[Claim, ...]


def source_of(claim: Claim) -> str:
    """The canonical source: `source_key`, else the written source normalised, else ""."""
    if claim.source_key:
        return claim.source_key.strip()
    if claim.source:
        return re.sub(r"\s+", " ", claim.source).strip().casefold()
    return ""


def _format_value(value: float) -> str:
    return repr(int(value)) if float(value).is_integer() else repr(float(value))


def report_key(claim: Claim) -> str:
    """One report, many copies: metric, canonical source, value and publication date (UTC)."""
    day = _utc_day(claim.published)
    return "|".join((claim.metric, source_of(claim), _format_value(claim.value), day))


def _utc_day(when: datetime | None) -> str:
    """The UTC date, so a claim keeps its key whatever time zone it comes back from the store in."""
    if when is None:
        return ""
    return (when.astimezone(timezone.utc) if when.tzinfo else when).date().isoformat()


def _order(claim: Claim) -> tuple[datetime, float, float, str]:
    """Where a report sits in a history: by publication time, then by weight.

    Reports published at the same moment (dates without a time are common) are ranked by the
    extractor's confidence (a stated figure above one derived from a fraction), then by value
    (a cumulative count only grows, so the larger is the later state), then by key.
    """
    if claim.published is None:
        raise ValueError(f"claim for {claim.metric} has no publication time: attach it to its article first")
    return (claim.published, claim.confidence, claim.value, report_key(claim))


def _copy_rank(claim: Claim) -> tuple:
    """Which copy of one report stands for it: a total order on what a copy holds, independent
    of time zones and storage, so history never depends on arrival order or the backend."""
    def num(x: float | None) -> float:
        return float("-inf") if x is None else float(x)

    return (
        claim.article_url or "", claim.start, claim.end, claim.evidence,
        claim.published.timestamp() if claim.published else 0.0, claim.qualifier,
        num(claim.low), num(claim.high), num(claim.revised_from), claim.confidence,
        claim.source or "", claim.outlet or "", claim.title or "",
        claim.as_of.isoformat() if claim.as_of else "",
    )


def baseline_of(history: Sequence[Claim] | Iterable[Claim]) -> Claim | None:
    """The latest report by publication time (ties: the greatest report key), or None."""
    return max(history, key=_order, default=None)


def figures_from_claims(claims: Iterable[Claim]) -> dict[str, Figure]:
    """Figures rebuilt from stored claims (every copy): what folding them in any order gives."""
    best: dict[str, Claim] = {}
    for claim in claims:
        if claim.reviewable:
            continue
        key = report_key(claim)
        held = best.get(key)
        if held is None or _copy_rank(claim) < _copy_rank(held):
            best[key] = claim
    by_metric: dict[str, list[Claim]] = {}
    for claim in best.values():
        by_metric.setdefault(claim.metric, []).append(claim)
    return {m: _figure(m, reports) for m, reports in by_metric.items()}


def _figure(metric: str, reports: Iterable[Claim]) -> Figure:
    history = tuple(sorted(reports, key=_order))
    return Figure(metric=metric, baseline=history[-1] if history else None, history=history)


def _bounds(claim: Claim) -> tuple[float, float]:
    low = claim.low if claim.low is not None else claim.value
    high = claim.high if claim.high is not None else claim.value
    return (min(low, high, claim.value), max(low, high, claim.value))


def same_figure(a: Claim, b: Claim, threshold: float) -> bool:
    """True when `b` says `a`'s figure in other words: within the threshold or the stated range."""
    if abs(b.value - a.value) <= threshold * abs(a.value):
        return True
    a_low, a_high = _bounds(a)
    b_low, b_high = _bounds(b)
    return a_low <= b.value <= a_high or b_low <= a.value <= b_high


class _Series:
    """One metric's reports during a fold, indexed so each new claim costs O(log n), not O(n).

    Compact, it keeps only what events are decided by, so a long stream folds in flat memory:
    the baseline, each source's latest report and the report keys of the baseline's day onwards.
    That is exact: a claim older than the baseline raises nothing, and one newer than it is
    compared with the baseline and with its source's latest report, never with older ones."""

    def __init__(self, reports: Iterable[Claim], *, compact: bool = False):
        self.known: dict[str, Claim] = {}
        self.baseline: Claim | None = None
        self.compact = compact
        self._by_source: dict[str, list[tuple[tuple, Claim]]] = {}
        self._days: dict[str, list[str]] = {}  # compact: report keys by UTC day, to drop past days
        for claim in reports:
            self.add(report_key(claim), claim)

    def add(self, key: str, claim: Claim) -> None:
        order = _order(claim)
        if self.late(order):
            self._keep_latest(claim, order)
            return  # a late report: history only, and history is the store's
        self.known[key] = claim
        if self.baseline is None or order > _order(self.baseline):
            self._advance(claim)
        if self.compact:
            self._days.setdefault(_utc_day(claim.published), []).append(key)
            self._keep_latest(claim, order)
            return
        source = source_of(claim)
        if source:
            insort(self._by_source.setdefault(source, []), (order, claim), key=lambda pair: pair[0])

    def late(self, order: tuple) -> bool:
        """Compact, and older than the baseline: a claim that raises nothing and is not kept."""
        return self.compact and self.baseline is not None and order < _order(self.baseline)

    def _advance(self, claim: Claim) -> None:
        old_day = _utc_day(self.baseline.published) if self.baseline else ""
        self.baseline = claim
        day = _utc_day(claim.published)
        if self.compact and day != old_day:
            for past in [d for d in self._days if d < day]:
                for key in self._days.pop(past):
                    self.known.pop(key, None)

    def _keep_latest(self, claim: Claim, order: tuple) -> None:
        source = source_of(claim)
        held = self._by_source.get(source)
        if source and (not held or order > held[-1][0]):
            self._by_source[source] = [(order, claim)]

    def own_previous(self, claim: Claim) -> Claim | None:
        """The claim's source's latest earlier report, when the claim names a source."""
        own = self._by_source.get(source_of(claim))
        if not own:
            return None
        i = bisect_left(own, _order(claim), key=lambda pair: pair[0])
        return own[i - 1][1] if i else None


def classify(series: _Series, claim: Claim, metric: Metric, window_days: int) -> Event | None:
    """The event one new, confident report raises against a figure's history (section 4's table)."""
    baseline = series.baseline
    if baseline is None:
        return Event(kind="new", metric=claim.metric, new=claim)
    if _order(claim) < _order(baseline) or same_figure(baseline, claim, metric.threshold):
        return None  # a late report, or the baseline in other words: history only
    own = series.own_previous(claim)
    if own is not None and not same_figure(own, claim, metric.threshold):
        return Event(kind="changed", metric=claim.metric, new=claim, old=own, revision=True)
    within = claim.published - baseline.published <= timedelta(days=window_days)
    if within:
        return Event(kind="disagreement", metric=claim.metric, new=claim, old=baseline)
    if own is not None:
        return None  # the source repeats its own earlier figure: not news
    return Event(kind="changed", metric=claim.metric, new=claim, old=baseline)


class Folder:
    """A fold in progress: each metric's series stays indexed across batches of claims.

    A long backfill folds batch after batch; rebuilding the series from the figures every batch
    would make it quadratic. `fold_claims` is the one-shot form. A `compact` folder raises the
    same events in memory that does not grow with the stream, but keeps no history: its
    `reports` leave out late claims (older than the baseline) and it has no `figures()`.
    """

    def __init__(self, figures: Mapping[str, Figure], metrics: Mapping[str, Metric], *, window_days: int = 14,
                 compact: bool = False):
        self._series = {m: _Series(f.history, compact=compact) for m, f in figures.items()}
        self._metrics, self._window, self._compact = metrics, window_days, compact

    def fold(self, claims: Iterable[Claim]) -> tuple[tuple[Event, ...], tuple[Claim, ...]]:
        """Fold claims in publication order: (events raised, claims that were new reports)."""
        events: list[Event] = []
        fresh: list[Claim] = []
        confident = [c for c in claims if not c.reviewable]
        for claim in sorted(confident, key=lambda c: (_order(c), _copy_rank(c))):
            figure = self._series.get(claim.metric) or self._series.setdefault(
                claim.metric, _Series((), compact=self._compact))
            key = report_key(claim)
            if figure.late(_order(claim)):
                figure.add(key, claim)  # late: it raises nothing, and whether it repeats a report is not kept
                continue
            held = figure.known.get(key)
            if held is not None:
                if _copy_rank(claim) < _copy_rank(held):
                    figure.known[key] = claim  # the same report; keep the copy that always stands for it
                continue
            metric = self._metrics.get(claim.metric) or Metric(name=claim.metric, label=claim.metric)
            event = classify(figure, claim, metric, self._window)
            figure.add(key, claim)
            fresh.append(claim)
            if event is not None:
                events.append(event)
        return tuple(events), tuple(fresh)

    def figures(self) -> dict[str, Figure]:
        if self._compact:
            raise ValueError("a compact fold keeps no history: read the figures from the store")
        return {m: _figure(m, f.known.values()) for m, f in self._series.items()}


def fold_claims(
    figures: Mapping[str, Figure],
    claims: Iterable[Claim],
    metrics: Mapping[str, Metric],
    *,
    window_days: int = 14,
) -> FoldResult:
    """Fold a batch of claims (attached to their articles) into the figures, in publication order.

    Returns the new figures (untouched metrics included), the events raised, and the claims
    that were new reports; repeats of a known report (syndicated copies, re-fetches) and
    reviewable claims raise nothing.
    """
    folder = Folder(figures, metrics, window_days=window_days)
    events, reports = folder.fold(claims)
    return FoldResult(figures=folder.figures(), events=events, reports=reports)
