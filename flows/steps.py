"""A run's steps as plain, typed functions: harvest, extract-and-fold, compose, deliver.

Prefect (flows/) wraps each in one batched task; the CLI, tests and benchmarks call them
directly. Ordering rules that keep a crash from losing anything:
- articles, their claims and events commit together, one batch per transaction;
- HTTP validators (ETag, Last-Modified) commit only after the articles they cover;
- a digest and its deliveries commit with the events they report (the outbox), and sending
  happens only after that commit.
"""
from __future__ import annotations

import heapq
import time
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from itertools import islice

from alerts import DeliveryReport, build_channels, build_digest, deliver_pending
from alerts.watchdogs import watch_schedule, watch_sources, watch_stale
from extractors import Topic, extract, load_topic
from figwatch.config import Settings, SourceSettings
from figwatch.faults import crash_point
from figwatch.figures import Folder, fold_claims
from figwatch.models import Article, Claim, Digest, Event, EventKind, Metric, Notice, RunReport, SourceResult
from figwatch.sources import harvest, near_duplicates
from figwatch.sources.stream import stream_path_source
from figwatch.store import Store
from flows.schedule import longest_gap

# Watchdog notices that are news on their own: they are sent even when no figure changed.
URGENT_NOTICES = frozenset({"source_failing", "source_recovered"})


# One article's cost is bounded by what the extractor reads of it: its first ARTICLE_CHARS characters
# (about 15,000 words; the costliest text known, sentences of 39 numbers, takes under 2 s at this size:
# bench/bench_hostile.py)
# and TITLE_CHARS of its title.
ARTICLE_CHARS = 100_000
TITLE_CHARS = 1_000
HARVEST_SHARE = 0.8  # of the run's budget, for fetching: a feed that drips until the deadline leaves the rest


@dataclass(frozen=True)
class Budget:
    """A run's time (FetchSettings.run_budget from the run's start), checked before each article is
    extracted: a run overruns it by at most one article, which ARTICLE_CHARS bounds."""

    deadline: float
    clock: Callable[[], float] = time.monotonic

    def left(self) -> float:
        return self.deadline - self.clock()

    def spent(self) -> bool:
        return self.left() <= 0


@dataclass(frozen=True)
class Runtime:
    """What every step needs: settings, the open store, the topic and its metrics, the run's budget."""

    settings: Settings
    store: Store
    topic: Topic
    metrics: dict[str, Metric]
    budget: Budget
    opened: float = field(default_factory=time.monotonic)  # when the run began, on the monotonic clock

    def clock(self, now: datetime) -> Callable[[], datetime]:
        """The run's clock: `now` (its start) moving on with real time, so a lease claimed after
        a long harvest is counted from the claim."""
        return lambda: now + timedelta(seconds=time.monotonic() - self.opened)


REPORTED_EVENTS = 1000  # a run report lists this many events; a long backfill only counts the rest


@dataclass(frozen=True)
class FoldSummary:
    articles_seen: int
    articles_new: int
    claims: int
    events: tuple[Event, ...]  # the first REPORTED_EVENTS of them
    review: int  # low-confidence claims kept for a person
    event_counts: dict[EventKind, int]  # kind -> number, all of them
    undated: tuple[str, ...] = ()  # new articles with no date (the first REPORTED_EVENTS): out of the figures
    other_language: tuple[str, ...] = ()  # new articles not in the topic's language (the first REPORTED_EVENTS)
    copies: int = 0  # syndicated copies dropped (same story, same figures)
    deferred: dict[str, int] = field(default_factory=dict)  # source -> articles left for the next run (budget spent)


def open_runtime(settings: Settings) -> Runtime:
    """Open the store (migrating it) and load the topic, with per-metric thresholds applied."""
    opened = time.monotonic()
    topic = load_topic(settings.topic.path) if settings.topic.path else load_topic()
    thresholds = settings.alerts.thresholds
    metrics = {
        name: replace(m, threshold=thresholds.get(name, m.threshold)) for name, m in topic.metrics.items()
    }
    budget = Budget(time.monotonic() + settings.fetch.run_budget)
    return Runtime(settings, Store.open(settings.database_url, metrics=metrics), topic, metrics, budget, opened)


