"""Indexes for the daily lists: sort by amount, search invoice numbers and references

Revision ID: 0005_list_indexes
Revises: 0004_followup_details
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0005_list_indexes"
down_revision = "0004_followup_details"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.create_index("ix_invoices_total", ["total"], unique=False)
        batch_op.create_index("ix_invoices_search", ["number", "reference"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_index("ix_invoices_search")
        batch_op.drop_index("ix_invoices_total")
