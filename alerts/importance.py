"""One group per metric and the order a reader meets them: the digest's documented ranking.

A digest tells each metric once. Its events (a change, a first figure, a disagreement, a
held report) are gathered into one group led by the event that says what the figure is now:
a stated change before a first figure, and either before a derived one; among equals the
newest report, then the largest change.

Groups are ranked by, in order:
  1. section: a change, then a first figure, then sources that only differ, then metrics with
     nothing but held (unconfirmed) reports;
  2. a stated figure before a derived one (a share of a total never leads on its own);
  3. the metric's importance: its place in the topic file (troops, then casualties, then
     weapons for nk_russia), metrics the topic does not know last, by name;
  4. the size of the change, largest first.
The subject line is the first group that may lead: a change or first figure, stated, confirmed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from figwatch.models import Event, Metric

SECTIONS = ("changed", "new", "disagreement", "unconfirmed")
_KIND_ORDER = {kind: i for i, kind in enumerate(SECTIONS)}


@dataclass(frozen=True)
class MetricGroup:
    metric: str
    section: str  # one of SECTIONS
    lead: Event | None  # the change or first figure that says what the figure is now
    events: tuple[Event, ...]  # every event of the metric, lead first

    @property
    def disagreements(self) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.kind == "disagreement")

    @property
    def held(self) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.kind == "unconfirmed")

    @property
    def derived(self) -> bool:
        return self.lead is not None and self.lead.new.derived

    @property
    def can_lead(self) -> bool:
        """May this group be the digest's subject: a stated change or first figure."""
        return self.lead is not None and not self.lead.new.derived


def _size(event: Event | None) -> float:
    pct = event.percent if event is not None else None
    return abs(pct) if pct is not None else 0.0


def _lead(events: Sequence[Event]) -> Event | None:
    """Stated before derived, a change before a first figure, then the newest, then the largest."""
    candidates = [(i, e) for i, e in enumerate(events) if e.kind in ("changed", "new")]
    if not candidates:
        return None

    def key(item: tuple[int, Event]) -> tuple:
        i, e = item
        published = e.new.published.timestamp() if e.new.published else float("-inf")
        return (e.new.derived, _KIND_ORDER[e.kind], -published, -_size(e), i)

    return min(candidates, key=key)[1]


def group_events(events: Sequence[Event], metrics: Mapping[str, Metric]) -> list[MetricGroup]:
    """One group per metric, ranked as the module docstring says."""
    by_metric: dict[str, list[Event]] = {}
    for e in events:
        by_metric.setdefault(e.metric, []).append(e)
    topic_order = {name: i for i, name in enumerate(metrics)}
    groups = []
    for metric, evs in by_metric.items():
        lead = _lead(evs)
        if lead is not None:
            section = lead.kind
        elif any(e.kind == "disagreement" for e in evs):
            section = "disagreement"
        else:
            section = "unconfirmed"
        rest = sorted((e for e in evs if e is not lead), key=lambda e: _KIND_ORDER.get(e.kind, len(SECTIONS)))
        groups.append(MetricGroup(metric, section, lead, tuple(([lead] if lead else []) + rest)))

    def rank(g: MetricGroup) -> tuple:
        importance = topic_order.get(g.metric, len(topic_order))
        return (_KIND_ORDER[g.section], g.derived, importance, g.metric, -_size(g.lead))

    return sorted(groups, key=rank)
