"""How an article presents a claim (stance, derived, the extractor's rule) and an event's detail.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:  # SQLite alters by copying the table
        batch.add_column(sa.Column("stance", sa.String(16), nullable=False, server_default="current"))
        batch.add_column(sa.Column("derived", sa.Boolean, nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("rule", sa.String(100), nullable=True))
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("detail", sa.JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("detail")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("rule")
        batch.drop_column("derived")
        batch.drop_column("stance")
