"""Rows to models and back: the store hands out figwatch.models, never rows."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, Iterator, Sequence, TypeVar

from sqlalchemy import Row

from figwatch.figures import report_key
from figwatch.models import Article, Claim, Delivery, Event, SourceHealth
from figwatch.store.codec import decode_claim, decode_detail, encode_claim, encode_detail

T = TypeVar("T")
CHUNK = 500  # under every backend's limit on bound parameters

CLAIM_COLUMNS = (
    "metric", "value", "qualifier", "evidence", "start", "end", "low", "high", "source",
    "source_key", "confidence", "as_of", "revised_from", "article_url", "published", "outlet", "title",
    "stance", "derived", "rule", "review",
)


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def article_values(article: Article, fetched_at: datetime) -> dict[str, Any]:
    return {
        "url": article.url, "content_hash": article.content_hash or None, "simhash": article.simhash,
        "title": article.title, "outlet": article.outlet, "published": article.published,
        "source": article.source, "fetched_at": fetched_at,
        "published_inferred": article.published_inferred, "guid": article.guid, "text": article.text,
    }


def to_article(row: Row[Any]) -> Article:
    m = row._mapping
    return Article(
        url=m["url"], title=m["title"], text=m["text"], published=m["published"], source=m["source"],
        outlet=m["outlet"], content_hash=m["content_hash"] or "", simhash=m["simhash"],
        published_inferred=m["published_inferred"], guid=m["guid"],
    )


def claim_values(claim: Claim, article_id: int | None) -> dict[str, Any]:
    values = {name: getattr(claim, name) for name in CLAIM_COLUMNS}
    values.update(article_id=article_id, report_key=report_key(claim), value=float(claim.value))
    return values


def to_claim(row: Row[Any]) -> Claim:
    m = row._mapping
    return Claim(**{name: m[name] for name in CLAIM_COLUMNS})


def event_values(event: Event, notify: bool, created: datetime) -> dict[str, Any]:
    return {
        "kind": event.kind, "metric": event.metric, "report_key": report_key(event.new),
        "new_claim": encode_claim(event.new),
        "old_claim": None if event.old is None else encode_claim(event.old),
        "revision": event.revision, "detail": encode_detail(event), "notify": notify, "created": created,
    }


def to_event(row: Row[Any]) -> Event:
    m = row._mapping
    old = m["old_claim"]
    return Event(
        kind=m["kind"], metric=m["metric"], new=decode_claim(m["new_claim"]),
        old=None if old is None else decode_claim(old), revision=m["revision"], id=m["id"],
        **decode_detail(m["detail"]),
    )


def to_delivery(row: Row[Any]) -> Delivery:
    m = row._mapping
    return Delivery(
        digest_id=m["digest_id"], channel=m["channel"], status=m["status"], attempts=m["attempts"],
        last_error=m["last_error"], next_attempt_at=m["next_attempt_at"], sent_at=m["sent_at"], id=m["id"],
        parts_sent=m["parts_sent"], parts_key=m["parts_key"], lease_owner=m["lease_owner"],
    )


def to_health(row: Row[Any]) -> SourceHealth:
    m = row._mapping
    return SourceHealth(
        name=m["name"], last_success=m["last_success"], last_error=m["last_error"],
        last_error_at=m["last_error_at"], consecutive_failures=m["consecutive_failures"],
    )


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))
