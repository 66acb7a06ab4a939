"""What the allocations settle of each invoice and credit note, kept on the row

Revision ID: 0008_allocated
Revises: 0007_followup_ladder
Create Date: 2026-12-04

The invoice list sorts by what is left to pay (total − allocated) on an index, and the list,
its totals and the client register read it without summing the allocations of every row.
Existing dossiers are filled in from their allocations.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_allocated"
down_revision = "0007_followup_ladder"
branch_labels = None
depends_on = None

allocations = sa.table(
    "allocations",
    sa.column("invoice_id", sa.Integer),
    sa.column("credit_note_id", sa.Integer),
    sa.column("amount", sa.BigInteger),
)
invoices = sa.table(
    "invoices",
    sa.column("id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("allocated", sa.BigInteger),
)


def _sum(source: sa.ColumnElement[int]) -> sa.ScalarSelect[object]:
    a = allocations.c
    return (
        sa.select(sa.func.coalesce(sa.func.sum(a.amount), 0))
        .where(source == invoices.c.id)
        .scalar_subquery()
    )


def upgrade() -> None:
    with op.batch_alter_table("invoices") as batch:
        batch.add_column(
            sa.Column("allocated", sa.BigInteger(), nullable=False, server_default="0")
        )
    op.execute(
        invoices.update()
        .where(invoices.c.kind == "invoice")
        .values(allocated=_sum(allocations.c.invoice_id))
    )
    op.execute(
        invoices.update()
        .where(invoices.c.kind == "credit_note")
        .values(allocated=_sum(allocations.c.credit_note_id))
    )
    op.create_index("ix_invoices_left", "invoices", [sa.text("(total - allocated)"), "id"])


def downgrade() -> None:
    op.drop_index("ix_invoices_left", table_name="invoices")
    with op.batch_alter_table("invoices") as batch:
        batch.drop_column("allocated")
