"""Compact rows for payment behaviour, risk and the forecast, each list loaded by one query.

Balances follow the aging rules (CONTRACTS.md): on `as_of`, an invoice counts once issued and
until written off, less the allocations dated on or before `as_of`. An invoice is settled on
the date of the allocation that brought its balance to zero: allocations are positive and never
exceed the balance, so that is the latest allocation date of a fully allocated invoice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, String, and_, case, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from app.db.base import cents_to_decimal
from app.db.models import (
    Activity,
    Allocation,
    Client,
    Instalment,
    Invoice,
    Payment,
    PaymentPlan,
    Reminder,
    ReminderInvoice,
)
from app.domain.behaviour import SettledInvoice


@dataclass(frozen=True, slots=True)
class OpenRow:
    """An invoice with a balance on as_of; reminders: those done after its due date."""

    id: int
    number: str
    client_id: int
    currency: str
    issue_date: date
    due_date: date
    total: Decimal
    balance: Decimal
    disputed: bool
    reminders: int


@dataclass(frozen=True)
class PaymentHistory:
    """Open invoices on as_of, and per client the invoices a payment settled in the window."""

    open: list[OpenRow]
    settled: dict[int, list[SettledInvoice]]


@dataclass(frozen=True, slots=True)
class InstalmentRow:
    invoice_id: int
    due_date: date
    amount: Decimal


@dataclass(frozen=True, slots=True)
class PromiseRow:
    """A promise to pay; balance: what its invoice still owes on as_of (None: whole client)."""

    client_id: int
    client_code: str
    client_name: str
    invoice_id: int | None
    invoice_number: str | None
    promised_date: date
    amount: Decimal | None
    currency: str
    outcome: str
    balance: Decimal | None


@dataclass(frozen=True, slots=True)
class DisputeRow:
    invoice_id: int
    number: str
    client_id: int
    client_code: str
    client_name: str
    currency: str
    due_date: date
    balance: Decimal
    reason: str


@dataclass(frozen=True, slots=True)
class CurrencySums:
    """Per currency on as_of: unapplied credit and sales (incl. tax, less credit notes)."""

    currency: str
    unapplied: Decimal
    sales: Decimal


def cents(column: Any) -> Any:
    return type_coerce(column, BigInteger)


def is_live(as_of: date) -> Any:
    """An invoice counted by the aging on as_of: issued, not yet written off."""
    return and_(
        Invoice.kind == "invoice",
        Invoice.issue_date <= as_of,
        or_(Invoice.written_off_on.is_(None), Invoice.written_off_on > as_of),
    )


def raw_date(column: Any) -> Any:
    """A date read without SQLAlchemy's per-row processing (ISO text on SQLite, a date on
    PostgreSQL); `date_reader` finishes the job several times faster on large lists."""
    return type_coerce(column, String())


def as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _same(value: Any) -> Any:
    return value


def date_reader(session: Session) -> Callable[[Any], Any]:
    """The converter of `raw_date` columns for this database (None stays None on PostgreSQL)."""
    return date.fromisoformat if session.get_bind().dialect.name == "sqlite" else _same


def money(value: Any) -> Decimal:
    """Integer cents from SQL as a Decimal with two places (faster than a division)."""
    return Decimal(int(value)).scaleb(-2)


def payment_history(
    session: Session, as_of: date, settled_since: date, client_id: int | None = None
) -> PaymentHistory:
    """Open invoices on as_of, and those settled by a payment after settled_since.

    An invoice cancelled only by credit notes was never paid: it tells nothing about how its
    client pays and is left out of the settled ones.
    """
    allocated = (
        select(
            Allocation.invoice_id,
            func.sum(cents(Allocation.amount)).label("paid"),
            func.sum(
                case((Allocation.payment_line_id.is_not(None), cents(Allocation.amount)), else_=0)
            ).label("by_payment"),
            func.max(Allocation.date).label("last"),
        )
        .where(Allocation.date <= as_of)
        .group_by(Allocation.invoice_id)
    )
    if client_id is not None:
        allocated = allocated.where(Allocation.client_id == client_id)
    paid = allocated.subquery()
    balance = cents(Invoice.total) - func.coalesce(paid.c.paid, 0)
    is_settled = and_(balance <= 0, paid.c.by_payment > 0, paid.c.last > settled_since)
    query = (
        select(
            Invoice.id, Invoice.number, Invoice.client_id, Invoice.currency,
            raw_date(Invoice.issue_date), raw_date(Invoice.due_date), cents(Invoice.total),
            balance, raw_date(paid.c.last), Invoice.disputed,
        )
        .select_from(Invoice)
        .outerjoin(paid, paid.c.invoice_id == Invoice.id)
        .where(is_live(as_of), or_(balance > 0, is_settled))
    )
    if client_id is not None:
        query = query.where(Invoice.client_id == client_id)
    reminders = reminders_after_due(session, as_of, client_id)
    day = date_reader(session)
    open_rows: list[OpenRow] = []
    settled: dict[int, list[SettledInvoice]] = {}
    for r in session.connection().execute(query):
        if r[7] > 0:
            open_rows.append(OpenRow(
                r[0], r[1], r[2], r[3], day(r[4]), day(r[5]), money(r[6]), money(r[7]),
                bool(r[9]), reminders.get(r[0], 0),
            ))
        else:
            settled.setdefault(r[2], []).append(SettledInvoice(
                day(r[4]), day(r[5]), money(r[6]), day(r[8]), reminders.get(r[0], 0)
            ))
    return PaymentHistory(open_rows, settled)


def reminders_after_due(
    session: Session, as_of: date, client_id: int | None = None
) -> dict[int, int]:
    """Reminders done after each invoice's due date, up to as_of: invoice id → count."""
    sent = func.coalesce(Reminder.done_on, Reminder.planned_date)
    query = (
        select(ReminderInvoice.invoice_id, func.count())
        .join(Reminder, Reminder.id == ReminderInvoice.reminder_id)
        .join(Invoice, Invoice.id == ReminderInvoice.invoice_id)
        .where(Reminder.status == "done", sent > Invoice.due_date, sent <= as_of)
        .group_by(ReminderInvoice.invoice_id)
    )
    if client_id is not None:
        query = query.where(Reminder.client_id == client_id)
    return {invoice_id: int(count) for invoice_id, count in session.execute(query)}


