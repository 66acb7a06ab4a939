"""What the company may claim on one invoice today (`relance claim`, formal notices, the app)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from app.db.repositories import claims as repo
from app.db.repositories.company import get_company
from app.db.uow import UnitOfWork
from app.domain.claims.claim import Claim
from app.domain.claims.interest import compute_claim
from app.domain.errors import InvalidInput, NotFound, RelanceError
from app.domain.money import ZERO
from app.i18n import _
from app.services.claims.rates import rate_tables

FORMAL_NOTICE = "formal_notice"


class ClaimService:
    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self._uow = uow

    def claim_or_none(self, number: str, as_of: date) -> Claim | None:
        """The claim on that invoice, or None when there is nothing to claim on it."""
        try:
            return self.claim(number, as_of)[0]
        except RelanceError:
            return None

    def claim(self, number: str, as_of: date) -> tuple[Claim, str, str]:
        """The claim with the invoice number and client code it is about."""
        with self._uow() as uow:
            company = get_company(uow.session)
            if company is None:
                raise NotFound(_("this dossier has no company yet"))
            invoice = repo.invoice_for_claim(uow.session, number)
            if invoice is None:
                raise NotFound(_("no invoice numbered {number}").format(number=number))
            if invoice.kind != "invoice":
                raise InvalidInput(
                    _("{number} is a credit note: nothing can be claimed on it").format(
                        number=number
                    )
                )
            reductions = repo.reductions(uow.session, invoice.invoice_id)
            history = repo.done_reminders(uow.session, invoice.invoice_id)
            company_rate = company.late_interest_rate
            jurisdiction = company.country
        formal_notice = next(
            (d for d, level, _channel in history if level == FORMAL_NOTICE and d <= as_of), None
        )
        first_reminder = next(
            (
                (d, channel)
                for d, level, channel in history
                if d >= invoice.due_date and d <= as_of and level != "receipt_confirmation"
            ),
            None,
        )
        claim = compute_claim(
            rate_tables(),
            jurisdiction=jurisdiction,
            client_type=invoice.client_type,
            invoice_total=invoice.total,
            due_date=invoice.due_date,
            as_of=as_of,
            reductions=reductions,
            contractual_rate=invoice.late_interest_rate
            if invoice.late_interest_rate is not None
            else company_rate,
            formal_notice_date=formal_notice,
            first_reminder_date=first_reminder[0] if first_reminder else None,
            is_first_reminder_electronic=bool(first_reminder and first_reminder[1] == "email"),
            fees=ZERO,
            currency=invoice.currency,
        )
        return claim, invoice.number, invoice.client_code
