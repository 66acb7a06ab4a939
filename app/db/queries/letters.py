"""Postal details and invoice figures a letter prints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, func, select, type_coerce
from sqlalchemy.orm import Session

from app.db.models import Allocation, Client, Invoice
from app.db.rows import money


@dataclass(frozen=True)
class Addressee:
    id: int
    code: str
    name: str
    address: str
    postcode: str
    city: str
    country: str
    language: str
    client_type: str
    email: str


@dataclass(frozen=True)
class InvoiceFigures:
    id: int
    number: str
    issue_date: date
    due_date: date
    currency: str
    total: Decimal
    paid: Decimal


def addressees(session: Session, client_ids: set[int]) -> dict[int, Addressee]:
    rows = session.execute(
        select(
            Client.id,
            Client.code,
            Client.name,
            Client.address,
            Client.postcode,
            Client.city,
            Client.country,
            Client.language,
            Client.client_type,
            Client.email,
        ).where(Client.id.in_(sorted(client_ids)))
    )
    return {r[0]: Addressee(*r) for r in rows}


def invoice_figures(
    session: Session, invoice_ids: set[int], as_of: date
) -> dict[int, InvoiceFigures]:
    paid = (
        select(
            Allocation.invoice_id, func.sum(type_coerce(Allocation.amount, BigInteger)).label("p")
        )
        .where(Allocation.date <= as_of, Allocation.invoice_id.in_(sorted(invoice_ids)))
        .group_by(Allocation.invoice_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Invoice.id,
            Invoice.number,
            Invoice.issue_date,
            Invoice.due_date,
            Invoice.currency,
            type_coerce(Invoice.total, BigInteger),
            func.coalesce(paid.c.p, 0),
        )
        .outerjoin(paid, paid.c.invoice_id == Invoice.id)
        .where(Invoice.id.in_(sorted(invoice_ids)))
    )
    return {
        r[0]: InvoiceFigures(r[0], r[1], r[2], r[3], r[4], money(r[5]), money(r[6])) for r in rows
    }
