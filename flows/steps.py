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
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from itertools import islice

from alerts import DeliveryReport, build_channels, build_digest, deliver_pending
from alerts.watchdogs import watch_schedule, watch_sources, watch_stale
from extractors import Topic, extract, load_topic
from figwatch.config import Settings, SourceSettings
from figwatch.faults import crash_point
from figwatch.figures import Folder, fold_claims
from figwatch.models import Article, Digest, Event, Figure, Metric, Notice, RunReport, SourceResult
from figwatch.sources import harvest, near_duplicates
from figwatch.sources.stream import stream_path_source
from figwatch.store import Store
from flows.schedule import longest_gap


# Watchdog notices that are news on their own: they are sent even when no figure changed.
URGENT_NOTICES = frozenset({"source_failing", "source_recovered"})


@dataclass(frozen=True)
class Runtime:
    """What every step needs: settings, the open store, the topic and its metrics."""

    settings: Settings
    store: Store
    topic: Topic
    metrics: dict[str, Metric]


REPORTED_EVENTS = 1000  # a run report lists this many events; a long backfill only counts the rest


@dataclass(frozen=True)
class FoldSummary:
    articles_seen: int
    articles_new: int
    claims: int
    events: tuple[Event, ...]  # the first REPORTED_EVENTS of them
    review: int  # low-confidence claims kept for a person
    event_counts: dict[str, int]  # kind -> number, all of them


def open_runtime(settings: Settings) -> Runtime:
    """Open the store (migrating it) and load the topic, with per-metric thresholds applied."""
    topic = load_topic(settings.topic.path) if settings.topic.path else load_topic()
    thresholds = settings.alerts.thresholds
    metrics = {
        name: replace(m, threshold=thresholds.get(name, m.threshold)) for name, m in topic.metrics.items()
    }
    return Runtime(settings, Store.open(settings.database_url), topic, metrics)


def harvest_sources(
    rt: Runtime, *, now: datetime, names: Sequence[str] | None = None, live_only: bool = False
) -> list[SourceResult]:
    """Fetch or read every configured source; a failing source is a result with an error.

    `live_only` leaves path sources out: a backfill streams those (`backfill_articles`).
    """
    sources = [s.to_source() for s in _chosen(rt, names) if not (live_only and s.path)]
    results = harvest(sources, rt.settings.fetch, state=rt.store.http_state, now=now, seen=_seen_url(rt.store))
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


def fold_articles(rt: Runtime, articles: Iterable[Article], *, notify: bool = True) -> FoldSummary:
    """Extract claims from the articles not seen before and fold them into the figures.

    Articles arrive as a stream and are handled a batch at a time (one transaction each);
    syndicated copies within a batch are dropped before extraction.
    """
    seen = new = claims = review = 0
    events: list[Event] = []
    counts: Counter[str] = Counter()
    folder, mark = None, -1
    for batch in _chunks(articles, rt.settings.store.batch_size):
        seen += len(batch)
        fresh = _unseen(rt.store, near_duplicates(batch)[0])
        extracted = {a.url: [c.attach(a) for c in extract(a.text, topic=rt.topic, title=a.title)] for a in fresh}
        with rt.store.writer() as tx:
            inserted = tx.add_articles(fresh)
            batch_claims = [c for a in inserted for c in extracted[a.url]]
            if folder is None or tx.claim_watermark() != mark:  # another writer came between: reload
                folder = Folder(tx.load_figures(), rt.metrics, window_days=rt.settings.topic.window_days, compact=True)
            batch_events, _reports = folder.fold(batch_claims)
            tx.add_claims(batch_claims)
            stored = tx.add_events(batch_events, notify=notify)
            counts.update(e.kind for e in stored)
            events.extend(stored[: max(0, REPORTED_EVENTS - len(events))])
            mark = tx.claim_watermark()
        crash_point("after-batch")
        new += len(inserted)
        claims += len(batch_claims)
        review += sum(c.reviewable for c in batch_claims)
    return FoldSummary(seen, new, claims, tuple(events), review, dict(counts))


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
    notices += watch_stale(figures, _latest_report(figures) or now, alerts.stale_after_days, metrics=rt.metrics)
    if kind == "monitor":
        notices += watch_schedule(rt.store.last_run("monitor"), now, longest_gap(rt.settings.schedule, now))
    return notices


def _latest_report(figures: dict[str, Figure]) -> datetime | None:
    """Staleness is measured against the newest report of any metric, not the wall clock: a
    metric goes quiet while coverage goes on. (A silent source is the failing-source watchdog's.)"""
    dates = [f.baseline.published for f in figures.values() if f.baseline and f.baseline.published]
    return max(dates, default=None)


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
    fresh = _unseen(rt.store, near_duplicates(articles)[0])
    claims = [c.attach(a) for a in fresh for c in extract(a.text, topic=rt.topic, title=a.title)]
    figures = rt.store.load_figures({c.metric for c in claims})
    result = fold_claims(figures, claims, rt.metrics, window_days=rt.settings.topic.window_days)
    counts = dict(Counter(e.kind for e in result.events))
    return FoldSummary(len(articles), len(fresh), len(claims), result.events[:REPORTED_EVENTS],
                       sum(c.reviewable for c in claims), counts)


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
