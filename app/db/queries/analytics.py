"""Compact rows for payment behaviour, risk and the forecast, each list loaded by one query.

Balances follow the aging rules (docs/commands.md): on `as_of`, an invoice counts once issued and
until written off, less the allocations dated on or before `as_of`. An invoice is settled on
the date of the allocation that brought its balance to zero, kept as `settled_on`
(app.db.repositories.settlement): open and settled invoices are both read on its index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import repeat
from typing import Any

from sqlalchemy import (
    BigInteger,
    Integer,
    and_,
    case,
    cast,
    func,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import Select

from app.db.models import (
    Activity,
    Allocation,
    Client,
    Instalment,
    Invoice,
    PaymentPlan,
    Reminder,
    ReminderInvoice,
)
from app.db.queries.analytics_settled import settled_by_client
from app.db.queries.open_items import (
    credit_left,
    driver_rows,
    open_balance,
    open_invoices,
    without_jit,
)
from app.db.rows import date_reader, money, raw_date
from app.domain.insight.behaviour import WINDOW_MONTHS, Settlements, months_before


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
    settled: dict[int, Settlements]


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


def day_count(session: Session) -> Callable[[Any, Any], Any]:
    """Whole days from one date column to another, in SQL (an integer on both databases)."""
    if session.get_bind().dialect.name == "sqlite":
        return lambda later, earlier: cast(func.julianday(later) - func.julianday(earlier), Integer)
    return lambda later, earlier: type_coerce(later - earlier, Integer)


def payment_history(
    session: Session, as_of: date, settled_since: date, client_id: int | None = None
) -> PaymentHistory:
    """Open invoices on as_of, and those settled by a payment after settled_since.

    Both lists are read on the settlement index; settled invoices come as day counts, in
    payment order. An invoice cancelled only by credit notes was never paid: it tells nothing
    about how its client pays and is left out of the settled ones.
    """
    without_jit(session)
    where = () if client_id is None else (Invoice.client_id == client_id,)
    open_rows = open_invoices(
        as_of,
        Invoice.id,
        Invoice.number,
        Invoice.client_id,
        Invoice.currency,
        raw_date(Invoice.issue_date),
        raw_date(Invoice.due_date),
        cents(Invoice.total),
        open_balance(as_of),
        Invoice.disputed,
        where=where,
    )
    reminders = reminders_after_due(session, as_of, client_id)
    day = date_reader(session)
    result: list[OpenRow] = []
    for r in driver_rows(session, open_rows):
        if r[7] > 0:
            result.append(
                OpenRow(
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    day(r[4]),
                    day(r[5]),
                    money(r[6]),
                    money(r[7]),
                    bool(r[8]),
                    reminders.get(r[0], 0),
                )
            )
    split = months_before(as_of, WINDOW_MONTHS // 2)
    by_client = settled_by_client(
        session, as_of, settled_since, split, credit_notes_only_ids(), client_id
    )
    sent = reminders.get
    settled = {
        owner: Settlements(delays, to_pay, recent, sum(map(sent, ids, repeat(0))))
        for owner, (delays, to_pay, recent, ids) in by_client.items()
    }
    return PaymentHistory(result, settled)


def credit_notes_only_ids() -> Select[Any]:
    """Invoices that credit notes settle without any payment (read from the notes' side)."""
    other = aliased(Allocation)
    by_payment = (
        select(other.id)
        .where(other.invoice_id == Allocation.invoice_id, other.payment_line_id.is_not(None))
        .exists()
    )
    return select(Allocation.invoice_id).where(Allocation.credit_note_id.is_not(None), ~by_payment)


def credit_notes_only(session: Session) -> set[int]:
    return set(session.scalars(credit_notes_only_ids()))


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
    return dict(driver_rows(session, query))


def credit_limits(session: Session) -> dict[int, Decimal]:
    query = select(Client.id, Client.credit_limit).where(Client.credit_limit.is_not(None))
    return {client: limit for client, limit in session.execute(query) if limit is not None}


def currency_sums(session: Session, as_of: date, sales_from: date) -> list[CurrencySums]:
    """Unapplied credit (payments and credit notes less what they settle) and recent sales."""
    without_jit(session)
    zero = type_coerce(0, BigInteger)
    credit = [part.subquery() for part in credit_left(as_of)]
    unapplied = [
        select(c.c[1].label("currency"), c.c[2].label("credit"), zero.label("sales"))
        for c in credit
    ]
    sales = select(
        Invoice.currency,
        zero.label("credit"),
        case((Invoice.kind == "credit_note", -cents(Invoice.total)), else_=cents(Invoice.total)),
    ).where(Invoice.issue_date > sales_from, Invoice.issue_date <= as_of)
    combined = union_all(*unapplied, sales).subquery()
    query = (
        select(combined.c.currency, func.sum(combined.c.credit), func.sum(combined.c.sales))
        .group_by(combined.c.currency)
        .order_by(combined.c.currency)
    )
    return [
        CurrencySums(currency, money(credit), money(sold))
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
            Activity.client_id,
            Client.code,
            Client.name,
            Activity.invoice_id,
            Invoice.number,
            Activity.promised_date,
            Activity.promised_amount,
            Activity.currency,
            Activity.outcome,
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
        PromiseRow(
            client,
            code,
            name,
            invoice,
            number,
            day,
            promised,
            currency,
            outcome,
            None if left is None else money(left),
        )
        for client, code, name, invoice, number, day, promised, currency, outcome, left in (
            session.execute(query)
        )
    ]


def open_disputes(session: Session, as_of: date) -> list[DisputeRow]:
    """Disputed invoices still owing something on as_of, the oldest due first."""
    balance = cents(Invoice.total) - _paid_by(as_of)
    query = (
        select(
            Invoice.id,
            Invoice.number,
            Invoice.client_id,
            Client.code,
            Client.name,
            Invoice.currency,
            Invoice.due_date,
            balance,
            Invoice.dispute_reason,
        )
        .join(Client, Client.id == Invoice.client_id)
        .where(Invoice.disputed.is_(True), is_live(as_of), balance > 0)
        .order_by(Invoice.due_date, Invoice.number)
    )
    return [
        DisputeRow(invoice, number, client, code, name, currency, due, money(left), reason or "")
        for invoice, number, client, code, name, currency, due, left, reason in (
            session.execute(query)
        )
    ]
