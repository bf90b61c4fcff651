"""The first schema: sources, http cache, articles, claims, events, digests, deliveries, runs.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    _sources()
    _http_cache()
    _articles()
    _claims()
    _digests()
    _events()
    _deliveries()
    _runs()


def _sources() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("last_success", TS),
        sa.Column("last_error", sa.Text),
        sa.Column("last_error_at", TS),
        sa.Column("consecutive_failures", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("name", name="uq_sources_name"),
    )


def _http_cache() -> None:
    op.create_table(
        "http_cache",
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.PrimaryKeyConstraint("url", name="pk_http_cache"),
    )


def _articles() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("simhash", sa.BigInteger, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("outlet", sa.Text),
        sa.Column("published", TS, nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("fetched_at", TS, nullable=False),
        sa.Column("published_inferred", sa.Boolean, nullable=False),
        sa.Column("guid", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("url", name="uq_articles_url"),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    )


def _claims() -> None:
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("article_id", sa.Integer),
        sa.Column("report_key", sa.String(400), nullable=False),
        sa.Column("metric", sa.String(100), nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("qualifier", sa.String(20), nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("low", sa.Float),
        sa.Column("high", sa.Float),
        sa.Column("source", sa.Text),
        sa.Column("source_key", sa.String(200)),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("as_of", sa.Date),
        sa.Column("revised_from", sa.Float),
        sa.Column("article_url", sa.String(2000)),
        sa.Column("published", TS),
        sa.Column("outlet", sa.Text),
        sa.Column("title", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name="fk_claims_article_id_articles",
                                ondelete="CASCADE"),
        sa.UniqueConstraint("article_id", "metric", "start", "end", name="uq_claims_article_id_metric_start_end"),
    )
    op.create_index("ix_claims_report_key", "claims", ["report_key"])
    op.create_index("ix_claims_metric", "claims", ["metric"])


def _digests() -> None:
    op.create_table(
        "digests",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("created", TS, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_digests"),
    )


def _events() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("metric", sa.String(100), nullable=False),
        sa.Column("report_key", sa.String(400), nullable=False),
        sa.Column("new_claim", sa.JSON, nullable=False),
        sa.Column("old_claim", sa.JSON),
        sa.Column("revision", sa.Boolean, nullable=False),
        sa.Column("notify", sa.Boolean, nullable=False),
        sa.Column("digest_id", sa.Integer),
        sa.Column("created", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.ForeignKeyConstraint(["digest_id"], ["digests.id"], name="fk_events_digest_id_digests"),
        sa.UniqueConstraint("kind", "metric", "report_key", name="uq_events_kind_metric_report_key"),
    )
    op.create_index("ix_events_pending", "events", ["notify", "digest_id"])


def _deliveries() -> None:
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("digest_id", sa.Integer, nullable=False),
        sa.Column("channel", sa.String(50), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("next_attempt_at", TS),
        sa.Column("sent_at", TS),
        sa.PrimaryKeyConstraint("id", name="pk_deliveries"),
        sa.ForeignKeyConstraint(["digest_id"], ["digests.id"], name="fk_deliveries_digest_id_digests"),
        sa.UniqueConstraint("digest_id", "channel", name="uq_deliveries_digest_id_channel"),
    )


def _runs() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(50), nullable=False),
        sa.Column("started", TS, nullable=False),
        sa.Column("finished", TS, nullable=False),
        sa.Column("report", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
    )
    op.create_index("ix_runs_kind", "runs", ["kind"])


def downgrade() -> None:
    op.drop_index("ix_runs_kind", "runs")
    op.drop_table("runs")
    op.drop_table("deliveries")
    op.drop_index("ix_events_pending", "events")
    op.drop_table("events")
    op.drop_table("digests")
    op.drop_index("ix_claims_metric", "claims")
    op.drop_index("ix_claims_report_key", "claims")
    op.drop_table("claims")
    op.drop_table("articles")
    op.drop_table("http_cache")
    op.drop_table("sources")
