"""Reads and writes behind the allocation of payments and credit notes, and the recompute the
unit of work runs at commit for the clients whose ledger changed."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.db.models import Allocation, CreditApplication, Invoice, Payment, PaymentLine
from app.db.repositories.settlement import refresh_settlement
from app.domain.ledger.allocation import AllocationResult, InvoiceFacts, Source, allocate
from app.domain.ledger.allocation import CreditApplication as AppFact


def allocation_inputs(
    session: Session, client_id: int
) -> tuple[list[InvoiceFacts], list[Source], list[AppFact]]:
    invoices: list[InvoiceFacts] = []
    sources: list[Source] = []
    rows = session.execute(
        select(
            Invoice.id,
            Invoice.kind,
            Invoice.issue_date,
            Invoice.total,
            Invoice.currency,
            Invoice.applies_to_id,
        ).where(Invoice.client_id == client_id)
    )
    for inv_id, kind, issued, total, currency, applies_to in rows:
        if kind == "invoice":
            invoices.append(InvoiceFacts(inv_id, issued, total, currency))
        else:
            sources.append(Source("credit_note", inv_id, issued, total, currency, applies_to))
    lines = session.execute(
        select(
            PaymentLine.id,
            Payment.date,
            PaymentLine.amount,
            Payment.currency,
            PaymentLine.invoice_id,
        )
        .join(Payment, Payment.id == PaymentLine.payment_id)
        .where(Payment.client_id == client_id)
    )
    for line_id, paid_on, amount, currency, invoice_id in lines:
        sources.append(Source("payment", line_id, paid_on, amount, currency, invoice_id))
    applications: list[AppFact] = []
    apps = session.execute(
        select(CreditApplication)
        .join(Invoice, Invoice.id == CreditApplication.invoice_id)
        .where(Invoice.client_id == client_id)
        .order_by(CreditApplication.id)
    ).scalars()
    for app in apps:
        kind, source_id = (
            ("payment", app.payment_line_id)
            if app.payment_line_id is not None
            else ("credit_note", app.credit_note_id)
        )
        assert source_id is not None
        applications.append(AppFact(kind, source_id, app.invoice_id, app.date, app.amount))
    return invoices, sources, applications


def replace_allocations(session: Session, client_id: int, result: AllocationResult) -> None:
    session.execute(delete(Allocation).where(Allocation.client_id == client_id))
    rows = [
        {
            "client_id": client_id,
            "invoice_id": a.invoice_id,
            "payment_line_id": a.source_id if a.source_kind == "payment" else None,
            "credit_note_id": a.source_id if a.source_kind == "credit_note" else None,
            "amount": a.amount,
            "date": a.date,
        }
        for a in result.allocations
    ]
    if rows:
        session.execute(insert(Allocation), rows)
    refresh_settlement(session, [client_id])


def recompute_allocations(session: Session, client_ids: Iterable[int]) -> None:
    """Re-derive every allocation of these clients from their dated events (and their
    settlement dates with them)."""
    for client_id in sorted(set(client_ids)):
        invoices, sources, applications = allocation_inputs(session, client_id)
        replace_allocations(session, client_id, allocate(invoices, sources, applications))


def touch_clients(session: Session, client_ids: Iterable[int]) -> None:
    """Note that these clients' invoices, payments or credits changed in this session: the
    unit of work recomputes their allocations once, before it commits."""
    session.info.setdefault(TOUCHED, set()).update(client_ids)


def recompute_touched(session: Session) -> None:
    """Recompute the clients touched so far (at commit, or before reading allocations back)."""
    touched = session.info.pop(TOUCHED, set())
    if touched:
        recompute_allocations(session, touched)


TOUCHED = "relance.touched_clients"
