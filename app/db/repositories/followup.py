"""Writes of the follow-up history: reminders done/skipped/snoozed and client activities."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.db.models import Activity, Invoice, Reminder, ReminderInvoice


def add_reminder(
    session: Session,
    *,
    client_id: int,
    level_code: str,
    channel: str,
    planned_date: date,
    status: str,
    invoice_ids: tuple[int, ...],
    done_on: date | None = None,
    snoozed_until: date | None = None,
    note: str = "",
    user_name: str = "",
    document_path: str = "",
    document_sha256: str = "",
    instalment_due: date | None = None,
    action_key: str | None = None,
) -> int:
    reminder = Reminder(
        action_key=action_key,
        client_id=client_id,
        level_code=level_code,
        channel=channel,
        planned_date=planned_date,
        status=status,
        done_on=done_on,
        snoozed_until=snoozed_until,
        note=note,
        user_name=user_name,
        document_path=document_path,
        document_sha256=document_sha256,
        instalment_due=instalment_due,
    )
    session.add(reminder)
    session.flush()
    for invoice_id in sorted(set(invoice_ids)):
        session.add(ReminderInvoice(reminder_id=reminder.id, invoice_id=invoice_id))
    return reminder.id


def add_activity(
    session: Session,
    *,
    client_id: int,
    kind: str,
    on: date,
    invoice_id: int | None = None,
    outcome: str = "",
    note: str = "",
    promised_date: date | None = None,
    promised_amount: Decimal | None = None,
    currency: str = "EUR",
    user_name: str = "",
) -> int:
    activity = Activity(
        client_id=client_id,
        invoice_id=invoice_id,
        kind=kind,
        date=on,
        outcome=outcome,
        note=note,
        promised_date=promised_date,
        promised_amount=promised_amount,
        currency=currency,
        user_name=user_name,
    )
    session.add(activity)
    session.flush()
    return activity.id


def mark_disputed(session: Session, invoice_ids: tuple[int, ...], reason: str) -> None:
    session.execute(
        update(Invoice)
        .where(Invoice.id.in_(invoice_ids))
        .values(disputed=True, dispute_reason=reason, version=Invoice.version + 1)
    )


def recorded_action(session: Session, action_key: str) -> tuple[str, object] | None:
    """Who recorded that plan action and when (user name, creation time), if anyone did."""
    row = session.execute(
        select(Reminder.user_name, Reminder.created_at).where(Reminder.action_key == action_key)
    ).first()
    return (row[0], row[1]) if row is not None else None


def invoice_clients(session: Session, invoice_ids: tuple[int, ...]) -> dict[int, int]:
    """The client of each of these invoices (those that exist)."""
    rows = session.execute(select(Invoice.id, Invoice.client_id).where(Invoice.id.in_(invoice_ids)))
    return {row[0]: row[1] for row in rows}


def reminder_rows(session: Session, ids: tuple[int, ...]) -> list[tuple[int, int, str]]:
    """(id, client id, status) of these history rows, those that still exist."""
    rows = session.execute(
        select(Reminder.id, Reminder.client_id, Reminder.status).where(Reminder.id.in_(ids))
    )
    return [(row[0], row[1], row[2]) for row in rows]


def reminder_invoice_ids(session: Session, ids: tuple[int, ...]) -> set[int]:
    """The invoices these history rows are about."""
    rows = session.execute(
        select(ReminderInvoice.invoice_id).where(ReminderInvoice.reminder_id.in_(ids))
    )
    return {row[0] for row in rows}


def reminders_after(
    session: Session, invoice_ids: set[int], after_id: int, ignore: tuple[int, ...]
) -> list[tuple[str, str]]:
    """(level code, status) of the history rows written after `after_id` on these invoices."""
    rows = session.execute(
        select(Reminder.level_code, Reminder.status)
        .join(ReminderInvoice, ReminderInvoice.reminder_id == Reminder.id)
        .where(
            ReminderInvoice.invoice_id.in_(invoice_ids),
            Reminder.id > after_id,
            Reminder.id.not_in(ignore),
        )
        .distinct()
    )
    return [(row[0], row[1]) for row in rows]


def delete_reminders(session: Session, ids: tuple[int, ...]) -> None:
    session.execute(delete(ReminderInvoice).where(ReminderInvoice.reminder_id.in_(ids)))
    session.execute(delete(Reminder).where(Reminder.id.in_(ids)))
