"""The digest as plain strings, computed once and shared by every renderer.

Templates stay dumb (no arithmetic, no formatting rules) so text, HTML, Slack and JSON cannot
drift apart in what they claim.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from figwatch.models import Claim, Digest, Event, Metric, Notice

from figwatch.wording import metric_page_url
from figwatch.wording import attribution, fmt_date, fmt_delta, fmt_value, label_of, outlet_of, unit_of, who, with_unit

HISTORY_ROWS = 8
_ROLES = {"changed": ("before", "now"), "disagreement": ("one report", "another report")}


@dataclass(frozen=True)
class SourceLine:
    role: str  # "before", "now", "reported", ...
    who: str
    attribution: str  # "per South Korea JCS" or "unattributed"
    value: str
    outlet: str
    date: str
    url: str | None
    quote: str


@dataclass(frozen=True)
class HistoryRow:
    date: str
    value: str
    who: str
    share: float  # 0..1 of the largest value shown: the bar width


@dataclass(frozen=True)
class EventView:
    kind: str
    metric: str
    label: str
    headline: str  # "over 3,000 → about 4,000 soldiers"
    change: str  # "+1,000 (+33.3%)" or ""
    marks: tuple[str, ...]
    sources: tuple[SourceLine, ...]
    history: tuple[HistoryRow, ...]
    page: str | None = None  # the metric's timeline page, when a report base URL is configured


@dataclass(frozen=True)
class NoticeGroup:
    title: str
    notices: tuple[Notice, ...]


@dataclass(frozen=True)
class DigestView:
    subject: str
    created: str
    changed: tuple[EventView, ...]
    disagreements: tuple[EventView, ...]
    new: tuple[EventView, ...]
    notice_groups: tuple[NoticeGroup, ...]
    base_url: str | None

    @property
    def events(self) -> tuple[EventView, ...]:
        return self.changed + self.disagreements + self.new


_NOTICE_TITLES = (
    ("source_failing", "Sources failing"),
    ("source_recovered", "Sources recovered"),
    ("metric_stale", "Figures with no recent report"),
    ("run_missed", "Missed runs"),
)


def safe_url(url: str | None) -> str | None:
    """Only web links reach a reader's click: a feed could carry a javascript: or data: URL."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def source_line(role: str, claim: Claim) -> SourceLine:
    return SourceLine(
        role=role,
        who=who(claim),
        attribution=attribution(claim),
        value=fmt_value(claim),
        outlet=outlet_of(claim),
        date=fmt_date(claim),
        url=safe_url(claim.article_url),
        quote=claim.evidence.strip(),
    )


def marks_for(event: Event) -> tuple[str, ...]:
    """What a close reader must not miss: a source revising itself, a figure going down."""
    marks = []
    if event.revision:
        marks.append(f"revised by {who(event.new)}")
    if event.kind == "changed" and event.downward:
        marks.append("downward revision")
    return tuple(marks)


def history_rows(claims: Sequence[Claim]) -> tuple[HistoryRow, ...]:
    """The last few reports, oldest first, with bar widths relative to the largest shown."""
    shown = list(claims)[-HISTORY_ROWS:]
    top = max((abs(c.value) for c in shown), default=0.0) or 1.0
    return tuple(
        HistoryRow(date=fmt_date(c), value=fmt_value(c), who=who(c), share=round(abs(c.value) / top, 3))
        for c in shown
    )


def event_view(
    event: Event, metrics: Mapping[str, Metric], history: Sequence[Claim], base_url: str | None = None
) -> EventView:
    unit = unit_of(event.metric, metrics)
    new = fmt_value(event.new)
    if event.old is not None and event.kind == "changed":
        line = with_unit(f"{fmt_value(event.old)} → {new}", unit)
    elif event.old is not None:
        line = f"{with_unit(new, unit)} ({who(event.new)}) vs {with_unit(fmt_value(event.old), unit)} ({who(event.old)})"
    else:
        line = with_unit(new, unit)
    if event.old is not None:
        old_role, new_role = _ROLES.get(event.kind, ("before", "now"))
        sources = (source_line(old_role, event.old), source_line(new_role, event.new))
    else:
        sources = (source_line("reported", event.new),)
    return EventView(
        kind=event.kind,
        metric=event.metric,
        label=label_of(event.metric, metrics),
        headline=line,
        change=fmt_delta(event) if event.kind == "changed" else "",
        marks=marks_for(event),
        sources=sources,
        history=history_rows(history) if event.kind == "changed" else (),
        page=metric_page_url(base_url, event.metric) if base_url else None,
    )


def digest_view(
    digest: Digest,
    metrics: Mapping[str, Metric],
    *,
    base_url: str | None = None,
    history: Mapping[str, Sequence[Claim]] | None = None,
) -> DigestView:
    history = history or {}
    views = [event_view(e, metrics, history.get(e.metric, ()), base_url) for e in digest.events]
    groups = tuple(
        NoticeGroup(title, tuple(n for n in digest.notices if n.kind == kind))
        for kind, title in _NOTICE_TITLES
        if any(n.kind == kind for n in digest.notices)
    )
    return DigestView(
        subject=digest.subject,
        created=digest.created.strftime("%Y-%m-%d %H:%M UTC"),
        changed=tuple(v for v in views if v.kind == "changed"),
        disagreements=tuple(v for v in views if v.kind == "disagreement"),
        new=tuple(v for v in views if v.kind == "new"),
        notice_groups=groups,
        base_url=base_url,
    )
