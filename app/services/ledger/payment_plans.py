"""Payment plans (échéancier) of an invoice: propose, agree, cancel, and the agreement to sign.

A plan in force splits what is left to pay into dated instalments; the reminder plan then
follows each instalment on its own (a missed one starts the reminders again from the first
step, for that instalment's amount; see followup/plan.py `instalment_states`). Agreeing a new
plan on an invoice (renegotiating) cancels the one in force; cancelling puts the invoice back
under its own due date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from app.adapters.pdf import Instalment, Letter, LetterLine, render_letter
from app.db.queries import letters as letter_queries
from app.db.repositories import payment_plans as repo
from app.db.uow import UnitOfWork
from app.domain.errors import InvalidInput, NotFound, Problem
from app.domain.ledger.instalments import MAX_INSTALMENTS, MONTHS, Part, plan_faults, split_evenly
from app.i18n import _
from app.services.changes import Changes
from app.services.dossier import CompanySettings
from app.services.followup.letters import company_info, recipient_of
from app.services.ledger.invoices import InvoiceService
from app.services.transfer.exporters import unwritable

TEMPLATE = "payment_plan"


@dataclass(frozen=True)
class PlanInForce:
    id: int
    invoice_id: int
    agreed_on: date
    note: str
    parts: tuple[Part, ...]
    changes: Changes = field(default_factory=Changes)  # what agreeing it changed


@dataclass(frozen=True)
class PlanDraft:
    """What the dialog proposes: the invoice, what is left to pay, the instalments so far."""

    invoice_id: int
    number: str
    client_id: int
    currency: str
    balance: Decimal
    parts: tuple[Part, ...]
    current: PlanInForce | None


def _changed(client_id: int) -> Changes:
    """A plan moves the reminders of its invoice (and the invoice's page)."""
    return Changes(invoices=True, reminders=True, client_ids=frozenset({client_id}))


class PaymentPlanService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        invoices: InvoiceService,
        settings: Callable[[], CompanySettings],
    ) -> None:
        self._uow = uow
        self._invoices = invoices
        self._settings = settings

    def current(self, invoice_id: int) -> PlanInForce | None:
        with self._uow() as uow:
            row = repo.current(uow.session, invoice_id)
        if row is None:
            return None
        parts = tuple(Part(d, a) for d, a in row.instalments)
        return PlanInForce(row.id, row.invoice_id, row.agreed_on, row.note, parts)

    def draft(
        self,
        invoice_id: int,
        today: date,
        count: int = 3,
        first_due: date | None = None,
        every: int = 1,
        unit: str = MONTHS,
    ) -> PlanDraft:
        """The balance split evenly (the remainder on the last instalment), or the plan in
        force when `count` is 0."""
        detail = self._invoices.get(invoice_id, today)
        current = self.current(invoice_id)
        first = first_due or today + timedelta(days=30)
        currency = detail.data.currency
        if count == 0 and current is not None:
            parts = current.parts
        else:
            parts = tuple(split_evenly(detail.balance, max(count, 1), first, every, unit, currency))
        client_id = detail.data.client_id or 0
        return PlanDraft(
            invoice_id, detail.data.number, client_id, currency, detail.balance, parts, current
        )

    def agree(
        self, invoice_id: int, agreed_on: date, parts: list[Part], note: str = ""
    ) -> PlanInForce:
        """Record the plan (cancelling the one in force); the instalments must add up to what
        is left to pay on `agreed_on`, with increasing dates and amounts above zero."""
        detail = self._invoices.get(invoice_id, agreed_on)
        if detail.kind != "invoice" or detail.balance <= 0:
            raise InvalidInput(_("only an invoice with something left to pay can have a plan"))
        problems = [
            self._problem(index, fault, detail.balance, parts)
            for index, fault in plan_faults(detail.balance, parts)
        ]
        if problems:
            raise InvalidInput(problems)
        with self._uow() as uow:
            repo.cancel(uow.session, invoice_id)
            plan_id = repo.insert(
                uow.session, invoice_id, agreed_on, note, [(p.due_date, p.amount) for p in parts]
            )
            uow.commit()
        changes = _changed(detail.data.client_id or 0)
        return PlanInForce(plan_id, invoice_id, agreed_on, note, tuple(parts), changes)

    def cancel(self, invoice_id: int, today: date) -> Changes:
        detail = self._invoices.get(invoice_id, today)
        with self._uow() as uow:
            if not repo.cancel(uow.session, invoice_id):
                raise NotFound(_("this invoice has no payment plan in force"))
            uow.commit()
        return _changed(detail.data.client_id or 0)

    def agreement_pdf(self, invoice_id: int, path: Path, on: date) -> Path:
        """The letter of the agreement (template `payment_plan`) to sign and send back."""
        plan = self.current(invoice_id)
        if plan is None:
            raise NotFound(_("this invoice has no payment plan in force"))
        settings = self._settings()
        with self._uow() as uow:
            figures = letter_queries.invoice_figures(uow.session, {invoice_id}, on)[invoice_id]
            client_id = self._invoices.get(invoice_id, on).data.client_id or 0
            person = letter_queries.addressees(uow.session, {client_id})[client_id]
        recipient = recipient_of(person, settings.language)
        line = LetterLine(
            number=figures.number,
            issue_date=figures.issue_date,
            due_date=figures.due_date,
            total=figures.total,
            paid=figures.paid,
            balance=figures.total - figures.paid,
            days_late=max(0, (on - figures.due_date).days),
        )
        letter = Letter(
            level=TEMPLATE,
            template=TEMPLATE,
            language=recipient.language,
            place=settings.city,
            date=on,
            lines=(line,),
            currency=figures.currency,
            reference=f"{person.code}-{figures.number}",
            instalments=tuple(Instalment(p.due_date, p.amount) for p in plan.parts),
        )
        target = Path(path)
        try:
            return render_letter(letter, company_info(settings), recipient, target)
        except OSError as error:
            raise unwritable(target, error) from error

    @staticmethod
    def _problem(index: int | None, fault: str, balance: Decimal, parts: list[Part]) -> Problem:
        line = None if index is None else index + 1
        messages = {
            "none": _("give at least one instalment"),
            "too_many": _("at most {count} instalments").format(count=MAX_INSTALMENTS),
            "amount": _("the amount of an instalment must be above zero"),
            "order": _("each instalment must fall after the one before"),
            "total": _(
                "the instalments add up to {total}, not to the {balance} left to pay"
            ).format(total=sum((p.amount for p in parts), Decimal(0)), balance=balance),
        }
        return Problem(messages[fault], line=line)
