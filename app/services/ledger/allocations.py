"""Keeps the derived allocations in step with payments, credit notes and applications."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from app.db.repositories import ledger as repo
from app.domain.ledger.allocation import allocate


def recompute_allocations(session: Session, client_ids: Iterable[int]) -> None:
    """Re-derive every allocation of these clients from their dated events."""
    for client_id in sorted(set(client_ids)):
        invoices, sources, applications = repo.allocation_inputs(session, client_id)
        repo.replace_allocations(session, client_id, allocate(invoices, sources, applications))
