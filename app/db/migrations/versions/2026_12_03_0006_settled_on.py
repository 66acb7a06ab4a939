"""Settlement dates (when an invoice was fully paid, a credit note or a payment fully used)
and the dossier state token

Revision ID: 0006_settled_on
Revises: 0005_list_indexes
Create Date: 2026-12-03

Derived from the allocations, so analytics read "open on D" from an index instead of summing
every allocation; an invoice's first allocation date spares summing them before it. Existing
dossiers are filled in from their allocations. With them, the dossier's state token that every
committed write replaces, so analytics results are kept until the data changes.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0006_settled_on"
down_revision = "0005_list_indexes"
branch_labels = None
depends_on = None

SETTLED_INDEX = (
    "settled_on",
    "kind",
    "issue_date",
    "allocated_from",
    "due_date",
    "written_off_on",
    "currency",
    "client_id",
    "total",
    "disputed",
)

allocations = sa.table(
    "allocations",
    sa.column("invoice_id", sa.Integer),
    sa.column("credit_note_id", sa.Integer),
    sa.column("payment_line_id", sa.Integer),
    sa.column("amount", sa.BigInteger),
    sa.column("date", sa.Date),
)
invoices = sa.table(
    "invoices",
    sa.column("id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("total", sa.BigInteger),
    sa.column("settled_on", sa.Date),
    sa.column("allocated_from", sa.Date),
)
payments = sa.table(
    "payments",
    sa.column("id", sa.Integer),
    sa.column("amount", sa.BigInteger),
    sa.column("settled_on", sa.Date),
)
lines = sa.table("payment_lines", sa.column("id", sa.Integer), sa.column("payment_id", sa.Integer))


def _settled(
    amount: sa.ColumnElement[int], source: sa.ColumnElement[int], key: sa.ColumnElement[int]
) -> sa.ScalarSelect[object]:
    a = allocations.c
    return (
        sa.select(sa.case((sa.func.sum(a.amount) >= amount, sa.func.max(a.date))))
        .where(source == key)
        .scalar_subquery()
    )


def upgrade() -> None:
    state = op.create_table(
        "dossier_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_state")),
    )
    op.bulk_insert(state, [{"id": 1, "token": uuid.uuid4().hex}])
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("settled_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("allocated_from", sa.Date(), nullable=True))
        batch_op.create_index("ix_invoices_settled", list(SETTLED_INDEX), unique=False)
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("settled_on", sa.Date(), nullable=True))
        batch_op.create_index("ix_payments_settled", ["settled_on", "date"], unique=False)
    a = allocations.c
    first = sa.select(sa.func.min(a.date)).where(a.invoice_id == invoices.c.id).scalar_subquery()
    op.execute(
        invoices.update()
        .where(invoices.c.kind == "invoice", invoices.c.id.in_(sa.select(a.invoice_id)))
        .values(
            settled_on=_settled(invoices.c.total, a.invoice_id, invoices.c.id), allocated_from=first
        )
    )
    op.execute(
        invoices.update()
        .where(invoices.c.kind == "credit_note", invoices.c.id.in_(sa.select(a.credit_note_id)))
        .values(settled_on=_settled(invoices.c.total, a.credit_note_id, invoices.c.id))
    )
    used = (
        sa.select(sa.case((sa.func.sum(a.amount) >= payments.c.amount, sa.func.max(a.date))))
        .select_from(allocations.join(lines, lines.c.id == a.payment_line_id))
        .where(lines.c.payment_id == payments.c.id)
        .scalar_subquery()
    )
    op.execute(payments.update().values(settled_on=used))


def downgrade() -> None:
    op.drop_table("dossier_state")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index("ix_payments_settled")
        batch_op.drop_column("settled_on")
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_index("ix_invoices_settled")
        batch_op.drop_column("allocated_from")
        batch_op.drop_column("settled_on")
