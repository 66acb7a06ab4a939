"""Postal details and invoice figures a letter prints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, func, select, type_coerce
from sqlalchemy.orm import Session

from app.db.models import Allocation, Client, Invoice, Reminder, ReminderInvoice
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


@dataclass(frozen=True)
class SentRow:
    """A written reminder done (letter, email, registered letter) and the invoices it was about."""

    reminder_id: int
    client_id: int
    sent_on: date
    level_code: str
    channel: str
    invoice_ids: tuple[int, ...]


WRITTEN_CHANNELS = ("letter", "email", "formal_notice")


def reminders_sent(session: Session, invoice_ids: set[int], as_of: date) -> list[SentRow]:
    """The written reminders done before as_of about any of these invoices, oldest first: one
    scan of the links joined to their reminders (what a letter dated as_of may say was sent; a
    letter printed again after it was recorded never lists itself)."""
    if not invoice_ids:
        return []
    sent_on = func.coalesce(Reminder.done_on, Reminder.planned_date)
    rows = session.execute(
        select(
            Reminder.id,
            Reminder.client_id,
            sent_on,
            Reminder.level_code,
            Reminder.channel,
            ReminderInvoice.invoice_id,
        )
        .join(ReminderInvoice, ReminderInvoice.reminder_id == Reminder.id)
        .where(
            ReminderInvoice.invoice_id.in_(sorted(invoice_ids)),
            Reminder.status == "done",
            Reminder.channel.in_(WRITTEN_CHANNELS),
            sent_on < as_of,
        )
        .order_by(sent_on, Reminder.id, ReminderInvoice.invoice_id)
    )
    found: dict[int, list[Any]] = {}
    for reminder_id, client_id, day, level, channel, invoice_id in rows:
        entry = found.setdefault(reminder_id, [client_id, day, level, channel, []])
        entry[4].append(invoice_id)
    return [
        SentRow(key, client, day, level, channel, tuple(ids))
        for key, (client, day, level, channel, ids) in found.items()
    ]
