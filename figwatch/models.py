"""The frozen dataclasses every part of figwatch speaks.

sources -> Article -> (extractors) -> Claim -> (figures) -> Event -> (alerts) -> Digest -> Delivery.
Datetimes are timezone-aware UTC everywhere; a naive datetime is a bug.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

Qualifier = Literal["exact", "approx", "more_than", "at_least", "less_than", "at_most", "range"]
QUALIFIERS: tuple[str, ...] = ("exact", "approx", "more_than", "at_least", "less_than", "at_most", "range")

EventKind = Literal["new", "changed", "disagreement", "unconfirmed"]
EVENT_KINDS: tuple[EventKind, ...] = ("new", "changed", "disagreement", "unconfirmed")
#: How the article presents a figure. Only a "current" figure may become a baseline or news:
#: "superseded" ("had estimated 200", "up from 600"), "planned" (a plan or projection) and
#: "denied" (a party quoted rejects it) are kept as history of what was said, never as news.
Stance = Literal["current", "superseded", "planned", "denied"]
STANCES: tuple[str, ...] = ("current", "superseded", "planned", "denied")
#: "skipped": the channel's copy of the digest was empty (routed away): nothing written, never "sent".
DeliveryStatus = Literal["pending", "sent", "failed", "skipped"]
#: A person's verdict on a held-back figure (`figwatch review`): confirmed figures are news even
#: when one report would not be enough; rejected ones never are.
Review = Literal["confirmed", "rejected"]

#: Claims under this confidence are kept for review and never reach a digest.
REVIEW_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class Metric:
    """A metric of the topic, as the folding and the digests need it (the topic file is its home)."""

    name: str  # "casualties.total"
    label: str  # "Casualties (total)"
    unit: str = ""  # "soldiers", "shells", "units"
    cumulative: bool = True  # normally only grows: a lower figure is a downward revision
    threshold: float = 0.05  # relative change that counts as a change
    # a report above this many times the current figure, or below its inverse, waits for an
    # independent source or a person before it is news (figwatch/fold/series.py)
    plausible_ratio: float = 3.0
    # a report below this is no tally of the metric ("two soldiers" in a video, a crew's day) until an
    # independent source or a person confirms it: held, never a baseline (figwatch/fold/series.py)
    smallest: float = 0.0
    largest: float = 0.0  # above this a report is no tally of the metric ("1.5 million" howitzers): held; 0: none


@dataclass(frozen=True, slots=True)
class Source:
    """Something to watch: a feed over http(s), or a feed file, article file or folder on disk."""

    name: str
    url: str | None = None
    path: str | None = None
    outlet: str | None = None  # the outlet's name when feeds and pages do not give it


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read: its canonical URL, main text and when it was published."""

    url: str  # canonical URL; file:// URL (absolute path) for files
    title: str
    text: str  # main text, page furniture removed where the parser can tell
    published: datetime
    source: str  # the Source.name it came from
    outlet: str | None = None
    content_hash: str = ""  # sha256 hex of the normalised text
    simhash: int = 0  # 64-bit fingerprint for near-duplicates (syndicated copies)
    published_inferred: bool = False  # no date in feed or page: fetch time was used
    guid: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One reported figure: what, how much, who says so, and the exact words.

    `start`/`end` index the figure's number in the text handed to the extractor, so
    `text[start:end]` is the number as written. The article fields are empty when the
    extractor runs on bare text and are filled in by `Claim.attach`.
    """

    metric: str
    value: float
    qualifier: Qualifier
    evidence: str  # the sentence
    start: int
    end: int
    low: float | None = None
    high: float | None = None
    source: str | None = None  # as written: "South Korea's Joint Chiefs of Staff"
    source_key: str | None = None  # canonical: "South Korea JCS"
    confidence: float = 1.0
    as_of: date | None = None
    revised_from: float | None = None  # "raised its estimate from 3,000 to 4,000" -> 3000
    stance: Stance = "current"
    derived: bool = False  # computed from a share of a stated total ("one-third of the 12,000")
    rule: str | None = None  # the extractor's named rule that decided the metric (`extract --why`)
    review: Review | None = None  # a person's verdict (`figwatch review`), on every copy of the report
    # article context
    article_url: str | None = None
    published: datetime | None = None
    outlet: str | None = None
    title: str | None = None

    @property
    def reviewable(self) -> bool:
        """True when the claim is too unsure for a digest and waits for a person."""
        return self.confidence < REVIEW_THRESHOLD

    def attach(self, article: Article) -> "Claim":
        """The same claim, placed in its article."""
        from dataclasses import replace

        return replace(
            self,
            article_url=article.url,
            published=article.published,
            outlet=article.outlet,
            title=article.title,
        )


@dataclass(frozen=True, slots=True)
class Figure:
    """A metric's reported value over time: its baseline, every accepted report and every held
    one (waiting for an independent source or a person), oldest first."""

    metric: str
    baseline: Claim | None = None
    history: tuple[Claim, ...] = ()
    held: tuple[Claim, ...] = ()  # reports held as unconfirmed: never the baseline


@dataclass(frozen=True, slots=True)
class Event:
    """What a digest reports: a first figure, a change against the baseline, or a disagreement."""

    kind: EventKind
    metric: str
    new: Claim
    old: Claim | None = None
    revision: bool = False  # the same source revised its own earlier figure
    id: int | None = None
    # disagreement: each source's current estimate (one claim per source), newest first
    estimates: tuple[Claim, ...] = ()
    # the new claim's source's own earlier reports of this metric, oldest first (its series)
    series: tuple[Claim, ...] = ()
    # unconfirmed: why the report is held ("3.2x the current figure", "names no source")
    reason: str | None = None

    @property
    def delta(self) -> float | None:
        return None if self.old is None else self.new.value - self.old.value

    @property
    def percent(self) -> float | None:
        if self.old is None or not self.old.value:
            return None
        return 100.0 * (self.new.value - self.old.value) / self.old.value

    @property
    def downward(self) -> bool:
        return self.old is not None and self.new.value < self.old.value


@dataclass(frozen=True, slots=True)
class Notice:
    """A watchdog line in a digest: a failing or recovered source, a stale metric, a missed run."""

    kind: Literal["source_failing", "source_recovered", "metric_stale", "run_missed"]
    subject: str  # the source name or metric
    message: str


@dataclass(frozen=True, slots=True)
class Digest:
    """One message about one run's events, before it is rendered for a channel."""

    subject: str
    created: datetime
    events: tuple[Event, ...]
    notices: tuple[Notice, ...] = ()
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Delivery:
    """One digest to one channel: the outbox row that makes sending exactly-once-ish."""

    digest_id: int
    channel: str
    status: DeliveryStatus = "pending"
    attempts: int = 0
    last_error: str | None = None
    next_attempt_at: datetime | None = None
    sent_at: datetime | None = None
    id: int | None = None
    parts_sent: int = 0  # leading parts of a many-part message the channel accepted (Slack)
    parts_key: str | None = None  # the rendering those parts belong to: another one starts over
    lease_owner: str | None = None  # the claim token of the sender holding the lease


