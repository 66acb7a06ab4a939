"""Allocations by hand that Edit ▸ Undo (Ctrl+Z) can take back.

Applying a credit (a payment's leftover or a credit note) to an invoice, or taking an
allocation off an invoice, changes the events of one source. Each use case here notes that
source's links before and after; the undo puts the "before" back, exactly, provided nobody
changed that source since (otherwise it refuses and changes nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.db.repositories import links as repo
from app.db.repositories.links import SourceLinks
from app.db.repositories.payments import delete_payment, source_client
from app.db.uow import UnitOfWork
from app.domain.errors import InvalidInput, NotFound, Problem
from app.i18n import _
from app.services.changes import Changes, ledger_changed
from app.services.ledger.payments import PaymentDraft, PaymentResult, PaymentService


@dataclass(frozen=True)
class AllocationChange:
    """An allocation by hand, as recorded: the source's links before and after it."""

    client_id: int
    before: SourceLinks
    after: SourceLinks
    changes: Changes


@dataclass(frozen=True)
class RecordedPayment:
    """A payment as recorded (by hand or not): what each of its lines settled then."""

    result: PaymentResult
    lines: tuple[SourceLinks, ...]

    @property
    def changes(self) -> Changes:
        return self.result.changes

    @property
    def payment_id(self) -> int:
        return self.result.payment_id

    @property
    def allocated(self) -> Decimal:
        return self.result.allocated

    @property
    def leftover(self) -> Decimal:
        return self.result.leftover


class AllocationUndo:
    def __init__(self, uow: Callable[[], UnitOfWork], payments: PaymentService) -> None:
        self._uow = uow
        self._payments = payments

    def apply_credit(
        self, source_kind: str, source_id: int, invoice_id: int, amount: Decimal, on: date
    ) -> AllocationChange:
        """PaymentService.apply_credit, remembering what it changed."""
        before = self._links(source_kind, source_id)
        changes = self._payments.apply_credit(source_kind, source_id, invoice_id, amount, on)
        return self._recorded(before, changes)

    def unallocate(self, source_kind: str, source_id: int, invoice_id: int) -> AllocationChange:
        """PaymentService.unallocate, remembering what it changed."""
        before = self._links(source_kind, source_id)
        changes = self._payments.unallocate(source_kind, source_id, invoice_id)
        return self._recorded(before, changes)

    def record(self, draft: PaymentDraft) -> RecordedPayment:
        """PaymentService.record, remembering what the payment's lines settle."""
        result = self._payments.record(draft)
        with self._uow() as uow:
            lines = self._lines(uow, result.payment_id)
        return RecordedPayment(result, lines)

    def undo_record(self, recorded: RecordedPayment) -> Changes:
        """Delete the payment recorded, if nothing was allocated from it since: its invoices
        are open again exactly as before it."""
        client_id = recorded.result.client_id
        with self._uow() as uow:
            if self._lines(uow, recorded.result.payment_id) != recorded.lines:
                raise InvalidInput(
                    Problem(_("this payment or credit note was changed since; nothing was undone"))
                )
            if delete_payment(uow.session, recorded.result.payment_id) is None:
                raise NotFound(_("this payment no longer exists"))
            uow.touch_client(client_id)
            uow.commit()
        return ledger_changed({client_id})

    def _lines(self, uow: UnitOfWork, payment_id: int) -> tuple[SourceLinks, ...]:
        found = (
            repo.links_of(uow.session, repo.PAYMENT, line)
            for line in repo.payment_lines(uow.session, payment_id)
        )
        return tuple(links for links in found if links is not None)

    def undo(self, change: AllocationChange) -> Changes:
        """Put the source's links back as they were before `change`."""
        source = change.before
        with self._uow() as uow:
            current = repo.links_of(uow.session, source.kind, source.source_id)
            if current is None:
                raise NotFound(_("this payment or credit note no longer exists"))
            if current != change.after:
                raise InvalidInput(
                    Problem(_("this payment or credit note was changed since; nothing was undone"))
                )
            repo.restore(uow.session, source)
            uow.touch_client(change.client_id)
            uow.commit()
        return ledger_changed({change.client_id})

    def _links(self, kind: str, source_id: int) -> SourceLinks:
        with self._uow() as uow:
            links = repo.links_of(uow.session, kind, source_id)
        if links is None:
            raise NotFound(_("this payment or credit note no longer exists"))
        return links

    def _recorded(self, before: SourceLinks, changes: Changes) -> AllocationChange:
        with self._uow() as uow:
            after = repo.links_of(uow.session, before.kind, before.source_id)
            client_id = source_client(uow.session, before.kind, before.source_id)
        if after is None or client_id is None:  # deleted by another desk in between
            raise NotFound(_("this payment or credit note no longer exists"))
        return AllocationChange(client_id, before, after, changes)
