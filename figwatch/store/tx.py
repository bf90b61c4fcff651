"""Tx: what a writer does inside its one serialised transaction."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, Iterable, Mapping, Sequence

from sqlalchemy import Connection, Table, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from figwatch.models import Article, Claim, Event, Figure, HttpState, Metric
from figwatch.store import rows, verdicts
from figwatch.store.reading import read_figures
from figwatch.store.schema import articles, claims, events, http_cache, sources


def insert(conn: Connection, table: Table) -> Any:
    """The backend's INSERT that knows ON CONFLICT."""
    return (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(table)


class Tx:
    """One writer transaction: commit on leaving `Store.writer()`, rollback on an exception."""

    def __init__(self, conn: Connection, now: datetime | None = None, metrics: Mapping[str, Metric] | None = None):
        self._conn = conn
        self._now = now
        self._metrics = metrics

    @property
    def connection(self) -> Connection:
        """The transaction's connection, for the store's own compound operations."""
        return self._conn

    def now(self) -> datetime:
        return self._now or datetime.now(timezone.utc)

    def add_articles(self, new: Sequence[Article]) -> list[Article]:
        """Insert the articles not yet stored (same canonical URL or content hash: skipped)."""
        if not new:
            return []
        fetched = self.now()
        stmt = insert(self._conn, articles).on_conflict_do_nothing().returning(articles.c.url)
        # one statement for the batch (executemany with RETURNING): only inserted rows come back
        stored = set(self._conn.execute(stmt, [rows.article_values(a, fetched) for a in new]).scalars())
        inserted = []
        for article in new:  # the same article twice in one batch is inserted once
            if article.url in stored:
                stored.discard(article.url)
                inserted.append(article)
        return inserted

    def load_figures(self, metrics: Iterable[str] | None = None) -> dict[str, Figure]:
        """The figures as this transaction sees them: fresh, under the writer lock."""
        return read_figures(self._conn, metrics, self._metrics)

    def add_claims(self, new: Sequence[Claim]) -> None:
        """Store claims (every copy, reviewable ones too), each with its article's id."""
        urls = rows.unique(c.article_url or "" for c in new)
        ids: dict[str, int] = {}
        for part in rows.chunks(urls):
            found = self._conn.execute(select(articles.c.url, articles.c.id).where(articles.c.url.in_(part)))
            ids.update({url: id_ for url, id_ in found})
        if new:
            values = [rows.claim_values(c, ids.get(c.article_url or "")) for c in new]
            self._conn.execute(insert(self._conn, claims).on_conflict_do_nothing(), values)

    def add_events(self, new: Sequence[Event], *, notify: bool = True) -> list[Event]:
        """Insert events not stored yet (unique on kind, metric, report key); return them with ids."""
        if not new:
            return []
        created = self.now()
        values = [rows.event_values(item, notify, created) for item in new]
        stmt = insert(self._conn, events).on_conflict_do_nothing().returning(
            events.c.id, events.c.kind, events.c.metric, events.c.report_key)
        ids = {(k, m, r): i for i, k, m, r in self._conn.execute(stmt, values)}
        inserted = []
        for item, row in zip(new, values, strict=True):
            id_ = ids.pop((row["kind"], row["metric"], row["report_key"]), None)
            if id_ is not None:
                inserted.append(replace(item, id=id_))
        return inserted

    def waiting_review(self, ids: Iterable[int]) -> list[verdicts.ReviewItem]:
        """Those of the claim ids that wait for a person's verdict: held back by the extractor
        (low confidence) or by the fold (unconfirmed)."""
        ids = list(ids)
        return verdicts.waiting(self._conn, ids) + verdicts.unconfirmed(self._conn, self._metrics, ids)

    def record_verdict(self, items: Sequence[verdicts.ReviewItem], verdict: verdicts.Verdict,
                       confidence: float | None = None) -> int:
        """A person's verdict on the items' reports (every waiting copy); returns the claims marked."""
        return verdicts.record(self._conn, items, verdict, confidence)

    def claim_watermark(self) -> int:
        """The newest claim id: unchanged since our last batch means no other writer came between."""
        return self._conn.scalar(select(func.max(claims.c.id))) or 0

    def set_http_state(self, state: HttpState) -> None:
        """Remember what a URL answered, for the next conditional GET."""
        values = {"url": state.url, "etag": state.etag, "last_modified": state.last_modified}
        stmt = insert(self._conn, http_cache).values(values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[http_cache.c.url], set_={"etag": state.etag, "last_modified": state.last_modified}
        )
        self._conn.execute(stmt)

    def record_source_result(self, name: str, ok: bool, error: str | None, at: datetime) -> None:
        """A source answered (ok) or failed: keep its health for the watchdog."""
        self._conn.execute(
            insert(self._conn, sources).values(name=name, consecutive_failures=0).on_conflict_do_nothing()
        )
        where = sources.c.name == name
        if ok:
            change = {"last_success": at, "consecutive_failures": 0}
        else:
            change = {
                "last_error": error or "failed", "last_error_at": at,
                "consecutive_failures": sources.c.consecutive_failures + 1,
            }
        self._conn.execute(update(sources).where(where).values(change))
