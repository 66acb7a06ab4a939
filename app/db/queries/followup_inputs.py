"""What the reminder plan reads besides the open invoices: clients with their policy, the
history with the instalment each reminder followed, and a client's history for the screens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Activity, Client, DunningPolicy, Invoice, Reminder, ReminderInvoice

HISTORY_STATUSES = ("done", "skipped", "snoozed")


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
    query = (
        select(Client.id, Client.code, Client.name, Client.client_type, Client.country,
               Client.preferred_channel, Client.dunning_blocked, DunningPolicy.code,
               Client.email, Client.phone, Client.language)
        .outerjoin(DunningPolicy, DunningPolicy.id == Client.dunning_policy_id)
    )
    if len(ids) < 500:
        query = query.where(Client.id.in_(sorted(ids)))
    return {r[0]: PlanClient(*r) for r in session.execute(query) if r[0] in ids}


def history_records(session: Session) -> list[HistoryRecord]:
    """Done, skipped and snoozed reminders with their invoices (planned rows are left out)."""
    query = (
        select(Reminder.id, Reminder.client_id, Reminder.level_code, Reminder.channel,
               Reminder.planned_date, Reminder.done_on, Reminder.status, Reminder.snoozed_until,
               Reminder.instalment_due, ReminderInvoice.invoice_id)
        .join(ReminderInvoice, ReminderInvoice.reminder_id == Reminder.id)
        .where(Reminder.status.in_(HISTORY_STATUSES))
        .order_by(Reminder.id, ReminderInvoice.invoice_id)
    )
    grouped: dict[int, tuple[tuple, list[int]]] = {}  # type: ignore[type-arg]
    for row in session.execute(query):
        grouped.setdefault(row[0], (tuple(row[:9]), []))[1].append(row[9])
    return [HistoryRecord(*head, tuple(ids)) for head, ids in grouped.values()]


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
        ClientEvent(r.done_on or r.planned_date, "reminder", r.status, r.level_code, r.channel,
                    r.note, r.document_path, r.user_name, tuple(numbers.get(r.id, ())),
                    snoozed_until=r.snoozed_until, document_sha256=r.document_sha256)
        for r in session.scalars(select(Reminder).where(Reminder.client_id == client_id))
    ]
    activity_numbers = dict(session.execute(
        select(Activity.id, Invoice.number)
        .join(Invoice, Invoice.id == Activity.invoice_id)
        .where(Activity.client_id == client_id)
    ).tuples().all())
    events.extend(
        ClientEvent(a.date, a.kind, a.outcome, "", "", a.note, a.document_path, a.user_name,
                    (activity_numbers[a.id],) if a.id in activity_numbers else (),
                    a.promised_date, a.promised_amount, a.currency,
                    document_sha256=a.document_sha256)
        for a in session.scalars(select(Activity).where(Activity.client_id == client_id))
    )
    events.sort(key=lambda e: (e.on, e.kind != "reminder"), reverse=True)
    return events


def invoice_attachments(session: Session, invoice_ids: tuple[int, ...]) -> list[str]:
    """The files of the original invoices (attached to reminder emails), in invoice order."""
    if not invoice_ids:
        return []
    rows = session.execute(
        select(Invoice.attachment_path).where(Invoice.id.in_(sorted(set(invoice_ids))))
        .order_by(Invoice.number)
    )
    return [path for (path,) in rows if path]
