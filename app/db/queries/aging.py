"""Aged receivables in one set-based query (same SQL on SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, and_, case, func, literal, or_, select, type_coerce, union_all
from sqlalchemy.orm import Session

from app.db.base import cents_to_decimal
from app.db.models import Allocation, Client, Invoice, Payment
from app.domain.aging import DEFAULT_LIMITS, due_date_bounds


@dataclass(frozen=True)
class AgingFigures:
    client_id: int
    client_code: str
    client_name: str
    currency: str
    buckets: tuple[Decimal, ...]
    unapplied: Decimal


def _cents(column):  # type: ignore[no-untyped-def]
    return type_coerce(column, BigInteger)


def aging_rows(
    session: Session,
    as_of: date,
    limits: tuple[int, ...] = DEFAULT_LIMITS,
    basis: str = "due_date",
    client_id: int | None = None,
) -> list[AgingFigures]:
    """Per client and currency: open balance per bucket and unapplied credit on `as_of`."""
    bounds = due_date_bounds(as_of, limits)
    allocated = (
        select(Allocation.invoice_id, func.sum(_cents(Allocation.amount)).label("paid"))
        .where(Allocation.date <= as_of)
        .group_by(Allocation.invoice_id)
        .subquery()
    )
    balance = _cents(Invoice.total) - func.coalesce(allocated.c.paid, 0)
    age_date = Invoice.due_date if basis == "due_date" else Invoice.issue_date
    conditions = [age_date >= bounds[0]]
    for upper, lower in zip(bounds, bounds[1:], strict=False):
        conditions.append(and_(age_date < upper, age_date >= lower))
    bucket_columns = [
        case((cond, balance), else_=0).label(f"b{i}") for i, cond in enumerate(conditions)
    ]
    bucket_columns.append(case((age_date < bounds[-1], balance), else_=0).label(f"b{len(bounds)}"))
    nb = len(bucket_columns)
    zeros = [literal(0, BigInteger).label(f"b{i}") for i in range(nb)]

    open_invoices = (
        select(
            Invoice.client_id, Invoice.currency, *bucket_columns, literal(0, BigInteger).label("u")
        )
        .select_from(Invoice)
        .outerjoin(allocated, allocated.c.invoice_id == Invoice.id)
        .where(
            Invoice.kind == "invoice",
            Invoice.issue_date <= as_of,
            or_(Invoice.written_off_on.is_(None), Invoice.written_off_on > as_of),
        )
    )
    payments = select(
        Payment.client_id, Payment.currency, *zeros, _cents(Payment.amount).label("u")
    ).where(Payment.date <= as_of)
    credit_notes = select(
        Invoice.client_id, Invoice.currency, *zeros, _cents(Invoice.total).label("u")
    ).where(Invoice.kind == "credit_note", Invoice.issue_date <= as_of)
    applied = (
        select(
            Allocation.client_id,
            Invoice.currency,
            *zeros,
            (-_cents(Allocation.amount)).label("u"),
        )
        .join(Invoice, Invoice.id == Allocation.invoice_id)
        .where(Allocation.date <= as_of)
    )
    parts = [open_invoices, payments, credit_notes, applied]
    if client_id is not None:
        parts = [p.where(literal_client(p) == client_id) for p in parts]
    combined = union_all(*parts).subquery()
    sums = [func.sum(combined.c[f"b{i}"]) for i in range(nb)]
    query = (
        select(
            Client.id, Client.code, Client.name, combined.c.currency, *sums, func.sum(combined.c.u)
        )
        .join(combined, combined.c.client_id == Client.id)
        .group_by(Client.id, Client.code, Client.name, combined.c.currency)
        .order_by(Client.code, combined.c.currency)
    )
    result = []
    for row in session.execute(query):
        buckets = tuple(cents_to_decimal(v) for v in row[4 : 4 + nb])
        unapplied = cents_to_decimal(row[4 + nb])
        if unapplied == 0 and all(b == 0 for b in buckets):
            continue
        result.append(AgingFigures(row[0], row[1], row[2], row[3], buckets, unapplied))
    return result


def literal_client(select_stmt):  # type: ignore[no-untyped-def]
    return select_stmt.selected_columns[0]
