"""A delivery's progress through a many-part message and the owner of its lease.

`parts_sent` counts the leading parts a channel accepted (Slack posts a long digest as many
messages) and `parts_key` names the rendering they belong to, so a retry or a rerun after a
crash resumes at the first unsent part. `lease_owner` is the token of the sender holding the
delivery's lease: only that sender may renew it or record progress.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:  # SQLite alters by copying the table
        batch.add_column(sa.Column("parts_sent", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("parts_key", sa.String(64), nullable=True))
        batch.add_column(sa.Column("lease_owner", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("lease_owner")
        batch.drop_column("parts_key")
        batch.drop_column("parts_sent")
