"""Store: figwatch's database, on SQLite or PostgreSQL, speaking figwatch.models.

Writers are serialised (`writer()`); readers are not. The outbox (`compose_digest`,
`claim_due`, `mark_sent`, `mark_failed`) is what makes a digest go out once per channel:
the digest, its deliveries and the link from its events are committed together.
"""
from __future__ import annotations

import json
import threading
import uuid
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from sqlalchemy import Connection, Engine, Row, Select, and_, func, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from figwatch.errors import StoreError
from figwatch.models import (
    Article,
    Claim,
    Delivery,
    Digest,
    Event,
    Figure,
    HttpState,
    Metric,
    SourceHealth,
)
from figwatch.store import engine as engines
from figwatch.store import rows, verdicts
from figwatch.store.codec import decode_digest, encode_digest
from figwatch.store.reading import read_figures
from figwatch.store.schema import (
    articles,
    claims,
    deliveries,
    digests,
    events,
    http_cache,
    runs,
    sources,
)
from figwatch.store.tx import Tx

MAX_ATTEMPTS = 50  # a backstop: the deliverer gives up earlier (mark_failed with None)
MAX_ERROR_CHARS = 2000
DELIVERY_LEASE = timedelta(minutes=5)  # how long a claimed delivery is another sender's to leave alone


