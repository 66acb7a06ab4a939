"""The invoices behind one cell of the aging report, by the same rules as `aging_rows`."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Allocation, Invoice
from app.db.queries.analytics import cents, is_live


def cell_invoice_ids(
    session: Session,
    as_of: date,
    basis: str,
    first: date | None,
    last: date | None,
    currency: str,
    client_id: int | None = None,
) -> list[int]:
    """Invoices with a balance on as_of whose due (or issue) date lies in [first, last]."""
    paid = (
        select(Allocation.invoice_id, func.sum(cents(Allocation.amount)).label("paid"))
        .where(Allocation.date <= as_of)
        .group_by(Allocation.invoice_id)
    )
    if client_id is not None:
        paid = paid.where(Allocation.client_id == client_id)
    allocated = paid.subquery()
    age_date = Invoice.due_date if basis == "due_date" else Invoice.issue_date
    query = (
        select(Invoice.id)
        .outerjoin(allocated, allocated.c.invoice_id == Invoice.id)
        .where(
            is_live(as_of),
            Invoice.currency == currency,
            cents(Invoice.total) - func.coalesce(allocated.c.paid, 0) > 0,
        )
        .order_by(age_date, Invoice.number)
    )
    if first is not None:
        query = query.where(age_date >= first)
    if last is not None:
        query = query.where(age_date <= last)
    if client_id is not None:
        query = query.where(Invoice.client_id == client_id)
    return list(session.scalars(query))
