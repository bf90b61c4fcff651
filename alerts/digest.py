"""From a run's events and watchdog notices to one Digest whose subject says the biggest change.

Events are ordered metric by metric in the digest's ranking (alerts/importance.py). The subject
is the most important confirmed change in words ("North Korean soldiers killed in Russia's war:
NIS now says about 2,000, up from 600 in April"); it is never a held, derived-only or
disagreement-only figure: without a confirmed change it says plainly what the digest holds
("figwatch: 2 figures held for confirmation").
"""
from __future__ import annotations

from datetime import datetime
from typing import Mapping, Sequence

from alerts.importance import MetricGroup, group_events
from alerts.phrases import phrases
from alerts.phrasing import change_line
from figwatch.models import Digest, Event, Metric, Notice
from figwatch.wording import header_safe, label_of


def order_events(events: Sequence[Event], metrics: Mapping[str, Metric] | None = None) -> list[Event]:
    """Metric by metric in the digest's ranking, each metric's leading event first; stable."""
    return [e for g in group_events(events, metrics or {}) for e in g.events]


def headline(group: MetricGroup, metrics: Mapping[str, Metric]) -> str:
    """A leading group in one sentence: "<label>: NIS now says about 2,000, up from 600 in April"."""
    assert group.lead is not None
    return f"{label_of(group.metric, metrics)}: {change_line(group.lead)}"


def _count(n: int, template: str) -> str:
    words = phrases().subject
    return template.format(n=n, figures=words["figure"] if n == 1 else words["figures"])


def neutral_subject(groups: Sequence[MetricGroup]) -> str:
    """What a digest without a confirmed change holds: held, differing and derived figures."""
    words = phrases().subject
    held = sum(len(g.held) for g in groups)
    differ = sum(1 for g in groups if g.section == "disagreement")
    derived = sum(1 for g in groups if g.derived)
    parts = [_count(n, words[key]) for n, key in ((held, "held"), (differ, "differ"), (derived, "derived")) if n]
    return words["join"].join(parts) or words["nothing"]


def subject_for(events: Sequence[Event], notices: Sequence[Notice], metrics: Mapping[str, Metric]) -> str:
    """The first group that may lead, else a neutral count, else the first notice; one header-safe line."""
    groups = group_events(events, metrics)
    lead = next((g for g in groups if g.can_lead), None)
    if lead is not None:
        text = headline(lead, metrics)
    elif groups:
        text = neutral_subject(groups)
    elif notices:
        text = notices[0].message
    else:
        text = phrases().subject["nothing"]
    return header_safe(phrases().subject["prefix"] + text)


def build_digest(
    events: Sequence[Event],
    notices: Sequence[Notice],
    metrics: Mapping[str, Metric],
    *,
    now: datetime,
) -> Digest:
    """A digest of events (ordered for the reader) and notices; a digest of notices alone is fine."""
    ordered = order_events(events, metrics)
    return Digest(
        subject=subject_for(ordered, notices, metrics),
        created=now,
        events=tuple(ordered),
        notices=tuple(notices),
    )
