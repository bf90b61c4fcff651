"""From a run's events and watchdog notices to one Digest whose subject says the biggest change.

The order of events is the order a reader should meet them: changes (a source revising its
own figure first, then by size), then disagreements, then first-time figures.
"""
from __future__ import annotations

from datetime import datetime
from typing import Mapping, Sequence

from figwatch.models import Digest, Event, Metric, Notice

from figwatch.wording import fmt_value, header_safe, label_of, who

SUBJECT_PREFIX = "figwatch: "
_KIND_RANK = {"changed": 0, "disagreement": 1, "new": 2}


def order_events(events: Sequence[Event]) -> list[Event]:
    """Changed (revisions first, then by |percent| descending), disagreements, new; stable."""

    def key(e: Event) -> tuple:
        pct = e.percent
        size = -abs(pct) if pct is not None else 0.0
        revision_first = 0 if (e.kind == "changed" and e.revision) else 1
        return (_KIND_RANK.get(e.kind, 3), revision_first, size, e.metric)

    return sorted(events, key=key)


def headline(event: Event, metrics: Mapping[str, Metric]) -> str:
    """One event in a dozen words: "Casualties (total) over 3,000 → about 4,000, per Seoul"."""
    label = label_of(event.metric, metrics)
    new = fmt_value(event.new)
    if event.kind == "changed" and event.old is not None:
        return f"{label} {fmt_value(event.old)} → {new}, per {who(event.new)}"
    if event.kind == "disagreement" and event.old is not None:
        return f"{label}: {new} per {who(event.new)} vs {fmt_value(event.old)} per {who(event.old)}"
    return f"{label}: {new} (first report), per {who(event.new)}"


def subject_for(events: Sequence[Event], notices: Sequence[Notice], metrics: Mapping[str, Metric]) -> str:
    """The headline of the first (most important) item, then how many more; one header-safe line."""
    if events:
        lead = headline(events[0], metrics)
    elif notices:
        lead = notices[0].message
    else:
        lead = "nothing new"
    more = len(events) + len(notices) - 1
    if more > 0:
        lead += f" (+{more} more)"
    return header_safe(SUBJECT_PREFIX + lead)


def build_digest(
    events: Sequence[Event],
    notices: Sequence[Notice],
    metrics: Mapping[str, Metric],
    *,
    now: datetime,
) -> Digest:
    """A digest of events (ordered for the reader) and notices; a digest of notices alone is fine."""
    ordered = order_events(events)
    return Digest(
        subject=subject_for(ordered, notices, metrics),
        created=now,
        events=tuple(ordered),
        notices=tuple(notices),
    )
