"""The client register: keyset pages of clients, then their balances for that page only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, case, func, literal, or_, select, tuple_, union_all
from sqlalchemy.orm import Session

from app.db.models import Allocation, Client, Invoice, Payment
from app.db.queries.invoice_list import cents, contains, interactive, invoice_balance
from app.db.rows import day_or_none, money
from app.domain.filters import CREDIT_NOTE, ClientFilter


@dataclass(frozen=True)
class ClientListRow:
    id: int
    code: str
    name: str
    client_type: str
    preferred_channel: str
    terms_days: int | None
    terms_end_of_month: bool
    city: str
    email: str
    dunning_blocked: bool
    archived: bool


@dataclass(frozen=True)
class ClientFigures:
    """One client in one currency: open balance net of unapplied credit, overdue part."""

    client_id: int
    currency: str
    balance: Decimal
    overdue: Decimal
    oldest_due: date | None


SORTS: dict[str, Any] = {"code": Client.code, "name": Client.name, "city": Client.city}


def _where(flt: ClientFilter, dialect: str) -> list[Any]:
    where: list[Any] = []
    if not flt.include_archived:
        where.append(Client.archived.is_(False))
    if flt.blocked_only:
        where.append(Client.dunning_blocked.is_(True))
    if flt.text:
        where.append(
            or_(
                *(
                    contains(col, flt.text, dialect)
                    for col in (
                        Client.code,
                        Client.name,
                        Client.email,
                        Client.city,
                        Client.vat_number,
                        Client.legal_id,
                    )
                )
            )
        )
    return where


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def count(session: Session, flt: ClientFilter) -> int:
    query = select(func.count()).select_from(Client).where(*_where(flt, _dialect(session)))
    return int(session.scalar(query) or 0)


def page(
    session: Session,
    flt: ClientFilter,
    sort: str = "code",
    descending: bool = False,
    after: tuple[Any, int] | None = None,
    limit: int = 500,
) -> list[ClientListRow]:
    where = _where(flt, _dialect(session))
    column = SORTS.get(sort, Client.code)
    if after is not None:
        key = tuple_(column, Client.id)
        bound = tuple_(*map(literal, after))
        where.append(key < bound if descending else key > bound)
    order = (column.desc(), Client.id.desc()) if descending else (column.asc(), Client.id.asc())
    query = (
        select(
            Client.id,
            Client.code,
            Client.name,
            Client.client_type,
            Client.preferred_channel,
            Client.payment_terms_days,
            Client.terms_end_of_month,
            Client.city,
            Client.email,
            Client.dunning_blocked,
            Client.archived,
        )
        .where(*where)
        .order_by(*order)
        .limit(limit)
    )
    return [ClientListRow(*r) for r in session.execute(query)]


def sort_value(row: ClientListRow, sort: str) -> Any:
    return {"name": row.name, "city": row.city}.get(sort, row.code)


def figures(session: Session, client_ids: list[int], as_of: date) -> list[ClientFigures]:
    """Balances of these clients only (one page of the register), one set-based query."""
    if not client_ids:
        return []
    interactive(session)
    balance = invoice_balance()
    zero = literal(0, BigInteger)
    invoices = select(
        Invoice.client_id.label("client_id"),
        Invoice.currency.label("currency"),
        balance.label("open"),
        case((Invoice.due_date < as_of, balance), else_=0).label("late"),
        case((Invoice.due_date < as_of, Invoice.due_date), else_=None).label("due"),
    ).where(
        Invoice.client_id.in_(client_ids),
        Invoice.kind != CREDIT_NOTE,
        Invoice.written_off_on.is_(None),
        balance > 0,
    )
    credit_notes = select(
        Invoice.client_id,
        Invoice.currency,
        -cents(Invoice.total),
        zero,
        literal(None),
    ).where(Invoice.client_id.in_(client_ids), Invoice.kind == CREDIT_NOTE)
    payments = select(
        Payment.client_id,
        Payment.currency,
        -cents(Payment.amount),
        zero,
        literal(None),
    ).where(Payment.client_id.in_(client_ids))
    applied = (
        select(
            Allocation.client_id, Invoice.currency, cents(Allocation.amount), zero, literal(None)
        )
        .join(Invoice, Invoice.id == Allocation.invoice_id)
        .where(Allocation.client_id.in_(client_ids))
    )
    parts = union_all(invoices, credit_notes, payments, applied).subquery()
    query = (
        select(
            parts.c.client_id,
            parts.c.currency,
            func.sum(parts.c.open),
            func.sum(parts.c.late),
            func.min(parts.c.due),
        )
        .group_by(parts.c.client_id, parts.c.currency)
        .order_by(parts.c.client_id, parts.c.currency)
    )
    result = []
    for client_id, currency, open_cents, late, oldest in session.execute(query):
        if not open_cents and not late:
            continue
        result.append(
            ClientFigures(
                client_id,
                currency,
                money(open_cents),
                money(late),
                day_or_none(oldest),
            )
        )
    return result
