"""Follow-up details: who a level applies to, what it claims, the Belgian free-reminder wait,
and the payment-plan instalment a reminder followed

Revision ID: 0004_followup_details
Revises: 0002_followup
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_followup_details"
down_revision = "0002_followup"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dunning_levels", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("applies_to", sa.String(length=10), nullable=False, server_default="both")
        )
        batch_op.add_column(
            sa.Column("also_email", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("claims_interest", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("claims_indemnity", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("dunning_policies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("free_reminder_level", sa.String(length=40), nullable=True))
        batch_op.add_column(
            sa.Column("free_reminder_days", sa.Integer(), nullable=False, server_default="14")
        )
        batch_op.add_column(
            sa.Column("free_reminder_paper_delay", sa.Integer(), nullable=False, server_default="3")
        )
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("instalment_due", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_column("instalment_due")
    with op.batch_alter_table("dunning_policies", schema=None) as batch_op:
        batch_op.drop_column("free_reminder_paper_delay")
        batch_op.drop_column("free_reminder_days")
        batch_op.drop_column("free_reminder_level")
    with op.batch_alter_table("dunning_levels", schema=None) as batch_op:
        batch_op.drop_column("claims_indemnity")
        batch_op.drop_column("claims_interest")
        batch_op.drop_column("also_email")
        batch_op.drop_column("applies_to")
