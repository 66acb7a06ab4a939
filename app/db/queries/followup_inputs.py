"""What the reminder plan reads, set-based and as compact rows (no ORM object per invoice): the
open invoices it may follow up, unapplied credit, payment plans, promises, clients with their
policy, the history with the instalment each reminder followed; and a client's history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select, union_all
from sqlalchemy.orm import Session

from app.db.models import (
    Activity,
    Client,
    DunningPolicy,
    Instalment,
    Invoice,
    PaymentPlan,
    Reminder,
    ReminderInvoice,
)
from app.db.queries.open_items import credit_left, driver_rows, open_balance, open_invoices
from app.db.rows import day, day_or_none, money

HISTORY_STATUSES = ("done", "skipped", "snoozed", "escalated")


# (id, number, client id, issue date, due date, currency, balance in cents, paused until)
OpenRow = tuple[int, str, int, date, date, str, int, date | None]


def followed_invoices(session: Session, today: date) -> list[OpenRow]:
    """Invoices owing something on `today` that may be followed up: not disputed, not written
    off, of a client whose follow-up is not blocked; read on the settlement index, so the paid
    history costs nothing."""
    blocked = select(Client.id).where(Client.dunning_blocked.is_(True))
    query = open_invoices(
        today,
        Invoice.id,
        Invoice.number,
        Invoice.client_id,
        Invoice.issue_date,
        Invoice.due_date,
        Invoice.currency,
        open_balance(today),
        Invoice.dunning_paused_until,
        where=(
            Invoice.disputed.is_(False),
            Invoice.written_off_on.is_(None),
            Invoice.client_id.not_in(blocked),
        ),
    )
    return [
        (
            id_,
            number,
            client,
            day(issue),
            day(due),
            currency,
            int(cents),
            day_or_none(paused),
        )
        for id_, number, client, issue, due, currency, cents, paused in driver_rows(session, query)
        if cents > 0
    ]


def unapplied_credit(session: Session, today: date) -> dict[int, dict[str, Decimal]]:
    """Per client and currency, the payments and credit notes not yet allocated on `today`."""
    parts = union_all(*credit_left(today)).subquery()
    client_id, currency, left = parts.c[0], parts.c[1], parts.c[2]
    query = select(client_id, currency, func.sum(left)).group_by(client_id, currency)
    credit: dict[int, dict[str, Decimal]] = {}
    for client, code, cents in session.execute(query).tuples():
        if cents and cents > 0:
            credit.setdefault(client, {})[code] = money(cents)
    return credit


def payment_plans(session: Session) -> dict[int, list[tuple[date, Decimal]]]:
    """The instalments (due date, amount) of each invoice's current payment plan."""
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


def promises_to_pay(session: Session) -> list[tuple[int, int | None, date, Decimal | None, str]]:
    """(client, invoice or None, promised date, amount, outcome) of every promise to pay."""
    rows = session.execute(
        select(
            Activity.client_id,
            Activity.invoice_id,
            Activity.promised_date,
            Activity.promised_amount,
            Activity.outcome,
        ).where(Activity.kind == "promise", Activity.promised_date.is_not(None))
    )
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


@dataclass(frozen=True)
class PlanClient:
    id: int
    code: str
    name: str
    client_type: str
    country: str
    preferred_channel: str
    dunning_blocked: bool
    policy_code: str | None
    email: str
    phone: str
    language: str


@dataclass(frozen=True)
class HistoryRecord:
    reminder_id: int
    client_id: int
    level_code: str
    channel: str
    planned_date: date
    done_on: date | None
    status: str
    snoozed_until: date | None
    instalment_due: date | None
    invoice_ids: tuple[int, ...]


def plan_clients(session: Session, ids: set[int]) -> dict[int, PlanClient]:
    """The clients of these ids (all of them above a few hundred: one scan beats a huge IN)."""
    if not ids:
        return {}
    query = select(
        Client.id,
        Client.code,
        Client.name,
        Client.client_type,
        Client.country,
        Client.preferred_channel,
        Client.dunning_blocked,
        DunningPolicy.code,
        Client.email,
        Client.phone,
        Client.language,
    ).outerjoin(DunningPolicy, DunningPolicy.id == Client.dunning_policy_id)
    if len(ids) < 500:
        query = query.where(Client.id.in_(sorted(ids)))
    return {r[0]: PlanClient(*r) for r in session.execute(query) if r[0] in ids}


