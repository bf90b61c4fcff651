"""A metric's story as plain strings and pixels, computed once for the templates.

Points are grouped by canonical source (the same key the fold uses), so a series is what one
source said over time. Formatting goes through figwatch.wording, so the site and the digests
write "about 4,000" the same way.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Sequence

from figwatch.figures import report_key, source_of
from figwatch.models import Claim, Event, Figure, Metric
from figwatch.wording import fmt_date, fmt_delta, fmt_number, fmt_value, who, with_unit
from report import chart

QUALIFIER_NAMES = {
    "exact": "exact", "approx": "approximate", "more_than": "more than", "at_least": "at least",
    "less_than": "less than", "at_most": "at most", "range": "range",
}
UNATTRIBUTED = "Unattributed"
#: A page lists this many disagreements, newest first; older ones are counted, not listed.
MAX_DISAGREEMENTS = 100


def safe_href(url: str | None) -> str | None:
    """Links a reader may follow: web pages, and file:// for a corpus read from disk; never javascript:."""
    if url and url.lower().startswith(("http://", "https://", "file://")):
        return url
    return None


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    band: tuple[float, float] | None  # pixel top and bottom of the stated range
    bound: str | None  # "up" / "down": an open range ("over 3,000", "up to 500")
    revision: bool
    value: str  # "about 4,000 soldiers"
    qualifier: str
    source: str
    outlet: str
    date: str
    quote: str
    url: str | None

    @property
    def label(self) -> str:
        mark = ", a revision" if self.revision else ""
        return f"{self.value}, {self.source}, {self.date}{mark}"


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    colour: str
    points: tuple[Point, ...]

    @property
    def path(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)


@dataclass(frozen=True)
class Row:
    date: str
    value: str
    qualifier: str
    source: str
    outlet: str
    quote: str
    url: str | None
    revision: bool
    revised_from: str


@dataclass(frozen=True)
class Disagreement:
    date: str
    one: Row
    other: Row


@dataclass(frozen=True)
class Chart:
    scale: chart.Scale
    series: tuple[Series, ...]
    x_ticks: tuple[chart.Tick, ...]
    y_ticks: tuple[chart.Tick, ...]
    title: str
    desc: str


def revision_keys(events: Iterable[Event]) -> set[str]:
    """Reports the fold called a source revising itself: marked on the chart and in the table."""
    return {report_key(e.new) for e in events if e.revision}


def is_revision(claim: Claim, revisions: set[str]) -> bool:
    return claim.revised_from is not None or report_key(claim) in revisions


def row(claim: Claim, unit: str, revisions: set[str]) -> Row:
    return Row(
        date=fmt_date(claim), value=with_unit(fmt_value(claim), unit),
        qualifier=QUALIFIER_NAMES.get(claim.qualifier, claim.qualifier), source=series_label(claim),
        outlet=claim.outlet or "", quote=claim.evidence.strip(), url=safe_href(claim.article_url),
        revision=is_revision(claim, revisions),
        revised_from="" if claim.revised_from is None else with_unit(fmt_number(claim.revised_from), unit),
    )


def series_label(claim: Claim) -> str:
    return claim.source_key or claim.source or UNATTRIBUTED


def group_by_source(history: Sequence[Claim]) -> list[tuple[str, list[Claim]]]:
    """Reports per canonical source, the most prolific source first (it gets the first colour)."""
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in history:
        groups[source_of(claim)].append(claim)
    return sorted(groups.items(), key=lambda kv: (kv[0] == "", -len(kv[1]), kv[0]))


def _point(claim: Claim, xy: tuple[float, float], scale: chart.Scale, unit: str, revisions: set[str]) -> Point:
    band = None
    if claim.low is not None and claim.high is not None and claim.high > claim.low:
        band = (scale.y(claim.high), scale.y(claim.low))
    bound = None
    if band is None and claim.qualifier in ("more_than", "at_least"):
        bound = "up"
    elif band is None and claim.qualifier in ("less_than", "at_most"):
        bound = "down"
    r = row(claim, unit, revisions)
    return Point(xy[0], xy[1], band, bound, r.revision, r.value, r.qualifier, r.source, r.outlet or "unknown outlet",
                 r.date, r.quote, r.url)


def published_at(claim: Claim) -> datetime:
    """The publication time of a claim the timeline keeps (an undated one is never drawn)."""
    if claim.published is None:
        raise ValueError(f"an undated {claim.metric} claim has no place on a timeline")
    return claim.published


def build_chart(figure: Figure, metric: Metric | None, revisions: set[str]) -> Chart | None:
    """The timeline: one series per source, points at publication dates, bands for ranges."""
    history = [c for c in figure.history if c.published is not None]
    if not history:
        return None
    unit = metric.unit if metric else ""
    tops = [c.high if c.high is not None else c.value for c in history]
    scale = chart.make_scale([published_at(c) for c in history], tops + [c.value for c in history])
    groups = group_by_source(history)
    flat = [(i, c) for i, (_, claims) in enumerate(groups) for c in claims]
    xys = chart.dodge([(scale.x(published_at(c)), scale.y(c.value)) for _, c in flat])
    per: list[list[Point]] = [[] for _ in groups]
    for (i, claim), xy in zip(flat, xys, strict=True):
        per[i].append(_point(claim, xy, scale, unit, revisions))
    series = tuple(
        Series(key or "unattributed", series_label(claims[0]) if key else UNATTRIBUTED,
               chart.UNATTRIBUTED_COLOUR if not key else chart.PALETTE[i % len(chart.PALETTE)], tuple(per[i]))
        for i, (key, claims) in enumerate(groups)
    )
    name = metric.label if metric and metric.label else figure.metric
    return Chart(scale, series, tuple(chart.time_ticks(scale)), tuple(chart.value_ticks(scale)),
                 title=f"{name}: reported figures over time, by source", desc=describe(figure, series, unit))


def describe(figure: Figure, series: Sequence[Series], unit: str) -> str:
    """The chart in one paragraph, for screen readers and for anyone the picture fails."""
    history = figure.history
    first, last = fmt_date(history[0]), fmt_date(history[-1])
    parts = [f"{len(history)} reports from {len(series)} sources between {first} and {last}."]
    parts += [f"{s.label}: {len(s.points)} reports, latest {s.points[-1].value} on {s.points[-1].date}."
              for s in series]
    if figure.baseline is not None:
        parts.append(f"Latest report: {with_unit(fmt_value(figure.baseline), unit)} ({who(figure.baseline)}).")
    return " ".join(parts)


def disagreements(events: Iterable[Event], unit: str, revisions: set[str]) -> list[Disagreement]:
    """The fold's disagreements, newest first: two sources, the same days, different figures."""
    found = [(e, e.old) for e in events if e.kind == "disagreement" and e.old is not None]
    found.sort(key=lambda pair: (pair[0].new.published is None, pair[0].new.published), reverse=True)
    return [Disagreement(fmt_date(e.new), row(e.new, unit, revisions), row(old, unit, revisions))
            for e, old in found]


def last_change(events: Sequence[Event]) -> str:
    """"over 3,000 → about 4,000, +1,000 (+33.3%), on 2025-03-27": the latest `changed` event."""
    changed = [(e, e.old) for e in events if e.kind == "changed" and e.old is not None and e.new.published is not None]
    if not changed:
        return ""
    # ties: the later event
    _, _, e, old = max((ev.new.published, i, ev, old) for i, (ev, old) in enumerate(changed))
    return f"{fmt_value(old)} → {fmt_value(e.new)}, {fmt_delta(e)}, on {fmt_date(e.new)}"


