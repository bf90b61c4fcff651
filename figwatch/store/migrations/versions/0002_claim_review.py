"""A person's verdict on a claim held back for review: confirmed or rejected (NULL: waiting).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:  # SQLite alters by copying the table
        batch.add_column(sa.Column("review", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("review")
