"""The digest as plain strings, computed once and shared by every renderer.

Templates stay dumb (no arithmetic, no formatting rules) so text, HTML, Slack and JSON cannot
drift apart in what they claim. What the view promises a reader:
- each metric once, under its topic label, in the ranking of alerts/importance.py: what the
  figure is now and against what (change_line), the source's own series when it has more than
  one point, the other sources' current estimates when sources differ, and one quote;
- each quote at most once in the whole digest: a sentence already quoted above is cited, not
  quoted again;
- held (unconfirmed) reports are never told as changes: a metric with nothing else is listed in
  the one short "Unconfirmed" section, a metric shown above carries its held reports in its own
  item (so no metric appears twice);
- a stale-figure notice for a metric the digest shows is dropped (the item shows its date).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Mapping, Sequence

from alerts.importance import MetricGroup, group_events
from alerts.phrases import phrases
from alerts.phrasing import (
    change_line,
    claim_day,
    figure,
    figure_span,
    fmt_as_of,
    fmt_day,
    known_outlet,
    series_line,
    source_name,
)
from alerts.quotes import ELLIPSIS, excerpt, squeeze
from figwatch.models import Claim, Digest, Event, Metric, Notice
from figwatch.wording import label_of, metric_page_url

SERIES_POINTS = 6  # a source's last reports shown in its series
HELD_SHOWN = 3  # a metric's newest held reports listed; the rest are counted (a backfill may hold hundreds)


@dataclass(frozen=True)
class Cite:
    """Where a figure comes from, with the words that state it ("" once already quoted above)."""

    quote: str
    who: str
    outlet: str  # "" when unknown
    date: str  # publication day, "27 Mar 2025"
    as_of: str  # "as of late February", or ""
    url: str | None

    @property
    def provenance(self) -> str:
        """"NIS, Yonhap, 27 Mar 2025, as of late February"."""
        return ", ".join(p for p in (self.who, self.outlet, self.date, self.as_of) if p)


@dataclass(frozen=True)
class Estimate:
    who: str
    value: str
    date: str

    @property
    def text(self) -> str:
        return f"{self.who} {self.value}, {self.date}"


@dataclass(frozen=True)
class Held:
    value: str
    source: str  # "unattributed, Daily Example, 12 Sep 2025"
    reason: str

    @property
    def text(self) -> str:
        return phrases().sections["held"].format(value=self.value, source=self.source, reason=self.reason)

    @property
    def in_item(self) -> str:
        return phrases().sections["held_in_item"].format(value=self.value, source=self.source, reason=self.reason)


@dataclass(frozen=True)
class MetricItem:
    """One metric, once: its label, what it is now, and everything a reader checks it by."""

    metric: str
    label: str
    section: str  # "changed", "new", "disagreement"
    line: str  # "NIS now says about 2,000, up from 600 in April"; "" when sources only differ
    downward: bool  # the figure went down (a revision down or a lower estimate)
    series: tuple[str, ...]  # "NIS: 300 (Jan 2025) → 600 (Apr) → about 2,000 (Sep)"
    estimates_title: str  # "Other estimates" beside a change; "" when sources only differ
    estimates: tuple[Estimate, ...]  # each other source's current estimate, newest first
    cite: Cite | None
    held: tuple[Held, ...]  # this metric's unconfirmed reports, never told as a change
    held_more: str  # "and 4 more held reports", or ""
    page: str | None = None  # the metric's timeline page, when a report base URL is configured


@dataclass(frozen=True)
class HeldGroup:
    metric: str
    label: str
    held: tuple[Held, ...]
    held_more: str
    page: str | None = None


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    items: tuple[MetricItem, ...]


@dataclass(frozen=True)
class NoticeGroup:
    title: str
    notices: tuple[Notice, ...]


@dataclass(frozen=True)
class DigestView:
    subject: str
    created: str
    sections: tuple[Section, ...]
    unconfirmed_title: str
    unconfirmed: tuple[HeldGroup, ...]
    notice_groups: tuple[NoticeGroup, ...]
    base_url: str | None

    @property
    def items(self) -> tuple[MetricItem, ...]:
        return tuple(i for s in self.sections for i in s.items)


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


class _Quoted:
    """The excerpts already shown: a later item citing the same words cites without quoting."""

    def __init__(self) -> None:
        self.shown: list[str] = []

    def cite(self, claim: Claim, *, named: bool) -> Cite:
        """`named`: the item's line names the source already, so the citation does not (it keeps
        the outlet and the day)."""
        text = squeeze(claim.evidence)
        quote = excerpt(text, figure_span(claim))
        key = quote.replace(ELLIPSIS, "").strip().lower()
        if key and any(key in earlier for earlier in self.shown):
            quote = ""
        elif key:
            self.shown.append(key)
        as_of = fmt_as_of(claim)
        return Cite(
            quote=quote,
            who="" if named else source_name(claim),
            outlet=known_outlet(claim),
            date=fmt_day(claim.published or claim.as_of),
            as_of="" if as_of and as_of.lower() in quote.lower() else as_of,  # the quote says it
            url=safe_url(claim.article_url),
        )


def _point(c: Claim) -> tuple:
    return (c.value, c.qualifier, claim_day(c))


def series_points(event: Event, history: Sequence[Claim]) -> list[Claim]:
    """The lead source's own reports, oldest first, ending with the event's: Event.series, or
    (for events stored before the fold kept series) the same source's reports in the history."""
    new = event.new
    earlier = list(event.series)
    if not earlier and new.published is not None:
        earlier = [c for c in history if source_name(c) == source_name(new) and c.published is not None
                   and c.published < new.published]
    points: list[Claim] = []
    for c in [*earlier, new]:
        if points and (points[-1].value, points[-1].qualifier) == (c.value, c.qualifier):
            continue  # a figure repeated is no new point: the series shows when it was first said
        points.append(c)
    return points[-SERIES_POINTS:]