def credit_limits(session: Session) -> dict[int, Decimal]:
    query = select(Client.id, Client.credit_limit).where(Client.credit_limit.is_not(None))
    return dict(session.execute(query).tuples().all())


def currency_sums(session: Session, as_of: date, sales_from: date) -> list[CurrencySums]:
    """Unapplied credit (payments and credit notes less what they settle) and recent sales."""
    zero = type_coerce(0, BigInteger)
    payments = select(
        Payment.currency, cents(Payment.amount).label("credit"), zero.label("sales")
    ).where(Payment.date <= as_of)
    notes = select(
        Invoice.currency,
        cents(Invoice.total).label("credit"),
        case((Invoice.issue_date > sales_from, -cents(Invoice.total)), else_=0).label("sales"),
    ).where(Invoice.kind == "credit_note", Invoice.issue_date <= as_of)
    applied = (
        select(Invoice.currency, (-cents(Allocation.amount)).label("credit"), zero.label("sales"))
        .join(Invoice, Invoice.id == Allocation.invoice_id)
        .where(Allocation.date <= as_of)
    )
    sales = select(
        Invoice.currency, zero.label("credit"), cents(Invoice.total).label("sales")
    ).where(Invoice.kind == "invoice", Invoice.issue_date > sales_from, Invoice.issue_date <= as_of)
    combined = payments.union_all(notes, applied, sales).subquery()
    query = (
        select(combined.c.currency, func.sum(combined.c.credit), func.sum(combined.c.sales))
        .group_by(combined.c.currency)
        .order_by(combined.c.currency)
    )
    return [
        CurrencySums(currency, cents_to_decimal(credit), cents_to_decimal(sold))
        for currency, credit, sold in session.execute(query)
    ]


def instalments(session: Session, invoice_ids: set[int] | None = None) -> list[InstalmentRow]:
    """Instalments of the payment plans still in force, in due-date order per invoice."""
    query = (
        select(PaymentPlan.invoice_id, Instalment.due_date, Instalment.amount)
        .join(Instalment, Instalment.plan_id == PaymentPlan.id)
        .where(PaymentPlan.cancelled.is_(False))
        .order_by(PaymentPlan.invoice_id, Instalment.due_date, Instalment.id)
    )
    rows = [InstalmentRow(*r) for r in session.execute(query)]
    if invoice_ids is not None:
        rows = [r for r in rows if r.invoice_id in invoice_ids]
    return rows


def _paid_by(as_of: date) -> Any:
    """What has been allocated to the current invoice row by as_of, in cents."""
    return (
        select(func.coalesce(func.sum(cents(Allocation.amount)), 0))
        .where(Allocation.invoice_id == Invoice.id, Allocation.date <= as_of)
        .correlate(Invoice)
        .scalar_subquery()
    )


def promises_between(session: Session, first: date, last: date, as_of: date) -> list[PromiseRow]:
    """Promises to pay falling due from first to last, by date then client code."""
    balance = cents(Invoice.total) - _paid_by(as_of)
    query = (
        select(
            Activity.client_id, Client.code, Client.name, Activity.invoice_id, Invoice.number,
            Activity.promised_date, Activity.promised_amount, Activity.currency, Activity.outcome,
            case((Invoice.id.is_(None), None), else_=balance),
        )
        .join(Client, Client.id == Activity.client_id)
        .outerjoin(Invoice, Invoice.id == Activity.invoice_id)
        .where(
            Activity.kind == "promise",
            Activity.promised_date >= first,
            Activity.promised_date <= last,
        )
        .order_by(Activity.promised_date, Client.code, Activity.id)
    )
    return [
        PromiseRow(*r[:9], None if r[9] is None else cents_to_decimal(r[9]))
        for r in session.execute(query)
    ]


def open_disputes(session: Session, as_of: date) -> list[DisputeRow]:
    """Disputed invoices still owing something on as_of, the oldest due first."""
    balance = cents(Invoice.total) - _paid_by(as_of)
    query = (
        select(
            Invoice.id, Invoice.number, Invoice.client_id, Client.code, Client.name,
            Invoice.currency, Invoice.due_date, balance, Invoice.dispute_reason,
        )
        .join(Client, Client.id == Invoice.client_id)
        .where(Invoice.disputed.is_(True), is_live(as_of), balance > 0)
        .order_by(Invoice.due_date, Invoice.number)
    )
    return [
        DisputeRow(*r[:7], cents_to_decimal(r[7]), r[8] or "") for r in session.execute(query)
    ]
