"""Writes and look-ups for invoices and credit notes."""

from __future__ import annotations

import re
from decimal import Decimal

from sqlalchemy import exists, func, select, text
from sqlalchemy.orm import Session

from app.db.models import Allocation, Client, Invoice
from app.db.queries.invoice_list import cents
from app.db.rows import money


def get_invoice(session: Session, invoice_id: int) -> Invoice | None:
    return session.get(Invoice, invoice_id)


def number_taken(session: Session, number: str, except_id: int | None = None) -> bool:
    condition = [Invoice.number == number]
    if except_id is not None:
        condition.append(Invoice.id != except_id)
    return bool(session.scalar(select(exists().where(*condition))))


def last_number(session: Session, kind: str) -> str | None:
    return session.scalar(
        select(Invoice.number).where(Invoice.kind == kind).order_by(Invoice.id.desc()).limit(1)
    )


def increment(number: str) -> str:
    """F2026-0042 → F2026-0043 (same prefix, same width)."""
    match = re.match(r"^(.*?)(\d+)$", number)
    if match is None:
        return f"{number}-2"
    prefix, digits = match.groups()
    return f"{prefix}{int(digits) + 1:0{len(digits)}d}"


def client_of(session: Session, client_id: int) -> Client | None:
    return session.get(Client, client_id)


def allocated_to(session: Session, invoice_id: int) -> Decimal:
    """What is settled on an invoice (payments and credit notes)."""
    query = select(func.coalesce(func.sum(cents(Allocation.amount)), 0)).where(
        Allocation.invoice_id == invoice_id
    )
    return money(session.scalar(query))


def allocated_from_credit_note(session: Session, credit_note_id: int) -> Decimal:
    query = select(func.coalesce(func.sum(cents(Allocation.amount)), 0)).where(
        Allocation.credit_note_id == credit_note_id
    )
    return money(session.scalar(query))


def credit_notes_against(session: Session, invoice_id: int) -> list[Invoice]:
    return list(
        session.scalars(
            select(Invoice)
            .where(Invoice.applies_to_id == invoice_id, Invoice.kind == "credit_note")
            .order_by(Invoice.issue_date, Invoice.id)
        )
    )


def analyze(session: Session) -> None:
    """Planner statistics for the list tables when they are missing or stale.

    SQLite: a sampled ANALYZE (a few ms). PostgreSQL: ANALYZE only the tables never analysed
    or changed by more than a fifth since, as after a bulk import, before autovacuum catches up.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA analysis_limit=1000"))
        session.execute(text("ANALYZE"))
        return
    stale = session.scalars(
        text(
            "SELECT relname FROM pg_stat_user_tables WHERE relname IN "
            "('invoices', 'clients', 'allocations', 'payments', 'payment_lines') AND ("
            "(last_analyze IS NULL AND last_autoanalyze IS NULL) "
            "OR n_mod_since_analyze > n_live_tup / 5)"
        )
    ).all()
    for table in stale:
        session.execute(text(f'ANALYZE "{table}"'))