def _series(group: MetricGroup, history: Sequence[Claim]) -> tuple[str, ...]:
    """A series worth a line: more than one point, and more than the change line already says."""
    lead = group.lead
    if lead is None:
        return ()
    points = series_points(lead, history)
    if len(points) < 2:
        return ()
    if len(points) == 2 and lead.old is not None and _point(points[0]) == _point(lead.old):
        return ()  # "up from 600 in April" already says it
    return (series_line(points),)


def _recency(c: Claim) -> float:
    day = claim_day(c)
    return day.toordinal() if day is not None else float("-inf")


def current_estimates(group: MetricGroup) -> list[Claim]:
    """Each source's newest figure among the group's disagreements (and its lead), newest first."""
    claims: list[Claim] = [group.lead.new] if group.lead else []
    for e in group.disagreements:
        claims.extend(e.estimates or tuple(c for c in (e.new, e.old) if c is not None))
    newest: dict[str, Claim] = {}
    for c in claims:
        who = source_name(c)
        if who not in newest or _recency(c) > _recency(newest[who]):
            newest[who] = c
    return sorted(newest.values(), key=_recency, reverse=True)


def _estimates(group: MetricGroup) -> tuple[Estimate, ...]:
    """The disagreement's estimates, less what the item's line already says (its figure, and
    the earlier figure it is compared with)."""
    if not group.disagreements:
        return ()
    lead = group.lead
    now = source_name(lead.new) if lead else None
    before = (source_name(lead.old), _point(lead.old)) if lead and lead.old else None
    return tuple(
        Estimate(who=source_name(c), value=figure(c), date=fmt_day(claim_day(c)))
        for c in current_estimates(group)
        if source_name(c) != now and (source_name(c), _point(c)) != before
    )


def held_lines(group: MetricGroup) -> tuple[tuple[Held, ...], str]:
    """The newest HELD_SHOWN held reports of the metric, and how many more there are, in words."""
    held = sorted(group.held, key=lambda e: _recency(e.new), reverse=True)
    more = len(held) - HELD_SHOWN
    words = phrases().sections["held_more"].format(n=more) if more > 0 else ""
    return tuple(held_line(e) for e in held[:HELD_SHOWN]), words


def held_line(event: Event) -> Held:
    c = event.new
    source = ", ".join(p for p in (source_name(c), known_outlet(c), fmt_day(claim_day(c))) if p)
    return Held(value=figure(c), source=source, reason=event.reason or phrases().sections["held_reason"])


def _named(lead: Event) -> bool:
    """A change's line names its source; the citation then need not (unless it has no outlet)."""
    return lead.kind == "changed" and lead.old is not None and bool(known_outlet(lead.new))


def metric_item(group: MetricGroup, metrics: Mapping[str, Metric], quoted: _Quoted, history: Sequence[Claim],
                base_url: str | None) -> MetricItem:
    lead = group.lead
    held, held_more = held_lines(group)
    return MetricItem(
        metric=group.metric,
        label=label_of(group.metric, metrics),
        section=group.section,
        line=change_line(lead, in_item=True) if lead else "",
        downward=bool(lead and lead.kind == "changed" and lead.downward),
        series=_series(group, history),
        estimates_title=phrases().sections["other_estimates"] if lead else "",
        estimates=_estimates(group),
        cite=quoted.cite(lead.new, named=_named(lead)) if lead else None,
        held=held,
        held_more=held_more,
        page=metric_page_url(base_url, group.metric) if base_url else None,
    )


def fmt_created(created: datetime) -> str:
    return f"{fmt_day(created)} {created:%H:%M} UTC"


def digest_view(
    digest: Digest,
    metrics: Mapping[str, Metric],
    *,
    base_url: str | None = None,
    history: Mapping[str, Sequence[Claim]] | None = None,
) -> DigestView:
    history = history or {}
    words = phrases().sections
    quoted = _Quoted()
    groups = group_events(digest.events, metrics)
    items = [metric_item(g, metrics, quoted, history.get(g.metric, ()), base_url)
             for g in groups if g.section != "unconfirmed"]
    sections = tuple(
        Section(key, words[key], tuple(i for i in items if i.section == key))
        for key in ("changed", "new", "disagreement")
        if any(i.section == key for i in items)
    )
    held = tuple(
        HeldGroup(g.metric, label_of(g.metric, metrics), *held_lines(g),
                  page=metric_page_url(base_url, g.metric) if base_url else None)
        for g in groups if g.section == "unconfirmed"
    )
    shown = {g.metric for g in groups}
    notices = [n for n in digest.notices if not (n.kind == "metric_stale" and n.subject in shown)]
    notice_groups = tuple(
        NoticeGroup(title, tuple(n for n in notices if n.kind == kind))
        for kind, title in _NOTICE_TITLES
        if any(n.kind == kind for n in notices)
    )
    return DigestView(
        subject=digest.subject,
        created=fmt_created(digest.created),
        sections=sections,
        unconfirmed_title=words["unconfirmed"],
        unconfirmed=held,
        notice_groups=notice_groups,
        base_url=base_url,
    )
