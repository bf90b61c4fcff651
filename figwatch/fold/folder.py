"""Folding batches of claims into figures and events, metric by metric (series.py has the rules).

The final figures are a function of the set of reports: `figures()` and `figures_from_claims`
replay every distinct report in publication order, so whatever order and batches claims arrive
in, the baselines, history and held reports are the same. Only the events depend on what was
known when: a report older than the newest one folded (late) raises nothing.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from figwatch.fold.reports import copy_rank, order, report_key
from figwatch.fold.series import MetricFold, replay
from figwatch.models import Claim, Event, Figure, Metric
from figwatch.news import eligible


@dataclass(frozen=True)
class FoldResult:
    """The figures after the fold, the events it raised and the claims that were new reports."""

    figures: dict[str, Figure]
    events: tuple[Event, ...]
    reports: tuple[Claim, ...]


def _metric(metrics: Mapping[str, Metric], name: str) -> Metric:
    return metrics.get(name) or Metric(name=name, label=name)


class Folder:
    """A fold in progress: each metric's state stays indexed across batches of claims.

    A long backfill folds batch after batch; rebuilding the state from the figures every batch
    would make it quadratic. `fold_claims` is the one-shot form. A `compact` folder raises the
    same events in memory that does not grow with the stream, but keeps no history: its
    `reports` leave out late claims (older than the newest report) and it has no `figures()`.
    """

    def __init__(self, figures: Mapping[str, Figure], metrics: Mapping[str, Metric], *, window_days: int = 14,
                 compact: bool = False):
        self._metrics, self._window, self._compact = metrics, window_days, compact
        self._folds = {m: replay(_metric(metrics, m), (*f.history, *f.held), window_days, compact=compact)
                       for m, f in figures.items()}

    def _fold_of(self, name: str) -> MetricFold:
        fold = self._folds.get(name)
        if fold is None:
            fold = self._folds[name] = MetricFold(_metric(self._metrics, name), self._window, compact=self._compact)
        return fold

    def fold(self, claims: Iterable[Claim]) -> tuple[tuple[Event, ...], tuple[Claim, ...]]:
        """Fold claims in publication order: (events raised, claims that were new reports).

        A metric's disagreements in one batch are one event: the last, listing each source's
        current estimate."""
        events: list[Event] = []
        fresh: list[Claim] = []
        for claim in sorted((c for c in claims if eligible(c)), key=lambda c: (order(c), copy_rank(c))):
            new, event = self._fold_of(claim.metric).fold(claim)
            if new:
                fresh.append(claim)
            if event is not None:
                events.append(event)
        return self._one_disagreement_each(events), tuple(fresh)

    def _one_disagreement_each(self, events: list[Event]) -> tuple[Event, ...]:
        last = {e.metric: i for i, e in enumerate(events) if e.kind == "disagreement"}
        out = []
        for i, event in enumerate(events):
            if event.kind != "disagreement":
                out.append(event)
            elif last[event.metric] == i:
                out.append(replace(event, estimates=self._folds[event.metric].estimates(event)))
        return tuple(out)

    def figures(self) -> dict[str, Figure]:
        if self._compact:
            raise ValueError("a compact fold keeps no history: read the figures from the store")
        return {m: replay(f.metric, f.keys.values(), self._window).figure() for m, f in self._folds.items()}

    def held(self, metric: str) -> tuple[Claim, ...]:
        """The reports of a metric waiting for corroboration or a person now, oldest first."""
        fold = self._folds.get(metric)
        return tuple(sorted(fold.held.values(), key=order)) if fold else ()


def fold_claims(
    figures: Mapping[str, Figure],
    claims: Iterable[Claim],
    metrics: Mapping[str, Metric],
    *,
    window_days: int = 14,
) -> FoldResult:
    """Fold a batch of claims (attached to their articles) into the figures, in publication order.

    Returns the new figures (untouched metrics included), the events raised, and the claims
    that were new reports; repeats of a known report (syndicated copies, re-fetches) and claims
    that may not become figures (`figwatch.news.eligible`) raise nothing.
    """
    folder = Folder(figures, metrics, window_days=window_days)
    events, reports = folder.fold(claims)
    return FoldResult(figures=folder.figures(), events=events, reports=reports)


def figures_from_claims(claims: Iterable[Claim], metrics: Mapping[str, Metric] | None = None) -> dict[str, Figure]:
    """Figures rebuilt from stored claims (every copy): what folding them in any order gives."""
    best: dict[str, Claim] = {}
    for claim in claims:
        if not eligible(claim):
            continue
        key = report_key(claim)
        held = best.get(key)
        if held is None or copy_rank(claim) < copy_rank(held):
            best[key] = claim
    by_metric: dict[str, list[Claim]] = {}
    for claim in best.values():
        by_metric.setdefault(claim.metric, []).append(claim)
    return {m: replay(_metric(metrics or {}, m), reports).figure() for m, reports in by_metric.items()}


def pending_held(figures: Mapping[str, Figure], metrics: Mapping[str, Metric] | None = None) -> list[Claim]:
    """Held reports that still wait (not released, not superseded by their source), oldest first."""
    waiting = [c for m, f in figures.items() if f.held
               for c in replay(_metric(metrics or {}, m), (*f.history, *f.held)).held.values()]
    return sorted(waiting, key=order)
