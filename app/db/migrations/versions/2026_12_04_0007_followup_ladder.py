"""How the ladder moves: one client, one voice (gap and minimum amount per policy), escalations
in the history, one history entry per plan action

Revision ID: 0007_followup_ladder
Revises: 0006_settled_on
Create Date: 2026-12-04

Policies get `min_gap_days` (days between two contacts of a client, 7) and `min_amount` (cents:
below it a contact waits, 10.00); existing policies are filled with these defaults. Reminders
accept the status 'escalated' (the user asked for a level now, with a confirmation) and carry
the key of the plan action they record, unique, so two bookkeepers marking the same action done
write one entry.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_followup_ladder"
down_revision = "0006_settled_on"
branch_labels = None
depends_on = None

OLD_STATUS = "status IN ('planned', 'done', 'skipped', 'snoozed')"
NEW_STATUS = "status IN ('planned', 'done', 'skipped', 'snoozed', 'escalated')"

policies = sa.table(
    "dunning_policies",
    sa.column("min_gap_days", sa.Integer),
    sa.column("min_amount", sa.BigInteger),
)


def upgrade() -> None:
    with op.batch_alter_table("dunning_policies", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("min_gap_days", sa.Integer(), nullable=False, server_default="7")
        )
        batch_op.add_column(
            sa.Column("min_amount", sa.BigInteger(), nullable=False, server_default="1000")
        )
    op.execute(policies.update().values(min_gap_days=7, min_amount=1000))
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("action_key", sa.String(length=200), nullable=True))
        batch_op.drop_constraint(op.f("ck_reminders_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_reminders_status"), NEW_STATUS)
        batch_op.create_index("ix_reminders_action_key", ["action_key"], unique=True)


def downgrade() -> None:
    reminders = sa.table("reminders", sa.column("status", sa.String))
    op.execute(reminders.delete().where(reminders.c.status == "escalated"))
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_index("ix_reminders_action_key")
        batch_op.drop_constraint(op.f("ck_reminders_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_reminders_status"), OLD_STATUS)
        batch_op.drop_column("action_key")
    with op.batch_alter_table("dunning_policies", schema=None) as batch_op:
        batch_op.drop_column("min_amount")
        batch_op.drop_column("min_gap_days")
