"""What ties one payment line or credit note to invoices, as one value that can be put back.

Allocations are derived from these events (a payment line's or credit note's own target, and
the credit applications made from it), so restoring them and recomputing the client gives back
exactly the allocations they gave before (Edit ▸ Undo of an allocation).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.db.models import CreditApplication, Invoice, PaymentLine
from app.db.queries.invoice_list import cents
from app.db.rows import day, money

PAYMENT = "payment"


@dataclass(frozen=True)
class SourceLinks:
    kind: str  # "payment" (a payment line) or "credit_note"
    source_id: int
    target: int | None  # the invoice the line was meant for, or the credit note applies to
    applications: tuple[tuple[int, date, Decimal], ...]  # (invoice id, date, amount), in order


def links_of(session: Session, kind: str, source_id: int) -> SourceLinks | None:
    """None when the payment line or credit note no longer exists."""
    if kind == PAYMENT:
        target = session.execute(
            select(PaymentLine.invoice_id).where(PaymentLine.id == source_id)
        ).first()
        column = CreditApplication.payment_line_id
    else:
        target = session.execute(
            select(Invoice.applies_to_id).where(
                Invoice.id == source_id, Invoice.kind == "credit_note"
            )
        ).first()
        column = CreditApplication.credit_note_id
    if target is None:
        return None
    rows = session.execute(
        select(
            CreditApplication.invoice_id, CreditApplication.date, cents(CreditApplication.amount)
        )
        .where(column == source_id)
        .order_by(CreditApplication.date, CreditApplication.invoice_id, CreditApplication.id)
    )
    applications = tuple((r[0], day(r[1]), money(r[2])) for r in rows)
    return SourceLinks(kind, source_id, target[0], applications)


def restore(session: Session, links: SourceLinks) -> None:
    """Put the source's target and applications back as `links` says."""
    if links.kind == PAYMENT:
        column = CreditApplication.payment_line_id
        session.execute(
            update(PaymentLine)
            .where(PaymentLine.id == links.source_id)
            .values(invoice_id=links.target)
        )
    else:
        column = CreditApplication.credit_note_id
        session.execute(
            update(Invoice)
            .where(Invoice.id == links.source_id)
            .values(applies_to_id=links.target, version=Invoice.version + 1)
        )
    session.execute(delete(CreditApplication).where(column == links.source_id))
    for invoice_id, on, amount in links.applications:
        session.add(
            CreditApplication(
                payment_line_id=links.source_id if links.kind == PAYMENT else None,
                credit_note_id=links.source_id if links.kind != PAYMENT else None,
                invoice_id=invoice_id,
                date=on,
                amount=amount,
            )
        )
    session.flush()


def payment_lines(session: Session, payment_id: int) -> list[int]:
    return list(
        session.scalars(
            select(PaymentLine.id)
            .where(PaymentLine.payment_id == payment_id)
            .order_by(PaymentLine.id)
        )
    )