@dataclass(frozen=True, slots=True)
class RunReport:
    """What one monitor or backfill run did, as `figwatch run --json` prints it."""

    articles_seen: int = 0
    articles_new: int = 0
    claims: int = 0
    events: tuple[Event, ...] = ()  # listed (a long backfill lists the first 1,000)
    event_counts: dict[EventKind, int] = field(default_factory=dict)  # kind -> number, all of them
    digests: tuple[int, ...] = ()
    deliveries: dict[str, int] = field(default_factory=dict)  # status -> count
    source_errors: dict[str, str] = field(default_factory=dict)  # source name -> error
    undated: tuple[str, ...] = ()  # URLs of new articles with no date: kept out of the figures
    other_language: tuple[str, ...] = ()  # URLs of new articles not in the topic's language: not read
    copies_dropped: int = 0  # syndicated copies (same story, same figures) not read again
    deferred: int = 0  # articles left for the next run: the run's time budget was spent
    delivery_errors: dict[str, tuple[str, ...]] = field(default_factory=dict)  # channel -> this run's errors


@dataclass(frozen=True, slots=True)
class HttpState:
    """What a URL answered last time, for conditional GET."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class SourceResult:
    """One source's harvest in one run: its articles, or why there are none.

    Per-source failure is a value here, not an exception: one dead feed never fails a run.
    """

    source: str
    articles: tuple[Article, ...] = ()
    http_states: tuple[HttpState, ...] = ()  # to store after the run commits
    error: str | None = None  # None: the source answered (a 304 is a success)
    problems: tuple[str, ...] = ()  # recorded, non-fatal: bozo feed, dropped entries, ...
    requests: int = 0
    not_modified: int = 0
    # (page URL as requested, the article URL it became): a page's validator covers that article
    # alone; any other validator (the feed's) covers every article of the result
    page_articles: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class SourceHealth:
    name: str
    last_success: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    consecutive_failures: int = 0
