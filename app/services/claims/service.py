"""What the company may claim on one invoice today (`relance claim`, formal notices, the app)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from app.db.repositories import claims as repo
from app.db.repositories.company import get_company
from app.db.uow import UnitOfWork
from app.domain.claims.claim import DISPUTED, LIMITATION_SOON, TIME_BARRED, Claim
from app.domain.claims.interest import compute_claim
from app.domain.claims.limitation import PAST, TODAY, WARNING_DAYS, Limitation, limitation
from app.domain.claims.recovery import be_reminder_period
from app.domain.errors import InvalidInput, NotFound, RelanceError
from app.i18n import _
from app.services.claims.fees import DEFAULT_FEE_LEVELS, admin_fee, claimed_fees
from app.services.claims.limitation import InvoiceLimitation, client_limitations
from app.services.claims.rates import rate_tables

FORMAL_NOTICE = "formal_notice"
RECEIPT_CONFIRMATION = "receipt_confirmation"
# A durable medium (CDE XIX.2): a letter, an email, a formal notice; never a phone call.
WRITTEN_CHANNELS = frozenset({"letter", "email", "formal_notice"})
DAMAGES_CLAUSE = "consumer_damages_clause"  # Company.settings key (Settings ▸ Company details)


def first_written_reminder(
    history: list[repo.DoneReminder], due_date: date, as_of: date
) -> repo.DoneReminder | None:
    """The first reminder of the late invoice on a durable medium, done by as_of (XIX.2)."""
    return next(
        (
            r
            for r in history
            if due_date < r.date <= as_of
            and r.level != RECEIPT_CONFIRMATION
            and r.channel in WRITTEN_CHANNELS
        ),
        None,
    )


class ClaimService:
    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self._uow = uow

    def claim_or_none(self, number: str, as_of: date) -> Claim | None:
        """The claim on that invoice, or None when there is nothing to claim on it."""
        try:
            return self.claim(number, as_of)[0]
        except RelanceError:
            return None

    def limitation(self, number: str, as_of: date) -> Limitation:
        """The day the claim on that invoice becomes time-barred, as known on as_of."""
        found = self.claim(number, as_of)[0].limitation
        if found is None:  # every claim the service builds carries it
            raise NotFound(_("no invoice numbered {number}").format(number=number))
        return found

    def client_limitations(self, client_id: int, as_of: date) -> list[InvoiceLimitation]:
        """Each open invoice of the client with its limitation date, soonest first."""
        with self._uow() as uow:
            company = get_company(uow.session)
            if company is None:
                return []
            return client_limitations(uow.session, company.country, client_id, as_of)

    def limitation_warnings(
        self, client_id: int, as_of: date, warning_days: int = WARNING_DAYS
    ) -> list[InvoiceLimitation]:
        """The client's open invoices time-barred or within warning_days of it (90: §2.6)."""
        with self._uow() as uow:
            company = get_company(uow.session)
            if company is None:
                return []
            found = client_limitations(uow.session, company.country, client_id, as_of, warning_days)
        return [x for x in found if x.status is not None]

    def claim(self, number: str, as_of: date) -> tuple[Claim, str, str]:
        """The claim with the invoice number and client code it is about."""
        with self._uow() as uow:
            session = uow.session
            company = get_company(session)
            if company is None:
                raise NotFound(_("this dossier has no company yet"))
            invoice = repo.invoice_for_claim(session, number)
            if invoice is None:
                raise NotFound(_("no invoice numbered {number}").format(number=number))
            if invoice.kind != "invoice":
                raise InvalidInput(
                    _("{number} is a credit note: nothing can be claimed on it").format(
                        number=number
                    )
                )
            reductions = repo.reductions(session, invoice.invoice_id)
            history = repo.done_reminders(session, invoice.invoice_id)
            acks = repo.acknowledgements(
                session, invoice.invoice_id, invoice.client_id, invoice.issue_date
            )
            fee = admin_fee(company)
            levels = None
            firsts: dict[int, int] = {}
            if fee is not None:
                levels = repo.fee_levels(session, invoice.policy_id, invoice.client_type)
                firsts = repo.reminder_first_invoices(session, [r.id for r in history])
            company_rate = company.late_interest_rate
            jurisdiction = company.country
            clause = bool((company.settings or {}).get(DAMAGES_CLAUSE, False))
        formal_notice = next(
            (r.date for r in history if r.level == FORMAL_NOTICE and r.date <= as_of), None
        )
        first = first_written_reminder(history, invoice.due_date, as_of)
        electronic = bool(first and first.channel == "email")
        if levels is None:
            levels = DEFAULT_FEE_LEVELS if invoice.client_type == "business" else frozenset()
        period_end = be_reminder_period(first.date, is_electronic=electronic)[1] if first else None
        fees = claimed_fees(
            fee,
            jurisdiction=jurisdiction,
            client_type=invoice.client_type,
            charged_on=[
                r.date
                for r in history
                if r.level in levels
                and r.date <= as_of
                and firsts.get(r.id, invoice.invoice_id) == invoice.invoice_id
            ],
            period_end=period_end,
            damages_clause=clause,
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
            first_reminder_date=first.date if first else None,
            is_first_reminder_electronic=electronic,
            fees=fees,
            currency=invoice.currency,
            damages_clause=clause,
        )
        barred = limitation(
            jurisdiction,
            invoice.client_type,
            issue_date=invoice.issue_date,
            due_date=invoice.due_date,
            acknowledgements=[d for d in acks if d <= as_of],
        )
        return _with_status(claim, invoice.disputed, barred), invoice.number, invoice.client_code


def _with_status(claim: Claim, disputed: bool, barred: Limitation) -> Claim:
    notes = list(claim.notes)
    if disputed:
        notes.append(DISPUTED)
    status = barred.status(claim.as_of)
    if status in (PAST, TODAY):
        notes.append(TIME_BARRED)
    elif status is not None:
        notes.append(LIMITATION_SOON)
    return replace(
        claim,
        disputed=disputed,
        limitation_date=barred.date,
        limitation=barred,
        notes=tuple(dict.fromkeys(notes)),
    )
