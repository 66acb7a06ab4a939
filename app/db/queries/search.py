"""The window's search across clients, invoices and payments: a few rows of each kind, in SQL.

Each kind is one short query with its own LIMIT. Amounts are compared in cents on indexed
columns (an invoice's total and what is left of it). Texts are substrings: SQLite reads the
invoice numbers and references from their covering index in number order, so a common
fragment stops after the first rows; client names are compared folded (lower case, no
accents) by a registered function on SQLite and by `translate(lower(...))` on PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, and_, case, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from app.db.models import Client, Invoice, Payment
from app.db.queries.invoice_list import contains, interactive, like_pattern
from app.db.rows import day, money
from app.domain.search import ACCENTED, PLAIN, compact, fold

FOLD_FUNCTION = "relance_fold"  # registered on every SQLite connection (app.db.engine)


@dataclass(frozen=True)
class ClientHit:
    id: int
    code: str
    name: str
    email: str
    legal_id: str
    city: str
    due: Decimal  # left to pay on its invoices, every currency together
    archived: bool


@dataclass(frozen=True)
class InvoiceHit:
    id: int
    number: str
    kind: str
    client_id: int
    client_name: str
    reference: str
    issue_date: date
    due_date: date
    currency: str
    total: Decimal
    balance: Decimal
    disputed: bool
    written_off: bool


@dataclass(frozen=True)
class PaymentHit:
    id: int
    client_id: int
    client_name: str
    date: date
    currency: str
    amount: Decimal
    method: str
    reference: str


def cents(column: Any) -> Any:
    return type_coerce(column, BigInteger)


def folded(column: Any, dialect: str) -> Any:
    """The column lowered and without accents, as app.domain.search.fold does it."""
    if dialect == "sqlite":
        return getattr(func, FOLD_FUNCTION)(column)
    return func.translate(func.lower(column), ACCENTED, PLAIN)


def looks_like_amount(text: str) -> bool:
    """'1 234,50' or '99 €': written as an amount, never a number, a reference or a SIRET
    ('732 829 320' may be a SIRET, so digits grouped by spaces alone are still searched)."""
    return any(c in text for c in ",€") and all(
        c.isdigit() or c in " ,.€\u00a0\u202f" for c in text
    )


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def find_clients(session: Session, text: str, limit: int) -> list[ClientHit]:
    """By name (folded), code, email or SIRET/SIREN (spaces ignored); open ones first."""
    interactive(session)
    dialect = _dialect(session)
    name = folded(Client.name, dialect).like(like_pattern(fold(text)), escape="\\")
    tests = [name, contains(Client.code, text, dialect), contains(Client.email, text, dialect)]
    digits = compact(text)
    if digits.isdigit() and len(digits) >= 3:
        tests.append(func.replace(Client.legal_id, " ", "").like(f"%{digits}%"))
    found = (
        select(Client.id, Client.code, Client.name, Client.email, Client.legal_id, Client.city)
        .add_columns(Client.archived)
        .where(or_(*tests))
        .order_by(Client.archived, Client.name, Client.id)
        .limit(limit)
        .subquery()
    )
    due = (
        select(func.coalesce(func.sum(cents(Invoice.total) - cents(Invoice.allocated)), 0))
        .where(
            Invoice.client_id == found.c.id,
            Invoice.kind != "credit_note",
            Invoice.written_off_on.is_(None),
            Invoice.settled_on.is_(None),
        )
        .scalar_subquery()
    )
    rows = session.execute(select(found, due).order_by(found.c.archived, found.c.name, found.c.id))
    return [ClientHit(r[0], r[1], r[2], r[3], r[4], r[5], money(r[7]), bool(r[6])) for r in rows]


def _invoice_columns() -> tuple[Any, ...]:
    return (
        Invoice.id,
        Invoice.number,
        Invoice.kind,
        Invoice.client_id,
        Client.name,
        Invoice.reference,
        Invoice.issue_date,
        Invoice.due_date,
        Invoice.currency,
        cents(Invoice.total),
        cents(Invoice.total) - cents(Invoice.allocated),
        Invoice.disputed,
        Invoice.written_off_on.is_not(None),
    )


def _invoice_hit(r: Any) -> InvoiceHit:
    return InvoiceHit(
        r[0], r[1], r[2], r[3], r[4], r[5], day(r[6]), day(r[7]), r[8], money(r[9]),
        money(r[10]), bool(r[11]), bool(r[12]),
    )  # fmt: skip


def find_invoices(
    session: Session, text: str, amounts: tuple[Decimal, ...], limit: int
) -> list[InvoiceHit]:
    """By number or reference (substring), or by total or left to pay equal to an amount
    typed; the amounts' matches first (latest due first), then the number typed whole, then
    the latest numbers."""
    interactive(session)
    dialect = _dialect(session)
    hits: dict[int, InvoiceHit] = {}
    if amounts:
        values = [int(a * 100) for a in amounts]
        ids = (
            select(Invoice.id)
            .where(cents(Invoice.total).in_(values))
            .union(
                select(Invoice.id).where(
                    (cents(Invoice.total) - cents(Invoice.allocated)).in_(values)
                )
            )
        )
        query = (
            select(*_invoice_columns())
            .join(Client, Client.id == Invoice.client_id)
            .where(Invoice.id.in_(ids))
            .order_by(Invoice.due_date.desc(), Invoice.id.desc())
            .limit(limit)
        )
        hits.update((h.id, h) for h in map(_invoice_hit, session.execute(query)))
    if len(hits) < limit and len(text) >= 2 and not looks_like_amount(text):
        # the number typed whole first, then the latest numbers: "F2026" finds this year's
        exact = case((func.upper(Invoice.number) == text.upper(), 0), else_=1)
        latest = (exact, Invoice.number.desc())
        numbers = (
            select(Invoice.id)
            .where(
                or_(
                    contains(Invoice.number, text, dialect),
                    contains(Invoice.reference, text, dialect),
                )
            )
            .order_by(*latest)
            .limit(limit)
            .subquery()
        )
        query = (
            select(*_invoice_columns())
            .join(numbers, numbers.c.id == Invoice.id)
            .join(Client, Client.id == Invoice.client_id)
            .order_by(*latest)
        )
        for hit in map(_invoice_hit, session.execute(query)):
            hits.setdefault(hit.id, hit)
    return list(hits.values())[:limit]


def find_payments(
    session: Session, text: str, amounts: tuple[Decimal, ...], client_ids: list[int], limit: int
) -> list[PaymentHit]:
    """By amount, by reference (substring) or by payer (the clients found): the last entered
    (walking the payments backwards stops at the first few matches), shown latest first."""
    interactive(session)
    dialect = _dialect(session)
    tests = []
    if amounts:
        tests.append(cents(Payment.amount).in_([int(a * 100) for a in amounts]))
    if len(text) >= 2:
        tests.append(and_(Payment.reference != "", contains(Payment.reference, text, dialect)))
    if client_ids:
        tests.append(Payment.client_id.in_(client_ids))
    if not tests:
        return []
    newest = (
        select(Payment.id).where(or_(*tests)).order_by(Payment.id.desc()).limit(limit).subquery()
    )
    query = (
        select(
            Payment.id,
            Payment.client_id,
            Client.name,
            Payment.date,
            Payment.currency,
            cents(Payment.amount),
            Payment.method,
            Payment.reference,
        )
        .join(newest, newest.c.id == Payment.id)
        .join(Client, Client.id == Payment.client_id)
        .order_by(Payment.date.desc(), Payment.id.desc())
    )
    return [
        PaymentHit(r[0], r[1], r[2], day(r[3]), r[4], money(r[5]), r[6] or "", r[7] or "")
        for r in session.execute(query)
    ]
