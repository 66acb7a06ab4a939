"""Reads and writes behind the allocation of payments and credit notes, and the recompute the
unit of work runs at commit for the clients whose ledger changed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from app.db.models import Allocation, CreditApplication, Invoice, Payment, PaymentLine
from app.db.repositories.settlement import refresh_settlement
from app.domain.ledger.allocation import AllocationResult, InvoiceFacts, Source, allocate
from app.domain.ledger.allocation import CreditApplication as AppFact

Inputs = tuple[list[InvoiceFacts], list[Source], list[AppFact]]
CLIENTS_PER_BATCH = 500
ALLOCATIONS = cast(Table, Allocation.__table__)  # Core inserts: no ORM bookkeeping


def allocation_inputs(session: Session, client_id: int) -> Inputs:
    return _inputs(session, [client_id])[client_id]


def _inputs(session: Session, client_ids: list[int]) -> dict[int, Inputs]:
    """The dated events of these clients, three queries for the lot."""
    found: dict[int, Inputs] = {client_id: ([], [], []) for client_id in client_ids}
    rows = session.execute(
        select(
            Invoice.client_id,
            Invoice.id,
            Invoice.kind,
            Invoice.issue_date,
            Invoice.total,
            Invoice.currency,
            Invoice.applies_to_id,
        )
        .where(Invoice.client_id.in_(client_ids))
        .order_by(Invoice.id)
    )
    for client_id, inv_id, kind, issued, total, currency, applies_to in rows:
        invoices, sources, _apps = found[client_id]
        if kind == "invoice":
            invoices.append(InvoiceFacts(inv_id, issued, total, currency))
        else:
            sources.append(Source("credit_note", inv_id, issued, total, currency, applies_to))
    lines = session.execute(
        select(
            Payment.client_id,
            PaymentLine.id,
            Payment.date,
            PaymentLine.amount,
            Payment.currency,
            PaymentLine.invoice_id,
        )
        .join(Payment, Payment.id == PaymentLine.payment_id)
        .where(Payment.client_id.in_(client_ids))
        .order_by(PaymentLine.id)
    )
    for client_id, line_id, paid_on, amount, currency, invoice_id in lines:
        found[client_id][1].append(
            Source("payment", line_id, paid_on, amount, currency, invoice_id)
        )
    apps = session.execute(
        select(Invoice.client_id, CreditApplication)
        .join(Invoice, Invoice.id == CreditApplication.invoice_id)
        .where(Invoice.client_id.in_(client_ids))
        .order_by(CreditApplication.id)
    )
    for client_id, app in apps:
        kind, source_id = (
            ("payment", app.payment_line_id)
            if app.payment_line_id is not None
            else ("credit_note", app.credit_note_id)
        )
        assert source_id is not None
        found[client_id][2].append(AppFact(kind, source_id, app.invoice_id, app.date, app.amount))
    return found


def _rows(client_id: int, result: AllocationResult) -> list[dict[str, object]]:
    return [
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


def replace_allocations(session: Session, client_id: int, result: AllocationResult) -> None:
    session.execute(delete(Allocation).where(Allocation.client_id == client_id))
    rows = _rows(client_id, result)
    if rows:
        session.execute(insert(Allocation), rows)
    refresh_settlement(session, [client_id])


def recompute_allocations(session: Session, client_ids: Iterable[int]) -> None:
    """Re-derive every allocation of these clients from their dated events (and their
    settlement dates with them), a few statements per batch of clients, not per client."""
    ids = sorted(set(client_ids))
    for start in range(0, len(ids), CLIENTS_PER_BATCH):
        part = ids[start : start + CLIENTS_PER_BATCH]
        rows: list[dict[str, object]] = []
        for client_id, (invoices, sources, applications) in _inputs(session, part).items():
            rows.extend(_rows(client_id, allocate(invoices, sources, applications)))
        session.execute(delete(Allocation).where(Allocation.client_id.in_(part)))
        for offset in range(0, len(rows), 10_000):
            session.execute(insert(ALLOCATIONS), rows[offset : offset + 10_000])
        refresh_settlement(session, part)


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
