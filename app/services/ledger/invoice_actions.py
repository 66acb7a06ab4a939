"""What happens to one invoice besides payments: dispute, pause, write-off, credit note, PDF.

Each action is kept in the client's history (activities), so the follow-up page explains why
an invoice stopped being chased.
"""

from __future__ import annotations

import getpass
import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from app.db.models import Invoice
from app.db.repositories import invoices as repo
from app.db.repositories.followup import add_activity
from app.db.repositories.parties import save
from app.db.uow import UnitOfWork
from app.domain.errors import Conflict, InvalidInput, NotFound, Problem
from app.domain.filters import CREDIT_NOTE
from app.domain.money import quantize
from app.i18n import _, format_money
from app.services.changes import Changes, ledger_changed
from app.services.ledger.invoices import stale_message


@dataclass(frozen=True)
class CreditNoteResult:
    credit_note_id: int
    number: str
    applied: Decimal  # what reduces the invoice now
    leftover: Decimal  # beyond the invoice's balance: stays as the client's credit
    changes: Changes


@dataclass(frozen=True)
class Attached:
    path: str  # the copy kept in the dossier's attachments folder
    changes: Changes


def _status_changed(client_id: int) -> Changes:
    """A dispute, pause or write-off: the invoice's status and the reminders due on it."""
    return Changes(clients=True, invoices=True, reminders=True, client_ids=frozenset({client_id}))


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class InvoiceActions:
    def __init__(self, uow: Callable[[], UnitOfWork], attachments: Path) -> None:
        self._uow = uow
        self._attachments = attachments  # invoice PDFs are copied here, one folder per content

    def _load(self, uow: UnitOfWork, invoice_id: int, version: int | None) -> Invoice:
        row = repo.get_invoice(uow.session, invoice_id)
        if row is None:
            raise NotFound(_("this invoice no longer exists"))
        if version is not None and row.version != version:
            raise Conflict(stale_message())
        return row

    def _note(self, uow: UnitOfWork, row: Invoice, kind: str, on: date, note: str) -> None:
        add_activity(
            uow.session,
            client_id=row.client_id,
            kind=kind,
            on=on,
            invoice_id=row.id,
            note=note,
            currency=row.currency,
            user_name=_user(),
        )

    def dispute(
        self, invoice_id: int, reason: str, on: date, version: int | None = None
    ) -> Changes:
        """Mark disputed: reminders stop until the dispute is resolved."""
        if not reason.strip():
            raise InvalidInput(Problem(_("say what the client disputes"), column="reason"))
        with self._uow() as uow:
            row = self._load(uow, invoice_id, version)
            row.disputed = True
            row.dispute_reason = reason.strip()
            save(uow.session, stale_message())
            self._note(uow, row, "dispute", on, reason.strip())
            uow.commit()
            return _status_changed(row.client_id)

    def resolve_dispute(
        self, invoice_id: int, on: date, note: str = "", version: int | None = None
    ) -> Changes:
        with self._uow() as uow:
            row = self._load(uow, invoice_id, version)
            row.disputed = False
            save(uow.session, stale_message())
            self._note(uow, row, "dispute_resolved", on, note.strip() or row.dispute_reason)
            uow.commit()
            return _status_changed(row.client_id)

    def pause_dunning(
        self, invoice_id: int, until: date | None, on: date, version: int | None = None
    ) -> Changes:
        """No reminder before `until` (None resumes at once)."""
        if until is not None and until <= on:
            raise InvalidInput(Problem(_("choose a date after today"), column="until"))
        with self._uow() as uow:
            row = self._load(uow, invoice_id, version)
            row.dunning_paused_until = until
            save(uow.session, stale_message())
            self._note(
                uow, row, "pause" if until else "resume", on, until.isoformat() if until else ""
            )
            uow.commit()
            return _status_changed(row.client_id)

    def write_off(
        self, invoice_id: int, reason: str, on: date, version: int | None = None
    ) -> Changes:
        """The balance is given up (bad debt): the invoice leaves the receivables from `on`."""
        if not reason.strip():
            raise InvalidInput(Problem(_("say why the invoice is written off"), column="reason"))
        with self._uow() as uow:
            row = self._load(uow, invoice_id, version)
            if row.kind == CREDIT_NOTE:
                raise InvalidInput(Problem(_("a credit note cannot be written off")))
            if on < row.issue_date:
                raise InvalidInput(
                    Problem(_("the write-off cannot be dated before the invoice"), column="on")
                )
            row.written_off_on = on
            row.write_off_reason = reason.strip()
            save(uow.session, stale_message())
            self._note(uow, row, "write_off", on, reason.strip())
            uow.commit()
            return _status_changed(row.client_id)

    def cancel_write_off(self, invoice_id: int, on: date, version: int | None = None) -> Changes:
        with self._uow() as uow:
            row = self._load(uow, invoice_id, version)
            row.written_off_on = None
            row.write_off_reason = ""
            save(uow.session, stale_message())
            self._note(uow, row, "write_off_cancelled", on, "")
            uow.commit()
            return _status_changed(row.client_id)

    def create_credit_note(
        self, invoice_id: int, number: str, issue_date: date, amount: Decimal, reason: str
    ) -> CreditNoteResult:
        """A credit note against an invoice; no larger than the invoice itself."""
        problems: list[Problem] = []
        number = number.strip()
        with self._uow() as uow:
            invoice = self._load(uow, invoice_id, None)
            if invoice.kind == CREDIT_NOTE:
                raise InvalidInput(Problem(_("choose an invoice, not a credit note")))
            if not number:
                problems.append(Problem(_("the credit note number is required"), column="number"))
            elif repo.number_taken(uow.session, number):
                problems.append(
                    Problem(
                        _("number {number} already exists in this dossier").format(number=number),
                        column="number",
                    )
                )
            if amount is None or amount <= 0:
                problems.append(Problem(_("the amount must be more than zero"), column="amount"))
            elif amount != quantize(amount, invoice.currency):
                problems.append(Problem(_("the amount has too many decimals"), column="amount"))
            elif amount > invoice.total:
                problems.append(
                    Problem(
                        _(
                            "a credit note cannot be larger than the invoice it corrects ({total})"
                        ).format(total=format_money(invoice.total, invoice.currency)),
                        column="amount",
                    )
                )
            if issue_date < invoice.issue_date:
                problems.append(
                    Problem(
                        _("the credit note cannot be dated before the invoice"), column="issue_date"
                    )
                )
            if problems:
                raise InvalidInput(problems)
            note = Invoice(
                number=number,
                kind=CREDIT_NOTE,
                client_id=invoice.client_id,
                issue_date=issue_date,
                due_date=issue_date,
                currency=invoice.currency,
                total=amount,
                description=reason.strip(),
                applies_to_id=invoice.id,
            )
            uow.session.add(note)
            save(uow.session, stale_message())
            uow.touch_client(invoice.client_id)
            uow.settle_allocations()  # what the note settles is read back below
            self._note(uow, invoice, "credit_note", issue_date, number)
            applied = repo.allocated_from_credit_note(uow.session, note.id)
            uow.commit()
            return CreditNoteResult(
                note.id,
                number,
                quantize(applied),
                quantize(amount - applied),
                ledger_changed({invoice.client_id}),
            )

    def attach(self, invoice_id: int, source: str, version: int | None = None) -> Attached:
        """Copy the original PDF into the user's data folder and keep its path on the invoice."""
        path = Path(source)
        if not path.is_file():
            raise InvalidInput(Problem(_("{path}: file not found").format(path=source)))
        if path.suffix.lower() != ".pdf":
            raise InvalidInput(Problem(_("attach the invoice as a PDF file")))
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        folder = self._attachments / digest
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / path.name
        if not target.exists():
            shutil.copyfile(path, target)
        with self._uow() as uow:
            row = self._load(uow, invoice_id, version)
            row.attachment_path = str(target)
            save(uow.session, stale_message())
            uow.commit()
            client_id = row.client_id
        return Attached(str(target), Changes(invoices=True, client_ids=frozenset({client_id})))
