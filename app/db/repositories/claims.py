"""What the claims engine needs about one invoice: the invoice, its client, dated reductions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.db.models import (
    Activity,
    Allocation,
    Client,
    DunningLevel,
    DunningPolicy,
    Invoice,
    Reminder,
    ReminderInvoice,
)
from app.domain.money import ZERO


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
    issue_date: date
    disputed: bool
    client_id: int
    policy_id: int | None


_COLUMNS = (
    Invoice.id,
    Invoice.number,
    Invoice.kind,
    Invoice.currency,
    Invoice.total,
    Invoice.due_date,
    Invoice.late_interest_rate,
    Client.code,
    Client.client_type,
    Invoice.issue_date,
    Invoice.disputed,
    Client.id,
    Client.dunning_policy_id,
)


def invoice_for_claim(session: Session, number: str) -> InvoiceForClaim | None:
    row = session.execute(
        select(*_COLUMNS)
        .join(Client, Client.id == Invoice.client_id)
        .where(Invoice.number == number)
    ).first()
    return InvoiceForClaim(*row) if row else None


def open_invoices(session: Session, client_id: int, as_of: date) -> list[InvoiceForClaim]:
    """The client's invoices issued by as_of, not written off, with a balance on as_of."""
    paid = (
        select(func.coalesce(func.sum(Allocation.amount), 0))
        .where(Allocation.invoice_id == Invoice.id, Allocation.date <= as_of)
        .scalar_subquery()
    )
    rows = session.execute(
        select(*_COLUMNS)
        .join(Client, Client.id == Invoice.client_id)
        .where(
            Invoice.client_id == client_id,
            Invoice.kind == "invoice",
            Invoice.issue_date <= as_of,
            or_(Invoice.written_off_on.is_(None), Invoice.written_off_on > as_of),
            Invoice.total > paid,
        )
        .order_by(Invoice.due_date, Invoice.number)
    )
    return [InvoiceForClaim(*row) for row in rows]


def acknowledgements(
    session: Session, invoice_id: int, client_id: int, issue_date: date
) -> list[date]:
    """Days the debtor acknowledged this debt: payments allocated to it (credit notes are the
    creditor's own act and do not count) and promises to pay about it, or about the whole
    account (no invoice named) once it was issued."""
    payments = session.scalars(
        select(Allocation.date).where(
            Allocation.invoice_id == invoice_id, Allocation.payment_line_id.is_not(None)
        )
    )
    promises = session.scalars(
        select(Activity.date).where(
            Activity.client_id == client_id,
            Activity.kind == "promise",
            or_(
                Activity.invoice_id == invoice_id,
                Activity.invoice_id.is_(None) & (Activity.date >= issue_date),
            ),
        )
    )
    return sorted({*payments, *promises})


def fee_levels(session: Session, policy_id: int | None, client_type: str) -> frozenset[str] | None:
    """Codes of the levels that charge a fee in the client's stored policy (its own, else the
    default for its type); None when no policy is stored yet."""
    if policy_id is None:
        flag = (
            DunningPolicy.for_consumers if client_type == "consumer" else DunningPolicy.is_default
        )
        policy_id = session.scalar(select(DunningPolicy.id).where(flag.is_(True)).limit(1))
    if policy_id is None:
        return None
    rows = session.scalars(
        select(DunningLevel.code).where(
            DunningLevel.policy_id == policy_id,
            or_(DunningLevel.fee_fixed > ZERO, DunningLevel.fee_percent > ZERO),
        )
    )
    return frozenset(rows)


def reminder_first_invoices(session: Session, reminder_ids: list[int]) -> dict[int, int]:
    """For each reminder, the first invoice it names (lowest due date, then id)."""
    if not reminder_ids:
        return {}
    rows = session.execute(
        select(ReminderInvoice.reminder_id, Invoice.id)
        .join(Invoice, Invoice.id == ReminderInvoice.invoice_id)
        .where(ReminderInvoice.reminder_id.in_(reminder_ids))
        .order_by(ReminderInvoice.reminder_id, Invoice.due_date, Invoice.id)
    )
    first: dict[int, int] = {}
    for reminder_id, invoice_id in rows:
        first.setdefault(reminder_id, invoice_id)
    return first


def reductions(session: Session, invoice_id: int) -> list[tuple[date, Decimal]]:
    """Payments and credit notes applied to the invoice, each on the date it counts from."""
    rows = session.execute(
        select(Allocation.date, Allocation.amount)
        .where(Allocation.invoice_id == invoice_id)
        .order_by(Allocation.date, Allocation.id)
    )
    return [(d, a) for d, a in rows]


@dataclass(frozen=True)
class DoneReminder:
    id: int
    date: date
    level: str
    channel: str


def done_reminders(session: Session, invoice_id: int) -> list[DoneReminder]:
    """The follow-up actions done on this invoice, in the order they were done."""
    rows = session.execute(
        select(
            Reminder.id,
            Reminder.done_on,
            Reminder.planned_date,
            Reminder.level_code,
            Reminder.channel,
        )
        .join(ReminderInvoice, ReminderInvoice.reminder_id == Reminder.id)
        .where(ReminderInvoice.invoice_id == invoice_id, Reminder.status == "done")
    )
    done = [DoneReminder(i, d or p, level, channel) for i, d, p, level, channel in rows]
    return sorted(done, key=lambda r: (r.date, r.id))