def harvest_sources(
    rt: Runtime, *, now: datetime, names: Sequence[str] | None = None, live_only: bool = False
) -> list[SourceResult]:
    """Fetch or read every configured source; a failing source is a result with an error.

    `live_only` leaves path sources out: a backfill streams those (`backfill_articles`).
    """
    sources = [s.to_source() for s in _chosen(rt, names) if not (live_only and s.path)]
    reserve = (1 - HARVEST_SHARE) * rt.settings.fetch.run_budget  # kept for extraction
    fetching = replace(rt.settings.fetch, run_budget=max(0.0, rt.budget.left() - reserve))
    results = harvest(sources, fetching, state=rt.store.http_state, now=now, seen=_seen_url(rt.store))
    outlets = {s.name: s.outlet for s in sources if s.outlet}
    return [_with_outlet(r, outlets[r.source]) if r.source in outlets else r for r in results]


def _seen_url(store: Store) -> Callable[[str], bool]:
    """Lets a feed skip fetching the page of an entry already stored."""
    return lambda url: bool(store.known_articles([url], []))


def _with_outlet(result: SourceResult, outlet: str) -> SourceResult:
    articles = tuple(a if a.outlet else replace(a, outlet=outlet) for a in result.articles)
    return replace(result, articles=articles)


def select_articles(
    results: Iterable[SourceResult], *, since: date | None = None, until: date | None = None
) -> list[Article]:
    """Articles of all results within [since, until], in publication order."""
    chosen = [
        a
        for r in results
        for a in r.articles
        if (since is None or a.published.date() >= since) and (until is None or a.published.date() <= until)
    ]
    return sorted(chosen, key=lambda a: (a.published, a.url))


def within_window(
    results: Sequence[SourceResult], *, since: date | None = None, until: date | None = None
) -> list[SourceResult]:
    """Results narrowed to [since, until]: the articles in it, and only the validators that cover no other.

    A page's validator covers the article it became and the feed's covers all of its articles:
    storing one for an article the window discards would make the next run's 304 skip that
    article for good. So such a validator is not stored, and a later run fetches again.
    """
    return [_narrowed(r, since, until) for r in results]


def _narrowed(result: SourceResult, since: date | None, until: date | None) -> SourceResult:
    kept = select_articles([result], since=since, until=until)
    if len(kept) == len(result.articles):
        return result
    dropped = {a.url for a in result.articles} - {a.url for a in kept}
    covers = dict(result.page_articles)
    states = tuple(s for s in result.http_states if s.url in covers and covers[s.url] not in dropped)
    return replace(result, articles=tuple(kept), http_states=states)


def backfill_articles(
    rt: Runtime, results: Sequence[SourceResult], *, now: datetime, names: Sequence[str] | None,
    since: date | None, until: date | None,
) -> Iterator[Article]:
    """Fetched articles and streamed path sources, merged into one stream, oldest first."""
    streams: list[Iterable[Article]] = [select_articles(results, since=since, until=until)]
    for setting in _chosen(rt, names):
        if setting.path:
            articles, _problems = stream_path_source(setting.to_source(), now=now, since=since, until=until)
            outlet = setting.outlet
            streams.append(articles if not outlet else (a if a.outlet else replace(a, outlet=outlet) for a in articles))
    return heapq.merge(*streams, key=lambda a: (a.published, a.url))


def _chosen(rt: Runtime, names: Sequence[str] | None) -> list[SourceSettings]:
    return [s for s in rt.settings.sources if not names or s.name in names]


#: What reads an article's claims: the extractor, or (a story fixture) claims written down.
ClaimReader = Callable[[Article], Sequence[Claim]]


class _BatchClaims:
    """Each article's claims, read once a batch: copy detection compares them, the fold folds them."""

    def __init__(self, read: ClaimReader) -> None:
        self._read = read
        self._by_url: dict[str, list[Claim]] = {}

    def __call__(self, article: Article) -> list[Claim]:
        claims = self._by_url.get(article.url)
        if claims is None:
            claims = self._by_url[article.url] = [c.attach(article) for c in self._read(article)]
        return claims

    def figures(self, article: Article) -> frozenset[Hashable]:
        """What makes a copy a copy: the same figures (a follow-up with a new one is news)."""
        return frozenset((c.metric, c.value) for c in self(article))


