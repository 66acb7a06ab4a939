"""Keeps `settled_on` of invoices, credit notes and payments, and what is allocated of each
invoice and credit note, in step with the allocations.

Allocations are positive and never exceed what is left, so an amount is fully matched on a
date D exactly when all its allocations are dated on or before D: `settled_on` is the latest
allocation date once they add up to the whole amount, else None. "Open on D" then reads
`settled_on IS NULL OR settled_on > D`, on an index, instead of summing every allocation.
An invoice's `allocated_from` (its first allocation date) spares the sum of its allocations
on dates before it. Whoever writes allocations calls `refresh_settlement` for the clients
concerned.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Table, case, func, or_, select, true, update
from sqlalchemy.orm import Session

from app.db.models import Allocation, Invoice, Payment, PaymentLine

CLIENTS_PER_STATEMENT = 500


def _settled_date(amount: Any, source: Any, key: Any) -> Any:
    """Latest allocation date when the allocations add up to `amount`, else NULL."""
    return (
        select(case((func.sum(Allocation.amount) >= amount, func.max(Allocation.date))))
        .where(source == key)
        .scalar_subquery()
    )


def _allocated(source: Any, key: Any) -> Any:
    return (
        select(func.coalesce(func.sum(Allocation.amount), 0)).where(source == key).scalar_subquery()
    )


def _first_date(source: Any, key: Any) -> Any:
    return select(func.min(Allocation.date)).where(source == key).scalar_subquery()


def _refresh(session: Session, invoice_where: Any, payment_where: Any) -> None:
    invoices = cast(Table, Invoice.__table__)
    payments = cast(Table, Payment.__table__)
    settled = _settled_date(invoices.c.total, Allocation.invoice_id, invoices.c.id)
    first = _first_date(Allocation.invoice_id, invoices.c.id)
    allocated = _allocated(Allocation.invoice_id, invoices.c.id)
    session.execute(
        update(invoices)
        .where(
            invoices.c.kind == "invoice",
            invoice_where,
            or_(
                invoices.c.settled_on.is_distinct_from(settled),
                invoices.c.allocated_from.is_distinct_from(first),
                invoices.c.allocated.is_distinct_from(allocated),
            ),
        )
        .values(settled_on=settled, allocated_from=first, allocated=allocated)
    )
    settled = _settled_date(invoices.c.total, Allocation.credit_note_id, invoices.c.id)
    allocated = _allocated(Allocation.credit_note_id, invoices.c.id)
    session.execute(
        update(invoices)
        .where(
            invoices.c.kind == "credit_note",
            invoice_where,
            or_(
                invoices.c.settled_on.is_distinct_from(settled),
                invoices.c.allocated.is_distinct_from(allocated),
            ),
        )
        .values(settled_on=settled, allocated=allocated)
    )
    used = (
        select(case((func.sum(Allocation.amount) >= payments.c.amount, func.max(Allocation.date))))
        .select_from(Allocation)
        .join(PaymentLine, PaymentLine.id == Allocation.payment_line_id)
        .where(PaymentLine.payment_id == payments.c.id)
        .scalar_subquery()
    )
    session.execute(
        update(payments)
        .where(payment_where, payments.c.settled_on.is_distinct_from(used))
        .values(settled_on=used)
    )


def refresh_settlement(session: Session, client_ids: Iterable[int] | None = None) -> None:
    """Recompute `settled_on` for these clients' invoices, credit notes and payments (None:
    the whole dossier)."""
    if client_ids is None:
        _refresh(session, true(), true())
        return
    ids = sorted(set(client_ids))
    for start in range(0, len(ids), CLIENTS_PER_STATEMENT):
        part = ids[start : start + CLIENTS_PER_STATEMENT]
        _refresh(
            session,
            Invoice.__table__.c.client_id.in_(part),
            Payment.__table__.c.client_id.in_(part),
        )
