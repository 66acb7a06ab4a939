"""Reads and writes behind recording payments and applying credit (allocations are derived)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import CursorResult, Executable, delete, func, select, update
from sqlalchemy.orm import Session

from app.db.models import Allocation, Client, CreditApplication, Invoice, Payment, PaymentLine
from app.db.queries.invoice_list import balance_expression, cents, invoice_balance
from app.db.rows import money
from app.domain.filters import CREDIT_NOTE


@dataclass(frozen=True)
class OpenItem:
    invoice_id: int
    number: str
    issue_date: date
    due_date: date
    currency: str
    total: Decimal
    balance: Decimal
    disputed: bool


@dataclass(frozen=True)
class CreditItem:
    """Money of the client not yet applied: a payment line's or a credit note's remainder."""

    source_kind: str  # payment | credit_note
    source_id: int
    date: date
    label: str
    currency: str
    amount: Decimal
    remaining: Decimal


@dataclass(frozen=True)
class AllocationItem:
    invoice_id: int
    invoice_number: str
    source_kind: str
    source_id: int
    payment_id: int | None
    date: date
    label: str
    method: str
    amount: Decimal


@dataclass(frozen=True)
class PaymentItem:
    id: int
    date: date
    currency: str
    amount: Decimal
    method: str
    reference: str
    allocated: Decimal


def open_items(session: Session, client_id: int, currency: str | None = None) -> list[OpenItem]:
    balance = invoice_balance()
    query = (
        select(
            Invoice.id,
            Invoice.number,
            Invoice.issue_date,
            Invoice.due_date,
            Invoice.currency,
            cents(Invoice.total),
            balance,
            Invoice.disputed,
        )
        .where(
            Invoice.client_id == client_id,
            Invoice.kind != CREDIT_NOTE,
            Invoice.written_off_on.is_(None),
            balance > 0,
        )
        .order_by(Invoice.due_date, Invoice.id)
    )
    if currency:
        query = query.where(Invoice.currency == currency)
    return [
        OpenItem(r[0], r[1], r[2], r[3], r[4], money(r[5]), money(r[6]), bool(r[7]))
        for r in session.execute(query)
    ]


def credits(session: Session, client_id: int) -> list[CreditItem]:
    used_by_line = (
        select(
            Allocation.payment_line_id.label("line_id"),
            func.sum(cents(Allocation.amount)).label("used"),
        )
        .where(Allocation.client_id == client_id, Allocation.payment_line_id.is_not(None))
        .group_by(Allocation.payment_line_id)
        .subquery()
    )
    remaining = cents(PaymentLine.amount) - func.coalesce(used_by_line.c.used, 0)
    lines = session.execute(
        select(
            PaymentLine.id,
            Payment.date,
            Payment.reference,
            Payment.method,
            Payment.currency,
            cents(PaymentLine.amount),
            remaining,
        )
        .join(Payment, Payment.id == PaymentLine.payment_id)
        .outerjoin(used_by_line, used_by_line.c.line_id == PaymentLine.id)
        .where(Payment.client_id == client_id, remaining > 0)
        .order_by(Payment.date, PaymentLine.id)
    )
    items = [
        CreditItem(
            "payment",
            r[0],
            r[1],
            r[2] or r[3],
            r[4],
            money(r[5]),
            money(r[6]),
        )
        for r in lines
    ]
    balance = balance_expression()
    notes = session.execute(
        select(
            Invoice.id,
            Invoice.issue_date,
            Invoice.number,
            Invoice.currency,
            cents(Invoice.total),
            balance,
        )
        .where(Invoice.client_id == client_id, Invoice.kind == CREDIT_NOTE, balance > 0)
        .order_by(Invoice.issue_date, Invoice.id)
    )
    items += [
        CreditItem("credit_note", r[0], r[1], r[2], r[3], money(r[4]), money(r[5])) for r in notes
    ]
    items.sort(key=lambda c: (c.date, c.source_kind, c.source_id))
    return items


def allocations(
    session: Session, *, invoice_id: int | None = None, client_id: int | None = None
) -> list[AllocationItem]:
    target = Invoice.__table__.alias("target")
    note = Invoice.__table__.alias("note")
    query = (
        select(
            Allocation.invoice_id,
            target.c.number,
            Allocation.payment_line_id,
            Allocation.credit_note_id,
            PaymentLine.payment_id,
            Allocation.date,
            Payment.reference,
            Payment.method,
            note.c.number,
            cents(Allocation.amount),
        )
        .join(target, target.c.id == Allocation.invoice_id)
        .outerjoin(PaymentLine, PaymentLine.id == Allocation.payment_line_id)
        .outerjoin(Payment, Payment.id == PaymentLine.payment_id)
        .outerjoin(note, note.c.id == Allocation.credit_note_id)
        .order_by(Allocation.date, Allocation.id)
    )
    if invoice_id is not None:
        query = query.where(Allocation.invoice_id == invoice_id)
    if client_id is not None:
        query = query.where(Allocation.client_id == client_id)
    result = []
    for (
        inv,
        number,
        line_id,
        note_id,
        payment_id,
        day,
        ref,
        method,
        note_no,
        amount,
    ) in session.execute(query):
        if line_id is not None:
            result.append(
                AllocationItem(
                    inv,
                    number,
                    "payment",
                    line_id,
                    payment_id,
                    day,
                    ref or "",
                    method or "",
                    money(amount),
                )
            )
        else:
            result.append(
                AllocationItem(
                    inv,
                    number,
                    "credit_note",
                    note_id,
                    None,
                    day,
                    note_no or "",
                    "",
                    money(amount),
                )
            )
    return result


def payments_of(session: Session, client_id: int, limit: int = 1000) -> list[PaymentItem]:
    used = (
        select(
            PaymentLine.payment_id.label("payment_id"),
            func.sum(cents(Allocation.amount)).label("used"),
        )
        .join(Allocation, Allocation.payment_line_id == PaymentLine.id)
        .where(Allocation.client_id == client_id)
        .group_by(PaymentLine.payment_id)
        .subquery()
    )
    query = (
        select(
            Payment.id,
            Payment.date,
            Payment.currency,
            cents(Payment.amount),
            Payment.method,
            Payment.reference,
            func.coalesce(used.c.used, 0),
        )
        .outerjoin(used, used.c.payment_id == Payment.id)
        .where(Payment.client_id == client_id)
        .order_by(Payment.date.desc(), Payment.id.desc())
        .limit(limit)
    )
    return [
        PaymentItem(r[0], r[1], r[2], money(r[3]), r[4], r[5], money(r[6]))
        for r in session.execute(query)
    ]


def add_payment(
    session: Session, payment: Payment, parts: list[tuple[int | None, Decimal]]
) -> None:
    session.add(payment)
    session.flush()
    for invoice_id, amount in parts:
        session.add(PaymentLine(payment_id=payment.id, invoice_id=invoice_id, amount=amount))
    session.flush()


def line_owner(session: Session, line_id: int) -> tuple[int, str, date] | None:
    """(client id, currency, date) of the payment a line belongs to."""
    row = session.execute(
        select(Payment.client_id, Payment.currency, Payment.date)
        .join(PaymentLine, PaymentLine.payment_id == Payment.id)
        .where(PaymentLine.id == line_id)
    ).first()
    return (row[0], row[1], row[2]) if row else None


def add_application(
    session: Session, kind: str, source_id: int, invoice_id: int, on: date, amount: Decimal
) -> None:
    session.add(
        CreditApplication(
            payment_line_id=source_id if kind == "payment" else None,
            credit_note_id=source_id if kind == "credit_note" else None,
            invoice_id=invoice_id,
            date=on,
            amount=amount,
        )
    )
    session.flush()


def _touched(session: Session, statement: Executable) -> int:
    """How many rows an UPDATE or DELETE touched, as the cursor counts them."""
    return cast(CursorResult[Any], session.execute(statement)).rowcount


def detach(session: Session, kind: str, source_id: int, invoice_id: int) -> int:
    """Remove what ties a source to an invoice (applications and direct target); rows touched."""
    source_column = (
        CreditApplication.payment_line_id if kind == "payment" else CreditApplication.credit_note_id
    )
    removed = (
        _touched(
            session,
            delete(CreditApplication).where(
                source_column == source_id, CreditApplication.invoice_id == invoice_id
            ),
        )
        or 0
    )
    if kind == "payment":
        retargeted = (
            _touched(
                session,
                update(PaymentLine)
                .where(PaymentLine.id == source_id, PaymentLine.invoice_id == invoice_id)
                .values(invoice_id=None),
            )
            or 0
        )
    else:
        retargeted = (
            _touched(
                session,
                update(Invoice)
                .where(Invoice.id == source_id, Invoice.applies_to_id == invoice_id)
                .values(applies_to_id=None, version=Invoice.version + 1),
            )
            or 0
        )
    return int(removed) + int(retargeted)


def delete_payment(session: Session, payment_id: int) -> int | None:
    """Delete a payment with its lines; returns its client id (None when it did not exist)."""
    payment = session.get(Payment, payment_id)
    if payment is None:
        return None
    client_id = payment.client_id
    session.execute(delete(PaymentLine).where(PaymentLine.payment_id == payment_id))
    session.delete(payment)
    session.flush()
    return client_id


def client_exists(session: Session, client_id: int) -> bool:
    return session.get(Client, client_id) is not None


def source_client(session: Session, kind: str, source_id: int) -> int | None:
    if kind == "payment":
        owner = line_owner(session, source_id)
        return owner[0] if owner else None
    return session.scalar(
        select(Invoice.client_id).where(Invoice.id == source_id, Invoice.kind == CREDIT_NOTE)
    )
