"""The tables, as SQLAlchemy Core: what the code reads and writes.

Migrations (figwatch/store/migrations/versions) create these; a test checks that the migrated
database and this metadata agree, so a change here needs a new migration.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.types import TypeDecorator

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, whatever the backend keeps (SQLite has no time zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: figwatch stores aware UTC datetimes")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class UInt64(TypeDecorator[int]):
    """A 64-bit unsigned fingerprint (simhash) in a signed BIGINT column."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: int | None, dialect: Any) -> int | None:
        return None if value is None else (value - (1 << 64) if value >= (1 << 63) else value)

    def process_result_value(self, value: int | None, dialect: Any) -> int | None:
        return None if value is None else (value + (1 << 64) if value < 0 else value)


sources = Table(
    "sources", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("last_success", UTCDateTime),
    Column("last_error", Text),
    Column("last_error_at", UTCDateTime),
    Column("consecutive_failures", Integer, nullable=False, default=0),
)

http_cache = Table(
    "http_cache", metadata,
    Column("url", String(2000), primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
)

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("url", String(2000), nullable=False, unique=True),
    Column("content_hash", String(64), unique=True),  # NULL when the parser gave none
    Column("simhash", UInt64, nullable=False, default=0),
    Column("title", Text, nullable=False),
    Column("outlet", Text),
    Column("published", UTCDateTime, nullable=False),
    Column("source", String(200), nullable=False),
    Column("fetched_at", UTCDateTime, nullable=False),
    Column("published_inferred", Boolean, nullable=False, default=False),
    Column("guid", Text),
    Column("text", Text, nullable=False),
)

claims = Table(
    "claims", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE")),
    Column("report_key", String(400), nullable=False, index=True),
    Column("metric", String(100), nullable=False, index=True),
    Column("value", Float, nullable=False),
    Column("qualifier", String(20), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("low", Float),
    Column("high", Float),
    Column("source", Text),
    Column("source_key", String(200)),
    Column("confidence", Float, nullable=False),
    Column("as_of", Date),
    Column("revised_from", Float),
    Column("article_url", String(2000)),
    Column("published", UTCDateTime),
    Column("outlet", Text),
    Column("title", Text),
    Column("review", String(16)),  # a person's verdict on a reviewable claim: confirmed, rejected; NULL: none
    Column("stance", String(16), nullable=False, server_default="current"),
    Column("derived", Boolean, nullable=False, server_default=false()),
    Column("rule", String(100)),
    UniqueConstraint("article_id", "metric", "start", "end"),
)

digests = Table(
    "digests", metadata,
    Column("id", Integer, primary_key=True),
    Column("subject", Text, nullable=False),
    Column("created", UTCDateTime, nullable=False),
    Column("payload", JSON, nullable=False),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("metric", String(100), nullable=False),
    Column("report_key", String(400), nullable=False),
    Column("new_claim", JSON, nullable=False),
    Column("old_claim", JSON),
    Column("revision", Boolean, nullable=False, default=False),
    Column("detail", JSON),  # estimates, series and reason (migration 0003); NULL: none
    Column("notify", Boolean, nullable=False, default=True),
    Column("digest_id", Integer, ForeignKey("digests.id")),
    Column("created", UTCDateTime, nullable=False),
    UniqueConstraint("kind", "metric", "report_key"),
    Index("ix_events_pending", "notify", "digest_id"),
)

deliveries = Table(
    "deliveries", metadata,
    Column("id", Integer, primary_key=True),
    Column("digest_id", Integer, ForeignKey("digests.id"), nullable=False),
    Column("channel", String(50), nullable=False),
    Column("status", String(10), nullable=False, default="pending"),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("next_attempt_at", UTCDateTime),
    Column("sent_at", UTCDateTime),
    Column("parts_sent", Integer, nullable=False, server_default="0"),  # leading parts accepted (0004)
    Column("parts_key", String(64)),  # which rendering those parts belong to
    Column("lease_owner", String(32)),  # the sender holding the lease; only it renews or records progress
    UniqueConstraint("digest_id", "channel"),
)

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(50), nullable=False, index=True),
    Column("started", UTCDateTime, nullable=False),
    Column("finished", UTCDateTime, nullable=False),
    Column("report", JSON, nullable=False),
)