class Store:
    """The repository: open it with a URL, write through `writer()`, read with the rest."""

    def __init__(self, engine: Engine, metrics: Mapping[str, Metric] | None = None):
        self._engine = engine
        self._local = threading.local()  # which threads are inside writer(): nesting would deadlock
        self._metrics = metrics  # the fold's per-metric rules (threshold, plausible ratio) for figures

    @classmethod
    def open(cls, url: str, *, metrics: Mapping[str, Metric] | None = None) -> "Store":
        """Connect, create the SQLite folder if needed, and migrate to the latest schema.

        `metrics` carries the topic's per-metric rules the figures are rebuilt with (default:
        each metric's defaults)."""
        parsed = engines.parse_url(url)
        engine = engines.create(parsed)
        try:
            with engine.connect():
                pass
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"cannot open database {engines.safe_url(parsed)}: "
                             f"{engines.first_line(exc, parsed)}") from exc
        try:
            engines.migrate(engine)
        except StoreError:
            engine.dispose()
            raise
        return cls(engine, metrics)

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def writer(self) -> Iterator[Tx]:
        """One transaction, serialised with every other writer; commit on exit, rollback on error.

        Not reentrant: a second writer on the same thread would wait for the first forever.
        """
        if getattr(self._local, "writing", False):
            raise StoreError("writer() inside writer(): use the Tx you have (compose, mark_* and record_run write too)")
        self._local.writing = True
        try:
            with engines.locked(self._engine) as conn:
                yield Tx(conn, metrics=self._metrics)
        except SQLAlchemyError as exc:
            raise StoreError(f"write to {engines.safe_url(self._engine.url)} failed: "
                             f"{engines.first_line(exc)}") from exc
        finally:
            self._local.writing = False

    @contextmanager
    def _reader(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"read from {engines.safe_url(self._engine.url)} failed: "
                             f"{engines.first_line(exc)}") from exc

    def known_articles(self, urls: Sequence[str], hashes: Sequence[str]) -> set[str]:
        """Which of these canonical URLs and content hashes are stored already."""
        found: set[str] = set()
        with self._reader() as conn:
            for part in rows.chunks(rows.unique(urls)):
                found.update(conn.scalars(select(articles.c.url).where(articles.c.url.in_(part))))
            for part in rows.chunks(rows.unique(hashes)):
                query = select(articles.c.content_hash).where(articles.c.content_hash.in_(part))
                found.update(conn.scalars(query))
        return found

    def articles(self, urls: Sequence[str] | None = None) -> list[Article]:
        """Stored articles with their text (for re-extraction and reports), in the order stored."""
        query = select(articles).order_by(articles.c.id)
        with self._reader() as conn:
            if urls is None:
                return [rows.to_article(r) for r in conn.execute(query)]
            found: list[Row[Any]] = []
            for part in rows.chunks(rows.unique(urls)):
                found.extend(conn.execute(query.where(articles.c.url.in_(part))))
        return [rows.to_article(r) for r in sorted(found, key=lambda r: r.id)]

    def http_state(self, url: str) -> HttpState | None:
        with self._reader() as conn:
            row = conn.execute(select(http_cache).where(http_cache.c.url == url)).first()
        return None if row is None else HttpState(url=row.url, etag=row.etag, last_modified=row.last_modified)

    def source_health(self) -> list[SourceHealth]:
        with self._reader() as conn:
            return [rows.to_health(r) for r in conn.execute(select(sources).order_by(sources.c.name))]

    def load_figures(self, metrics: Iterable[str] | None = None) -> dict[str, Figure]:
        with self._reader() as conn:
            return read_figures(conn, metrics, self._metrics)

    def claims(self, metric: str | None = None) -> list[Claim]:
        """Every stored claim (copies and reviewable ones included), oldest first."""
        query = select(claims).order_by(claims.c.published.asc().nulls_last(), claims.c.id)
        if metric is not None:
            query = query.where(claims.c.metric == metric)
        with self._reader() as conn:
            return [rows.to_claim(r) for r in conn.execute(query)]

    def review_items(self, *, decided: bool = False) -> list[verdicts.ReviewItem]:
        """Claims waiting for a person's verdict (held back by the extractor, then those the fold
        holds as unconfirmed), or (decided) those confirmed or rejected."""
        with self._reader() as conn:
            if decided:
                return verdicts.decided(conn)
            return verdicts.waiting(conn) + verdicts.unconfirmed(conn, self._metrics)

    def events(self, digest_id: int | None = None) -> list[Event]:
        """All events in the order they were found, or those of one digest."""
        query = select(events).order_by(events.c.id)
        if digest_id is not None:
            query = query.where(events.c.digest_id == digest_id)
        with self._reader() as conn:
            return [rows.to_event(r) for r in conn.execute(query)]

    def compose_digest(
        self, build: Callable[[list[Event]], Digest], channels: Sequence[str], *, now: datetime,
        allow_empty: bool = False,
    ) -> Digest | None:
        """Pending events -> one stored digest with a delivery per channel, in one transaction.

        `allow_empty`: compose even without pending events (a watchdog notice worth a message).
        """
        with self.writer() as tx:
            conn = tx.connection
            pending_q = select(events).where(events.c.notify.is_(True), events.c.digest_id.is_(None))
            pending = [rows.to_event(r) for r in conn.execute(pending_q.order_by(events.c.id))]
            if not pending and not allow_empty:
                return None
            digest = build(pending)
            digest_id = conn.execute(
                digests.insert()
                .values(subject=digest.subject, created=digest.created, payload=encode_digest(digest))
                .returning(digests.c.id)
            ).scalar_one()
            for channel in rows.unique(channels):
                conn.execute(deliveries.insert().values(digest_id=digest_id, channel=channel, status="pending",
                                                        attempts=0))
            # the pending events were read from the store: every one has an id
            ids = [e.id for e in digest.events if e.id is not None] or [e.id for e in pending if e.id is not None]
            for part in rows.chunks(ids):
                conn.execute(update(events).where(events.c.id.in_(part)).values(digest_id=digest_id))
        return Digest(subject=digest.subject, created=digest.created, events=digest.events,
                      notices=digest.notices, id=digest_id)

    def last_digest_at(self) -> datetime | None:
        with self._reader() as conn:
            return conn.scalar(select(func.max(digests.c.created)))

    def get_digest(self, digest_id: int) -> Digest:
        """The digest exactly as it was composed (from its stored payload)."""
        with self._reader() as conn:
            payload = conn.scalar(select(digests.c.payload).where(digests.c.id == digest_id))
        if payload is None:
            raise StoreError(f"get digest: no digest with id {digest_id}")
        return decode_digest(payload, digest_id)

    def due_deliveries(self, now: datetime, *, max_attempts: int = MAX_ATTEMPTS) -> list[Delivery]:
        """Deliveries to try now: pending, or failed with a retry time that has come."""
        with self._reader() as conn:
            return [rows.to_delivery(r) for r in conn.execute(self._due_query(now, max_attempts))]

    @staticmethod
    def _due_query(now: datetime, max_attempts: int) -> Select:
        due = or_(
            and_(deliveries.c.status == "pending",
                 or_(deliveries.c.next_attempt_at.is_(None), deliveries.c.next_attempt_at <= now)),
            and_(deliveries.c.status == "failed", deliveries.c.next_attempt_at <= now),
        )
        return select(deliveries).where(due, deliveries.c.attempts < max_attempts).order_by(deliveries.c.id)

    def claim_due(self, now: datetime, *, lease: timedelta = DELIVERY_LEASE,
                  max_attempts: int = MAX_ATTEMPTS) -> list[Delivery]:
        """Due deliveries, reserved for this caller until `now + lease` under a fresh owner token.

        `now` is the time of the claim itself, not of the run's start: a lease counted from
        before a long harvest would have run out already. Two runs delivering at once then
        never send one delivery twice; a sender that dies mid-send leaves its deliveries to be
        retried once the lease runs out (the documented at-least-once window).
        """
        owner = uuid.uuid4().hex
        with self.writer() as tx:
            conn = tx.connection
            due = self._due_query(now, max_attempts).with_for_update(skip_locked=True)
            claimed = [replace(rows.to_delivery(r), next_attempt_at=now + lease, lease_owner=owner)
                       for r in conn.execute(due)]
            for part in rows.chunks([d.id for d in claimed]):
                conn.execute(update(deliveries).where(deliveries.c.id.in_(part))
                             .values(next_attempt_at=now + lease, lease_owner=owner))
        return claimed

    def renew_lease(self, delivery_id: int, owner: str, until: datetime, *,
                    parts_sent: int | None = None, parts_key: str | None = None) -> bool:
        """Extend the lease to `until` and record progress, if `owner` still holds it; False if not.

        A sender whose lease ran out and was claimed by another gets False and must stop: the
        delivery is the other sender's now.
        """
        values: dict[str, Any] = {"next_attempt_at": until}
        if parts_sent is not None:
            values.update(parts_sent=parts_sent, parts_key=parts_key)
        mine = and_(deliveries.c.id == delivery_id, deliveries.c.lease_owner == owner, deliveries.c.status != "sent")
        with self.writer() as tx:
            return tx.connection.execute(update(deliveries).where(mine).values(**values)).rowcount == 1

    def mark_sent(self, delivery_id: int, at: datetime) -> None:
        """The channel took the digest: never due again."""
        self._update_delivery(delivery_id, status="sent", sent_at=at, next_attempt_at=None,
                              attempts=deliveries.c.attempts + 1, lease_owner=None)

    def mark_failed(self, delivery_id: int, error: str, next_attempt_at: datetime | None) -> None:
        """The channel refused: retry at `next_attempt_at`, or never (None: a permanent failure).

        Parts already accepted stay counted: the retry resumes after them.
        """
        self._update_delivery(delivery_id, status="failed", last_error=error[:MAX_ERROR_CHARS],
                              next_attempt_at=next_attempt_at, attempts=deliveries.c.attempts + 1, lease_owner=None)

    def mark_skipped(self, delivery_id: int, reason: str) -> None:
        """The channel's copy was empty (routed away): nothing was written, so it is not "sent"."""
        self._update_delivery(delivery_id, status="skipped", last_error=reason[:MAX_ERROR_CHARS], next_attempt_at=None)

    def retry_now(self, now: datetime, *, max_attempts: int = MAX_ATTEMPTS) -> int:
        """Failed deliveries waiting for a later retry become due now (`figwatch deliver`); those
        that gave up stay as they are. Returns how many.

        A delivery another sender holds (it has a lease owner) is left alone: it is being sent.
        """
        waiting = and_(deliveries.c.status == "failed", deliveries.c.next_attempt_at > now,
                       deliveries.c.attempts < max_attempts, deliveries.c.lease_owner.is_(None))
        with self.writer() as tx:
            return tx.connection.execute(update(deliveries).where(waiting).values(next_attempt_at=now)).rowcount

    def waiting_retries(self) -> int:
        """Failed deliveries that will be tried again: on a later run, or now by `figwatch deliver`."""
        waiting = and_(deliveries.c.status == "failed", deliveries.c.next_attempt_at.is_not(None))
        with self._reader() as conn:
            return conn.scalar(select(func.count()).select_from(deliveries).where(waiting)) or 0

    def _update_delivery(self, delivery_id: int, **values: Any) -> None:
        with self.writer() as tx:
            conn = tx.connection
            status = conn.scalar(select(deliveries.c.status).where(deliveries.c.id == delivery_id))
            if status is None:
                raise StoreError(f"update delivery: no delivery with id {delivery_id}")
            if status == "sent":
                return  # a delivered digest stays delivered
            conn.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(**values))

    def deliveries(self) -> list[Delivery]:
        with self._reader() as conn:
            return [rows.to_delivery(r) for r in conn.execute(select(deliveries).order_by(deliveries.c.id))]

    def record_run(self, kind: str, started: datetime, finished: datetime, report: dict) -> None:
        with self.writer() as tx:
            plain = json.loads(json.dumps(report, default=str))  # datetimes and the like as text
            tx.connection.execute(runs.insert().values(kind=kind, started=started, finished=finished, report=plain))

    def last_run(self, kind: str) -> datetime | None:
        """When the latest run of this kind finished (the watchdog's 'missed schedule' check)."""
        with self._reader() as conn:
            return conn.scalar(select(func.max(runs.c.finished)).where(runs.c.kind == kind))
