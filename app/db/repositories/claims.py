"""What the claims engine needs about one invoice: the invoice, its client, dated reductions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Allocation, Client, Invoice, Reminder, ReminderInvoice


@dataclass(frozen=True)
class InvoiceForClaim:
    invoice_id: int
    number: str
    kind: str
    currency: str
    total: Decimal
    due_date: date
    late_interest_rate: Decimal | None
    client_code: str
    client_type: str


def invoice_for_claim(session: Session, number: str) -> InvoiceForClaim | None:
    row = session.execute(
        select(
            Invoice.id,
            Invoice.number,
            Invoice.kind,
            Invoice.currency,
            Invoice.total,
            Invoice.due_date,
            Invoice.late_interest_rate,
            Client.code,
            Client.client_type,
        )
        .join(Client, Client.id == Invoice.client_id)
        .where(Invoice.number == number)
    ).first()
    return InvoiceForClaim(*row) if row else None


def reductions(session: Session, invoice_id: int) -> list[tuple[date, Decimal]]:
    """Payments and credit notes applied to the invoice, each on the date it counts from."""
    rows = session.execute(
        select(Allocation.date, Allocation.amount)
        .where(Allocation.invoice_id == invoice_id)
        .order_by(Allocation.date, Allocation.id)
    )
    return [(d, a) for d, a in rows]


def done_reminders(session: Session, invoice_id: int) -> list[tuple[date, str, str]]:
    """(date done, level code, channel) of the follow-up actions done on this invoice."""
    rows = session.execute(
        select(Reminder.done_on, Reminder.planned_date, Reminder.level_code, Reminder.channel)
        .join(ReminderInvoice, ReminderInvoice.reminder_id == Reminder.id)
        .where(ReminderInvoice.invoice_id == invoice_id, Reminder.status == "done")
        .order_by(Reminder.planned_date)
    )
    return [(done or planned, level, channel) for done, planned, level, channel in rows]
