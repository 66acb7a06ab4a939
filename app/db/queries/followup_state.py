"""Everything the planner reads, loaded set-based: open invoices, clients, promises, history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from app.db.base import cents_to_decimal
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


@dataclass(frozen=True)
class OpenInvoiceRow:
    id: int
    number: str
    client_id: int
    issue_date: date
    due_date: date
    currency: str
    balance: Decimal
    disputed: bool
    paused_until: date | None
    total: Decimal


@dataclass(frozen=True)
class ClientRow:
    id: int
    code: str
    name: str
    client_type: str
    country: str
    preferred_channel: str
    dunning_blocked: bool


@dataclass(frozen=True)
class HistoryRow:
    reminder_id: int
    client_id: int
    level_code: str
    channel: str
    planned_date: date
    done_on: date | None
    status: str
    snoozed_until: date | None
    invoice_ids: tuple[int, ...]


def open_invoices(session: Session, today: date) -> list[OpenInvoiceRow]:
    paid = (
        select(Allocation.invoice_id, func.sum(type_coerce(Allocation.amount, BigInteger)).label("p"))
        .where(Allocation.date <= today)
        .group_by(Allocation.invoice_id)
        .subquery()
    )
    balance = type_coerce(Invoice.total, BigInteger) - func.coalesce(paid.c.p, 0)
    query = (
        select(Invoice.id, Invoice.number, Invoice.client_id, Invoice.issue_date,
               Invoice.due_date, Invoice.currency, balance, Invoice.disputed,
               Invoice.dunning_paused_until, type_coerce(Invoice.total, BigInteger))
        .outerjoin(paid, paid.c.invoice_id == Invoice.id)
        .where(Invoice.kind == "invoice", Invoice.written_off_on.is_(None),
               Invoice.issue_date <= today, balance > 0)
    )
    return [OpenInvoiceRow(r[0], r[1], r[2], r[3], r[4], r[5], cents_to_decimal(r[6]),
                           bool(r[7]), r[8], cents_to_decimal(r[9]))
            for r in session.execute(query)]


def clients(session: Session, ids: set[int]) -> list[ClientRow]:
    if not ids:
        return []
    query = select(Client.id, Client.code, Client.name, Client.client_type, Client.country,
                   Client.preferred_channel, Client.dunning_blocked)
    rows = session.execute(query.where(Client.id.in_(sorted(ids)))) if len(ids) < 900 else (
        r for r in session.execute(query) if r[0] in ids)
    return [ClientRow(*r) for r in rows]


def promises(session: Session) -> list[tuple[int, int | None, date, Decimal | None, str]]:
    """(client, invoice or None, promised date, amount, outcome) of promises to pay."""
    rows = session.execute(
        select(Activity.client_id, Activity.invoice_id, Activity.promised_date,
               Activity.promised_amount, Activity.outcome)
        .where(Activity.kind == "promise", Activity.promised_date.is_not(None))
    )
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def history(session: Session, client_id: int | None = None) -> list[HistoryRow]:
    query = (
        select(Reminder.id, Reminder.client_id, Reminder.level_code, Reminder.channel,
               Reminder.planned_date, Reminder.done_on, Reminder.status, Reminder.snoozed_until,
               ReminderInvoice.invoice_id)
        .join(ReminderInvoice, ReminderInvoice.reminder_id == Reminder.id)
        .where(or_(Reminder.status == "done", Reminder.status == "skipped",
                   Reminder.status == "snoozed"))
        .order_by(Reminder.id)
    )
    if client_id is not None:
        query = query.where(Reminder.client_id == client_id)
    grouped: dict[int, list] = {}
    for r in session.execute(query):
        grouped.setdefault(r[0], list(r[:8]) + [[]])[8].append(r[8])
    return [HistoryRow(*g[:8], tuple(sorted(g[8]))) for g in grouped.values()]


def instalments(session: Session) -> dict[int, list[tuple[date, Decimal]]]:
    rows = session.execute(
        select(PaymentPlan.invoice_id, Instalment.due_date, Instalment.amount)
        .join(Instalment, Instalment.plan_id == PaymentPlan.id)
        .where(PaymentPlan.cancelled.is_(False))
        .order_by(PaymentPlan.invoice_id, Instalment.due_date)
    )
    plans: dict[int, list[tuple[date, Decimal]]] = {}
    for invoice_id, due, amount in rows:
        plans.setdefault(invoice_id, []).append((due, amount))
    return plans
