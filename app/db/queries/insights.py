"""Compact rows for payment behaviour: settled invoices with the day they were fully paid."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, func, select, type_coerce
from sqlalchemy.orm import Session

from app.db.base import cents_to_decimal
from app.db.models import Allocation, Client, Invoice


@dataclass(frozen=True)
class SettledRow:
    client_id: int
    issue_date: date
    due_date: date
    total: Decimal
    paid_date: date


def settled_since(session: Session, since: date, as_of: date) -> list[SettledRow]:
    """Invoices fully paid between `since` and `as_of`: the last allocation closes them."""
    grouped = (
        select(Allocation.invoice_id, func.max(Allocation.date).label("last"),
               func.sum(type_coerce(Allocation.amount, BigInteger)).label("paid"))
        .where(Allocation.date <= as_of)
        .group_by(Allocation.invoice_id)
        .subquery()
    )
    query = (
        select(Invoice.client_id, Invoice.issue_date, Invoice.due_date,
               type_coerce(Invoice.total, BigInteger), grouped.c.last)
        .join(grouped, grouped.c.invoice_id == Invoice.id)
        .where(Invoice.kind == "invoice", grouped.c.paid >= type_coerce(Invoice.total, BigInteger),
               grouped.c.last >= since)
    )
    return [SettledRow(r[0], r[1], r[2], cents_to_decimal(r[3]), r[4])
            for r in session.execute(query)]


def credit_limits(session: Session) -> dict[int, Decimal]:
    rows = session.execute(select(Client.id, Client.credit_limit)
                           .where(Client.credit_limit.is_not(None)))
    return {cid: limit for cid, limit in rows}
