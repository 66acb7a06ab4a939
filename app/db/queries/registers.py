"""Lists for the daily screens: clients with their balances, invoices page by page (keyset)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, and_, case, func, or_, select, tuple_, type_coerce
from sqlalchemy.orm import Session

from app.db.base import cents_to_decimal
from app.db.models import Allocation, Client, Invoice
from app.domain.filters import InvoiceFilter


@dataclass(frozen=True)
class ClientLine:
    id: int
    code: str
    name: str
    client_type: str
    preferred_channel: str
    terms_days: int | None
    city: str
    email: str
    dunning_blocked: bool


@dataclass(frozen=True)
class InvoiceLine:
    id: int
    number: str
    kind: str
    client_code: str
    client_name: str
    issue_date: date
    due_date: date
    currency: str
    total: Decimal
    balance: Decimal
    disputed: bool
    written_off: bool


SORTS = {
    "number": Invoice.number,
    "client": Client.code,
    "issue_date": Invoice.issue_date,
    "due_date": Invoice.due_date,
    "total": Invoice.total,
}


def clients(session: Session, search: str = "", include_archived: bool = False) -> list[ClientLine]:
    query = select(
        Client.id, Client.code, Client.name, Client.client_type, Client.preferred_channel,
        Client.payment_terms_days, Client.city, Client.email, Client.dunning_blocked,
    ).order_by(Client.code)
    if not include_archived:
        query = query.where(Client.archived.is_(False))
    if search:
        pattern = f"%{search.lower()}%"
        query = query.where(
            or_(*(func.lower(col).like(pattern) for col in
                  (Client.code, Client.name, Client.email, Client.city, Client.vat_number)))
        )
    return [ClientLine(*row) for row in session.execute(query)]


def _paid():  # type: ignore[no-untyped-def]
    return (
        select(func.coalesce(func.sum(type_coerce(Allocation.amount, BigInteger)), 0))
        .where(Allocation.invoice_id == Invoice.id)
        .correlate(Invoice)
        .scalar_subquery()
    )


def _where(flt: InvoiceFilter):  # type: ignore[no-untyped-def]
    conditions = []
    if flt.text:
        pattern = f"%{flt.text.lower()}%"
        conditions.append(or_(func.lower(Invoice.number).like(pattern),
                              func.lower(Invoice.reference).like(pattern),
                              func.lower(Client.name).like(pattern)))
    if flt.client_id is not None:
        conditions.append(Invoice.client_id == flt.client_id)
    if flt.currency:
        conditions.append(Invoice.currency == flt.currency)
    if flt.due_from:
        conditions.append(Invoice.due_date >= flt.due_from)
    if flt.due_to:
        conditions.append(Invoice.due_date <= flt.due_to)
    balance = type_coerce(Invoice.total, BigInteger) - _paid()
    if flt.open_only or flt.overdue_on:
        conditions.append(and_(Invoice.kind == "invoice", Invoice.written_off_on.is_(None),
                               balance > 0))
    if flt.overdue_on:
        conditions.append(Invoice.due_date < flt.overdue_on)
    return conditions, balance


def invoice_count(session: Session, flt: InvoiceFilter) -> int:
    conditions, _balance = _where(flt)
    query = select(func.count()).select_from(Invoice).join(Client, Client.id == Invoice.client_id)
    return int(session.scalar(query.where(*conditions)) or 0)


def invoice_page(
    session: Session,
    flt: InvoiceFilter,
    sort: str = "due_date",
    descending: bool = False,
    after: tuple[object, int] | None = None,
    limit: int = 500,
) -> list[InvoiceLine]:
    """One page of invoices after the keyset `after` = (sort value, id) of the last row shown."""
    conditions, balance = _where(flt)
    column = SORTS.get(sort, Invoice.due_date)
    key = tuple_(column, Invoice.id)
    if after is not None:
        conditions.append(key < tuple_(*after) if descending else key > tuple_(*after))
    order = (column.desc(), Invoice.id.desc()) if descending else (column, Invoice.id)
    query = (
        select(Invoice.id, Invoice.number, Invoice.kind, Client.code, Client.name,
               Invoice.issue_date, Invoice.due_date, Invoice.currency,
               type_coerce(Invoice.total, BigInteger),
               case((Invoice.kind == "invoice", balance), else_=0),
               Invoice.disputed, Invoice.written_off_on.is_not(None))
        .join(Client, Client.id == Invoice.client_id)
        .where(*conditions)
        .order_by(*order)
        .limit(limit)
    )
    return [
        InvoiceLine(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], cents_to_decimal(r[8]),
                    cents_to_decimal(r[9]), bool(r[10]), bool(r[11]))
        for r in session.execute(query)
    ]


def sort_value(line: InvoiceLine, sort: str) -> object:
    return {"number": line.number, "client": line.client_code, "issue_date": line.issue_date,
            "due_date": line.due_date, "total": int(line.total * 100)}.get(sort, line.due_date)