def fold_articles(rt: Runtime, articles: Iterable[Article], *, notify: bool = True,
                  claims_of: ClaimReader | None = None, budget: Budget | None = None) -> FoldSummary:
    """Extract claims from the articles not seen before and fold them into the figures.

    Articles arrive as a stream and are handled a batch at a time (one transaction each);
    syndicated copies within a batch (the same story with the same figures) are dropped. The
    claims of an article with no date are stored but kept out of the figures. `claims_of`
    replaces the extractor (eval/events.py folds a story's written claims through the same steps).
    With a `budget`, the articles still unread when it is spent are left for the next run
    (FoldSummary.deferred): not stored, so they are new to it.
    """
    read = claims_of or (lambda a: article_claims(rt, a))
    seen = new = claims = review = copies = 0
    events: list[Event] = []
    undated: list[str] = []
    other_language: list[str] = []
    counts: Counter[EventKind] = Counter()
    deferred: Counter[str] = Counter()
    folder, mark = None, -1
    for batch in _chunks(articles, rt.settings.store.batch_size):
        seen += len(batch)
        claims_of_batch = _BatchClaims(read)
        kept, dropped = near_duplicates(batch, figures=claims_of_batch.figures)
        copies += len(dropped)
        read_now, left = _read_within(_unseen(rt.store, kept), claims_of_batch, budget)
        deferred.update(a.source for a in left)  # once spent, the budget leaves every later batch
        with rt.store.writer() as tx:
            inserted = tx.add_articles(read_now)
            batch_claims = [c for a in inserted for c in claims_of_batch(a)]
            dated = [c for a in inserted if not a.published_inferred for c in claims_of_batch(a)]
            if folder is None or tx.claim_watermark() != mark:  # another writer came between: reload
                folder = Folder(tx.load_figures(), rt.metrics, window_days=rt.settings.topic.window_days, compact=True)
            batch_events, _reports = folder.fold(dated)
            tx.add_claims(batch_claims)
            stored = tx.add_events(batch_events, notify=notify)
            counts.update(e.kind for e in stored)
            events.extend(stored[: max(0, REPORTED_EVENTS - len(events))])
            mark = tx.claim_watermark()
        crash_point("after-batch")
        undated.extend(a.url for a in inserted if a.published_inferred)
        other_language.extend(a.url for a in inserted if not readable(rt, a))
        new += len(inserted)
        claims += len(batch_claims)
        review += sum(c.reviewable for c in batch_claims)
    return FoldSummary(seen, new, claims, tuple(events), review, dict(counts), tuple(undated[:REPORTED_EVENTS]),
                       tuple(other_language[:REPORTED_EVENTS]), copies, dict(deferred))


def _read_within(articles: list[Article], read: _BatchClaims,
                 budget: Budget | None) -> tuple[list[Article], list[Article]]:
    """The articles whose claims were read before the budget was spent (checked before each), and
    those left for the next run."""
    for k, article in enumerate(articles):
        if budget is not None and budget.spent():
            return articles[:k], articles[k:]
        read(article)
    return articles, []


def readable(rt: Runtime, article: Article) -> bool:
    """Is the article written in the topic's language (or too short to tell)?"""
    return rt.topic.grammar.identify.reads(article.text[:ARTICLE_CHARS])


def article_claims(rt: Runtime, article: Article) -> list[Claim]:
    """The article's claims (not attached), from its first ARTICLE_CHARS characters and TITLE_CHARS of
    its title; none from an article in another language (the run reports it as not read)."""
    if not readable(rt, article):
        return []
    title = article.title[:TITLE_CHARS] if article.title else article.title
    return extract(article.text[:ARTICLE_CHARS], topic=rt.topic, title=title)


def without_deferred_validators(results: Sequence[SourceResult], folded: FoldSummary) -> list[SourceResult]:
    """The results with no HTTP validators for a source whose articles were left for the next run: it
    fetches that feed and its pages whole again, and skips the articles stored as seen."""
    return [replace(r, http_states=()) if r.source in folded.deferred else r for r in results]


def record_sources(rt: Runtime, results: Sequence[SourceResult], *, now: datetime) -> None:
    """Store validators and health after the articles they cover are committed."""
    with rt.store.writer() as tx:
        for r in results:
            for state in r.http_states:
                tx.set_http_state(state)
            tx.record_source_result(r.source, r.error is None, r.error, now)


def failing_sources(rt: Runtime) -> set[str]:
    """Sources failing long enough to be named, read before this run records its own results."""
    limit = rt.settings.alerts.failing_after_runs
    return {h.name for h in rt.store.source_health() if h.consecutive_failures >= limit}


def collect_notices(rt: Runtime, failing_before: set[str], *, now: datetime, kind: str) -> list[Notice]:
    """Watchdog lines for the next digest: failing or recovered sources, stale metrics, missed runs."""
    alerts = rt.settings.alerts
    notices = watch_sources(rt.store.source_health(), failing_before, alerts.failing_after_runs)
    figures = rt.store.load_figures()
    notices += watch_stale(figures, now, alerts.stale_after_days, metrics=rt.metrics)  # days counted to the run
    if kind == "monitor":
        notices += watch_schedule(rt.store.last_run("monitor"), now, longest_gap(rt.settings.schedule, now))
    return notices


