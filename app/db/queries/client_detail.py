"""One client: statement of account with running balance, history, payment-behaviour inputs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from datetime import date as Date
from decimal import Decimal
from typing import Any

from sqlalchemy import String, cast, func, literal, select, union_all
from sqlalchemy.orm import Session

from app.db import rows
from app.db.models import Activity, Allocation, Invoice, Payment, Reminder, ReminderInvoice
from app.db.queries.invoice_list import cents
from app.db.rows import money
from app.domain.filters import CREDIT_NOTE

# Same-day order on a statement: what is owed first, then what reduces it.
_ORDER = {"invoice": 0, "credit_note": 1, "payment": 2, "write_off": 3}


@dataclass(frozen=True)
class StatementLine:
    date: date
    kind: str  # invoice | credit_note | payment | write_off
    record_id: int
    label: str  # invoice number, credit-note number or payment reference
    detail: str  # due date of an invoice, method of a payment
    currency: str
    amount: Decimal  # positive: owed by the client; negative: paid or credited
    balance: Decimal  # running balance in that currency after this line


@dataclass(frozen=True)
class HistoryItem:
    date: date
    source: str  # reminder | activity
    kind: str  # level code (reminder) or activity kind (call, note, promise, ...)
    status: str
    channel: str
    note: str
    outcome: str
    invoices: tuple[str, ...]
    promised_date: Date | None
    promised_amount: Decimal | None
    currency: str


@dataclass(frozen=True)
class SettledFacts:
    issue_date: date
    due_date: date
    total: Decimal
    paid_date: date


def _events(client_id: int) -> Any:
    allocated = (
        select(func.coalesce(func.sum(cents(Allocation.amount)), 0))
        .where(Allocation.invoice_id == Invoice.id)
        .correlate(Invoice)
        .scalar_subquery()
    )
    invoices = select(
        Invoice.issue_date.label("day"),
        literal("invoice").label("kind"),
        literal(_ORDER["invoice"]).label("seq"),
        Invoice.id.label("record_id"),
        Invoice.number.label("label"),
        cast(Invoice.due_date, String).label("detail"),
        Invoice.currency.label("currency"),
        cents(Invoice.total).label("amount"),
    ).where(Invoice.client_id == client_id, Invoice.kind != CREDIT_NOTE)
    credit_notes = select(
        Invoice.issue_date,
        literal("credit_note"),
        literal(_ORDER["credit_note"]),
        Invoice.id,
        Invoice.number,
        Invoice.description,
        Invoice.currency,
        -cents(Invoice.total),
    ).where(Invoice.client_id == client_id, Invoice.kind == CREDIT_NOTE)
    payments = select(
        Payment.date,
        literal("payment"),
        literal(_ORDER["payment"]),
        Payment.id,
        Payment.reference,
        Payment.method,
        Payment.currency,
        -cents(Payment.amount),
    ).where(Payment.client_id == client_id)
    write_offs = select(
        Invoice.written_off_on,
        literal("write_off"),
        literal(_ORDER["write_off"]),
        Invoice.id,
        Invoice.number,
        Invoice.write_off_reason,
        Invoice.currency,
        -(cents(Invoice.total) - allocated),
    ).where(Invoice.client_id == client_id, Invoice.written_off_on.is_not(None))
    return union_all(invoices, credit_notes, payments, write_offs).subquery()


def statement(
    session: Session, client_id: int, date_from: date | None, date_to: date | None
) -> list[StatementLine]:
    """Every event of the client with its running balance; the period only cuts the lines."""
    events = _events(client_id)
    running = func.sum(events.c.amount).over(
        partition_by=events.c.currency,
        order_by=(events.c.day, events.c.seq, events.c.record_id),
    )
    inner = select(events, running.label("running")).subquery()
    query = select(inner)
    if date_from is not None:
        query = query.where(inner.c.day >= date_from)
    if date_to is not None:
        query = query.where(inner.c.day <= date_to)
    query = query.order_by(inner.c.day, inner.c.seq, inner.c.record_id)
    return [
        StatementLine(
            rows.day(r.day),
            r.kind,
            r.record_id,
            r.label or "",
            r.detail or "",
            r.currency,
            money(r.amount),
            money(r.running),
        )
        for r in session.execute(query)
    ]


def opening_balances(session: Session, client_id: int, before: date) -> dict[str, Decimal]:
    events = _events(client_id)
    query = (
        select(events.c.currency, func.sum(events.c.amount))
        .where(events.c.day < before)
        .group_by(events.c.currency)
    )
    return {cur: money(total) for cur, total in session.execute(query)}


def history(session: Session, client_id: int, limit: int = 500) -> list[HistoryItem]:
    """Reminders done, skipped or snoozed and activities (calls, notes, promises), newest first."""
    reminders = session.execute(
        select(
            Reminder.id,
            func.coalesce(Reminder.done_on, Reminder.planned_date),
            Reminder.level_code,
            Reminder.status,
            Reminder.channel,
            Reminder.note,
        )
        .where(Reminder.client_id == client_id)
        .order_by(func.coalesce(Reminder.done_on, Reminder.planned_date).desc())
        .limit(limit)
    ).all()
    numbers: dict[int, list[str]] = {}
    if reminders:
        links = session.execute(
            select(ReminderInvoice.reminder_id, Invoice.number)
            .join(Invoice, Invoice.id == ReminderInvoice.invoice_id)
            .where(ReminderInvoice.reminder_id.in_([r[0] for r in reminders]))
            .order_by(Invoice.number)
        )
        for reminder_id, number in links:
            numbers.setdefault(reminder_id, []).append(number)
    items = [
        HistoryItem(
            rows.day(day),
            "reminder",
            level,
            status,
            channel,
            note or "",
            "",
            tuple(numbers.get(rid, ())),
            None,
            None,
            "",
        )
        for rid, day, level, status, channel, note in reminders
    ]
    activities = session.execute(
        select(
            Activity.date,
            Activity.kind,
            Activity.outcome,
            Activity.note,
            Activity.promised_date,
            Activity.promised_amount,
            Activity.currency,
            Invoice.number,
        )
        .outerjoin(Invoice, Invoice.id == Activity.invoice_id)
        .where(Activity.client_id == client_id)
        .order_by(Activity.date.desc(), Activity.id.desc())
        .limit(limit)
    )
    for day, kind, outcome, note, promised_on, promised, currency, number in activities:
        items.append(
            HistoryItem(
                day,
                "activity",
                kind,
                "done",
                "",
                note or "",
                outcome or "",
                (number,) if number else (),
                promised_on,
                promised,
                currency,
            )
        )
    items.sort(key=lambda item: item.date, reverse=True)
    return items[:limit]


def settled_invoices(
    session: Session, client_id: int, since: date, as_of: date
) -> list[SettledFacts]:
    """The client's invoices fully paid in (since, as_of]: the last allocation closes them."""
    grouped = (
        select(
            Allocation.invoice_id,
            func.max(Allocation.date).label("last"),
            func.sum(cents(Allocation.amount)).label("paid"),
        )
        .where(Allocation.client_id == client_id, Allocation.date <= as_of)
        .group_by(Allocation.invoice_id)
        .subquery()
    )
    query = (
        select(Invoice.issue_date, Invoice.due_date, cents(Invoice.total), grouped.c.last)
        .join(grouped, grouped.c.invoice_id == Invoice.id)
        .where(
            Invoice.kind != CREDIT_NOTE,
            grouped.c.paid >= cents(Invoice.total),
            grouped.c.last > since,
        )
    )
    return [SettledFacts(r[0], r[1], money(r[2]), rows.day(r[3])) for r in session.execute(query)]
