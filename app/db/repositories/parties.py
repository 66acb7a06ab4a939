"""Writes and look-ups for clients and their contacts."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import delete, exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.db.models import Client, Contact, Invoice, Payment
from app.db.queries.invoice_list import contains
from app.domain.errors import Conflict

CLIENT_FIELDS = (
    "code",
    "name",
    "client_type",
    "email",
    "phone",
    "address",
    "postcode",
    "city",
    "country",
    "language",
    "legal_id",
    "vat_number",
    "iban",
    "payment_terms_days",
    "terms_end_of_month",
    "credit_limit",
    "preferred_channel",
    "dunning_blocked",
    "dunning_blocked_reason",
    "notes",
    "archived",
)


def save(session: Session, conflict_message: str) -> None:
    """Flush now, so that a stale version or a duplicate surfaces as a Conflict here."""
    try:
        session.flush()
    except StaleDataError as error:
        session.rollback()
        raise Conflict(conflict_message) from error


def get_client(session: Session, client_id: int) -> Client | None:
    return session.get(Client, client_id)


def client_id(session: Session, code: str) -> int | None:
    return session.scalar(select(Client.id).where(Client.code == code))


def code_taken(session: Session, code: str, except_id: int | None = None) -> bool:
    query = select(exists().where(Client.code == code))
    if except_id is not None:
        query = select(exists().where(Client.code == code, Client.id != except_id))
    return bool(session.scalar(query))


def contacts(session: Session, client_id: int) -> list[Contact]:
    return list(
        session.scalars(select(Contact).where(Contact.client_id == client_id).order_by(Contact.id))
    )


def replace_contacts(session: Session, client_id: int, rows: list[dict[str, Any]]) -> None:
    session.execute(delete(Contact).where(Contact.client_id == client_id))
    for row in rows:
        session.add(Contact(client_id=client_id, **row))


def has_ledger(session: Session, client_id: int) -> bool:
    invoices = select(exists().where(Invoice.client_id == client_id))
    payments = select(exists().where(Payment.client_id == client_id))
    return bool(session.scalar(invoices)) or bool(session.scalar(payments))


def delete_client(session: Session, client: Client) -> None:
    try:
        session.delete(client)
        session.flush()
    except IntegrityError as error:
        session.rollback()
        raise Conflict(str(error.orig)) from error


def last_code(session: Session) -> str | None:
    return session.scalar(select(Client.code).order_by(Client.id.desc()).limit(1))


def choices(session: Session, text: str, limit: int) -> list[tuple[int, str, str, str]]:
    """(id, code, name, city) of active clients matching the text, for pickers."""
    dialect = session.get_bind().dialect.name
    query = select(Client.id, Client.code, Client.name, Client.city).where(
        Client.archived.is_(False)
    )
    if text:
        query = query.where(
            or_(contains(Client.code, text, dialect), contains(Client.name, text, dialect))
        )
    query = query.order_by(func.lower(Client.name), Client.id).limit(limit)
    return [(r[0], r[1], r[2], r[3]) for r in session.execute(query)]


def next_code(existing_last: str | None) -> str:
    """C0061 after C0060; keeps the prefix and the width of the number."""
    if not existing_last:
        return "C0001"
    match = re.match(r"^(.*?)(\d+)$", existing_last)
    if match is None:
        return f"{existing_last}-2"
    prefix, digits = match.groups()
    return f"{prefix}{int(digits) + 1:0{len(digits)}d}"
