"""Each reminder level may send the client's statement of account with its emails

Revision ID: 0009_attach_statement
Revises: 0008_allocated
Create Date: 2026-12-05

Off for every existing level: the emails already sent stay as they were.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_attach_statement"
down_revision = "0008_allocated"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dunning_levels") as batch:
        batch.add_column(
            sa.Column("attach_statement", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("dunning_levels") as batch:
        batch.drop_column("attach_statement")