def history_records(session: Session, concerning: set[int] | None = None) -> list[HistoryRecord]:
    """Done, skipped and snoozed reminders with their invoices (planned rows are left out), by
    id; with `concerning`, only those of one of these invoices (still with all their invoices).
    Two plain scans (the links, then the reminders): a dossier's history is hundreds of
    thousands of links, whose Row objects and dates cost more than the queries."""
    is_history = or_(*(Reminder.status == status for status in HISTORY_STATUSES))
    links: dict[int, list[int]] = {}
    for reminder_id, invoice_id in driver_rows(
        session,
        (
            select(ReminderInvoice.reminder_id, ReminderInvoice.invoice_id)
            .join(Reminder, Reminder.id == ReminderInvoice.reminder_id)
            .where(is_history)
            .order_by(ReminderInvoice.reminder_id, ReminderInvoice.invoice_id)
        ),
    ):
        links.setdefault(reminder_id, []).append(invoice_id)
    if concerning is not None:
        links = {id_: ids for id_, ids in links.items() if not concerning.isdisjoint(ids)}
    query = (
        select(
            Reminder.id,
            Reminder.client_id,
            Reminder.level_code,
            Reminder.channel,
            Reminder.planned_date,
            Reminder.done_on,
            Reminder.status,
            Reminder.snoozed_until,
            Reminder.instalment_due,
        )
        .where(is_history)
        .order_by(Reminder.id)
    )
    return [
        HistoryRecord(
            id_,
            client,
            level,
            channel,
            day(planned),
            day_or_none(done),
            status,
            day_or_none(snoozed),
            day_or_none(instalment),
            tuple(links[id_]),
        )
        for id_, client, level, channel, planned, done, status, snoozed, instalment in driver_rows(
            session, query
        )
        if id_ in links
    ]


@dataclass(frozen=True)
class ClientEvent:
    """One line of a client's follow-up history: a reminder or an activity."""

    on: date
    kind: str  # "reminder" or the activity kind (call, promise, note, …)
    status: str  # reminder status, or the activity's outcome
    level_code: str
    channel: str
    note: str
    document_path: str
    user_name: str
    invoice_numbers: tuple[str, ...]
    promised_date: date | None = None
    promised_amount: Decimal | None = None
    currency: str = ""
    snoozed_until: date | None = None
    document_sha256: str = ""


def client_events(session: Session, client_id: int) -> list[ClientEvent]:
    """Reminders and activities of one client, newest first."""
    numbers: dict[int, list[str]] = {}
    for reminder_id, number in session.execute(
        select(ReminderInvoice.reminder_id, Invoice.number)
        .join(Invoice, Invoice.id == ReminderInvoice.invoice_id)
        .join(Reminder, Reminder.id == ReminderInvoice.reminder_id)
        .where(Reminder.client_id == client_id)
        .order_by(Invoice.number)
    ):
        numbers.setdefault(reminder_id, []).append(number)
    events = [
        ClientEvent(
            r.done_on or r.planned_date,
            "reminder",
            r.status,
            r.level_code,
            r.channel,
            r.note,
            r.document_path,
            r.user_name,
            tuple(numbers.get(r.id, ())),
            snoozed_until=r.snoozed_until,
            document_sha256=r.document_sha256,
        )
        for r in session.scalars(select(Reminder).where(Reminder.client_id == client_id))
    ]
    activity_numbers = dict(
        session.execute(
            select(Activity.id, Invoice.number)
            .join(Invoice, Invoice.id == Activity.invoice_id)
            .where(Activity.client_id == client_id)
        )
        .tuples()
        .all()
    )
    events.extend(
        ClientEvent(
            a.date,
            a.kind,
            a.outcome,
            "",
            "",
            a.note,
            a.document_path,
            a.user_name,
            (activity_numbers[a.id],) if a.id in activity_numbers else (),
            a.promised_date,
            a.promised_amount,
            a.currency,
            document_sha256=a.document_sha256,
        )
        for a in session.scalars(select(Activity).where(Activity.client_id == client_id))
    )
    events.sort(key=lambda e: (e.on, e.kind != "reminder"), reverse=True)
    return events


def invoice_attachments(session: Session, invoice_ids: tuple[int, ...]) -> list[str]:
    """The files of the original invoices (attached to reminder emails), in invoice order."""
    if not invoice_ids:
        return []
    rows = session.execute(
        select(Invoice.attachment_path)
        .where(Invoice.id.in_(sorted(set(invoice_ids))))
        .order_by(Invoice.number)
    )
    return [path for (path,) in rows if path]
