"""One client's file as it stood on a date: its invoices with their balance, the reminders
actually sent with their documents, and the calls, notes and promises to pay."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.db.models import Activity, Allocation, Client, Invoice, Reminder, ReminderInvoice
from app.db.queries.invoice_list import cents
from app.db.rows import money
from app.domain.filters import CREDIT_NOTE


@dataclass(frozen=True)
class Debtor:
    id: int
    code: str
    name: str
    legal_id: str
    vat_number: str
    address: str
    postcode: str
    city: str
    country: str
    language: str
    client_type: str
    email: str


@dataclass(frozen=True)
class InvoiceOnDate:
    id: int
    number: str
    issue_date: date
    due_date: date
    currency: str
    total: Decimal
    balance: Decimal  # total less the allocations dated on or before the date
    disputed: bool
    attachment_path: str


@dataclass(frozen=True)
class SentReminder:
    id: int
    date: datetime.date
    level: str
    channel: str
    invoices: tuple[str, ...]
    note: str
    document_path: str
    document_sha256: str


@dataclass(frozen=True)
class ActivityItem:
    date: datetime.date
    kind: str
    outcome: str
    note: str
    invoice: str
    promised_date: datetime.date | None
    promised_amount: Decimal | None
    currency: str
    document_path: str
    document_sha256: str


def debtor_by_code(session: Session, code: str) -> Debtor | None:
    row = session.execute(
        select(
            Client.id,
            Client.code,
            Client.name,
            Client.legal_id,
            Client.vat_number,
            Client.address,
            Client.postcode,
            Client.city,
            Client.country,
            Client.language,
            Client.client_type,
            Client.email,
        ).where(Client.code == code)
    ).first()
    return Debtor(*row) if row is not None else None


def open_invoices(session: Session, client_id: int, as_of: date) -> list[InvoiceOnDate]:
    """Invoices issued by `as_of`, not written off by then, with a balance left on that day."""
    allocated = (
        select(func.coalesce(func.sum(cents(Allocation.amount)), 0))
        .where(Allocation.invoice_id == Invoice.id, Allocation.date <= as_of)
        .correlate(Invoice)
        .scalar_subquery()
    )
    rows = session.execute(
        select(
            Invoice.id,
            Invoice.number,
            Invoice.issue_date,
            Invoice.due_date,
            Invoice.currency,
            cents(Invoice.total),
            allocated,
            Invoice.disputed,
            Invoice.attachment_path,
        )
        .where(
            Invoice.client_id == client_id,
            Invoice.kind != CREDIT_NOTE,
            Invoice.issue_date <= as_of,
            or_(Invoice.written_off_on.is_(None), Invoice.written_off_on > as_of),
        )
        .order_by(Invoice.due_date, Invoice.number)
    )
    found = []
    for id_, number, issued, due, currency, total, paid, disputed, attachment in rows:
        if total - paid > 0:
            found.append(
                InvoiceOnDate(
                    id_,
                    number,
                    issued,
                    due,
                    currency,
                    money(total),
                    money(total - paid),
                    bool(disputed),
                    attachment or "",
                )
            )
    return found


def sent_reminders(session: Session, client_id: int, as_of: date) -> list[SentReminder]:
    """Reminders done on or before `as_of`, oldest first, with the invoices they were about."""
    rows = session.execute(
        select(
            Reminder.id,
            Reminder.done_on,
            Reminder.level_code,
            Reminder.channel,
            Reminder.note,
            Reminder.document_path,
            Reminder.document_sha256,
        )
        .where(
            Reminder.client_id == client_id,
            Reminder.status == "done",
            Reminder.done_on.is_not(None),
            Reminder.done_on <= as_of,
        )
        .order_by(Reminder.done_on, Reminder.id)
    ).all()
    numbers: dict[int, list[str]] = {}
    if rows:
        links = session.execute(
            select(ReminderInvoice.reminder_id, Invoice.number)
            .join(Invoice, Invoice.id == ReminderInvoice.invoice_id)
            .where(ReminderInvoice.reminder_id.in_([r[0] for r in rows]))
            .order_by(Invoice.number)
        )
        for reminder_id, number in links:
            numbers.setdefault(reminder_id, []).append(number)
    return [
        SentReminder(
            rid,
            done,
            level,
            channel,
            tuple(numbers.get(rid, ())),
            note or "",
            path or "",
            sha or "",
        )
        for rid, done, level, channel, note, path, sha in rows
    ]


def activities(session: Session, client_id: int, as_of: date) -> list[ActivityItem]:
    """Calls, notes, promises to pay and dispute events dated on or before `as_of`."""
    rows = session.execute(
        select(
            Activity.date,
            Activity.kind,
            Activity.outcome,
            Activity.note,
            Invoice.number,
            Activity.promised_date,
            Activity.promised_amount,
            Activity.currency,
            Activity.document_path,
            Activity.document_sha256,
        )
        .outerjoin(Invoice, Invoice.id == Activity.invoice_id)
        .where(Activity.client_id == client_id, Activity.date <= as_of)
        .order_by(Activity.date, Activity.id)
    )
    return [
        ActivityItem(
            day,
            kind,
            outcome or "",
            note or "",
            number or "",
            promised_on,
            promised,
            currency,
            path or "",
            sha or "",
        )
        for day, kind, outcome, note, number, promised_on, promised, currency, path, sha in rows
    ]