def compose(rt: Runtime, notices: Sequence[Notice], *, now: datetime, force: bool = False) -> Digest | None:
    """Gather pending events into one digest with a delivery per channel, unless it is too soon."""
    urgent = any(n.kind in URGENT_NOTICES for n in notices)
    last = rt.store.last_digest_at()
    wait = timedelta(minutes=rt.settings.alerts.min_interval_minutes)
    if not (force or urgent) and last is not None and now - last < wait:
        return None  # the events stay pending and join the next digest
    channels = list(build_channels(rt.settings.alerts))
    return rt.store.compose_digest(
        lambda events: build_digest(events, notices, rt.metrics, now=now), channels, now=now, allow_empty=urgent
    )


def record_and_compose(
    rt: Runtime,
    results: Sequence[SourceResult],
    failing_before: set[str],
    *,
    now: datetime,
    kind: str,
    force: bool = False,
) -> Digest | None:
    """Record source health, then compose the digest that names what changed and what is failing."""
    record_sources(rt, results, now=now)
    notices = collect_notices(rt, failing_before, now=now, kind=kind)
    digest = compose(rt, notices, now=now, force=force)
    crash_point("after-compose")
    return digest


def preview_articles(rt: Runtime, articles: Iterable[Article]) -> FoldSummary:
    """A dry run: what folding these articles would report, with nothing written."""
    articles = list(articles)
    claims_of = _BatchClaims(lambda a: article_claims(rt, a))
    kept, dropped = near_duplicates(articles, figures=claims_of.figures)
    fresh = _unseen(rt.store, kept)
    claims = [c for a in fresh for c in claims_of(a)]
    figures = rt.store.load_figures({c.metric for c in claims})
    dated = [c for a in fresh if not a.published_inferred for c in claims_of(a)]
    result = fold_claims(figures, dated, rt.metrics, window_days=rt.settings.topic.window_days)
    counts = dict(Counter(e.kind for e in result.events))
    undated = tuple(a.url for a in fresh if a.published_inferred)[:REPORTED_EVENTS]
    other = tuple(a.url for a in fresh if not readable(rt, a))[:REPORTED_EVENTS]
    return FoldSummary(len(articles), len(fresh), len(claims), result.events[:REPORTED_EVENTS],
                       sum(c.reviewable for c in claims), counts, undated, other, len(dropped))


def run_report(
    results: Sequence[SourceResult], folded: FoldSummary, digest: Digest | None, delivered: DeliveryReport | None,
    *, waiting: int = 0,
) -> RunReport:
    """What a run did, in the shape `--json` prints; `waiting`: failed deliveries left for a retry."""
    deliveries = {}
    if delivered is not None:
        deliveries = {"sent": delivered.sent, "failed": delivered.failed, "skipped": delivered.skipped,
                      "waiting_retry": waiting}
    return RunReport(
        articles_seen=folded.articles_seen,
        articles_new=folded.articles_new,
        claims=folded.claims,
        events=folded.events,
        event_counts=folded.event_counts,
        digests=(digest.id,) if digest is not None and digest.id is not None else (),
        deliveries=deliveries,
        source_errors={r.source: r.error for r in results if r.error},
        undated=folded.undated,
        other_language=folded.other_language,
        copies_dropped=folded.copies,
        deferred=sum(folded.deferred.values()),
        delivery_errors=dict(delivered.errors) if delivered is not None else {},
    )


def deliver(rt: Runtime, *, now: datetime) -> DeliveryReport:
    """Send what the outbox holds; failures are recorded and retried on later runs."""
    channels = build_channels(rt.settings.alerts)
    if not rt.store.due_deliveries(now):
        return DeliveryReport()  # the usual quiet run: no need to read every figure's history
    history = {name: fig.history for name, fig in rt.store.load_figures().items()}
    return deliver_pending(
        rt.store,
        channels,
        rt.metrics,
        now=now,
        history=history,
        base_url=rt.settings.alerts.base_url,
        max_attempts=rt.settings.alerts.max_attempts,
        routes=rt.settings.alerts.routes,
        lease=timedelta(minutes=rt.settings.alerts.delivery_lease_minutes),
        clock=rt.clock(now),
    )


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _unseen(store: Store, batch: Sequence[Article]) -> list[Article]:
    """Articles neither stored nor repeated earlier in the batch (by canonical URL or content hash)."""
    known = store.known_articles([a.url for a in batch], [a.content_hash for a in batch])
    fresh: list[Article] = []
    for a in batch:
        if a.url in known or a.content_hash in known:
            continue
        known.update((a.url, a.content_hash))
        fresh.append(a)
    return fresh


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    stream = iter(items)
    while batch := list(islice(stream, size)):
        yield batch
