"""The letter (or email) of one planned action, in the generators' plain values: the company,
the client as addressed, and one letter per currency listing the action's invoices."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from app.adapters.pdf import (
    ClaimSummary,
    CompanyInfo,
    FreeReminder,
    Letter,
    LetterLine,
    Recipient,
    SentReminder,
    summarise_claims,
)
from app.adapters.pdf.model import LANGUAGES
from app.adapters.pdf.templates import template_path
from app.db.queries.letters import Addressee, InvoiceFigures, SentRow
from app.domain.claims.claim import Claim
from app.domain.claims.recovery import be_consumer_damages, be_reminder_period
from app.domain.errors import RelanceError
from app.domain.followup.inputs import (
    FLAG_FREE_FIRST_REMINDER,
    FLAG_LATE_INTEREST,
    PlannedAction,
)
from app.domain.followup.policy import Channel
from app.domain.money import ZERO
from app.services.dossier import CompanySettings
from app.services.legal_mentions import legal_mentions

DEADLINE_DAYS = 8  # the usual "sous huitaine"
FORMAL_NOTICE = "formal_notice"
# Levels that are not reminders of a late payment: a letter never counts them as "our reminders".
NOT_REMINDERS = frozenset({"receipt_confirmation", "courtesy"})
LEVEL_NAMES = {  # as in labels.LEVEL_NAMES: translated in the letter's language
    "reminder_1": "First reminder",
    "reminder_2": "Second reminder",
    "firm_reminder": "Firm reminder",
    "formal_notice": "Formal notice",
}


@dataclass(frozen=True)
class ActionLetters:
    """Everything the generators need for one action; `letters` is empty without a template."""

    company: CompanyInfo
    recipient: Recipient
    letters: tuple[Letter, ...]
    template: str | None


def company_info(settings: CompanySettings) -> CompanyInfo:
    legal = "".join(settings.legal_id.split())
    siren, siret = (legal[:9], legal) if len(legal) == 14 else (legal, "")
    return CompanyInfo(
        name=settings.name,
        address_lines=tuple(x.strip() for x in settings.address.splitlines() if x.strip()),
        postcode=settings.postcode,
        city=settings.city,
        country=settings.country,
        siren=siren,
        siret=siret,
        vat_number=settings.vat_number,
        iban=settings.iban,
        bic=settings.bic,
        phone=settings.phone,
        email=settings.email,
        logo_path=Path(settings.logo_path) if settings.logo_path else None,
        signatory_name=settings.signatory,
        signatory_title=settings.signatory_title,
        consumer_damages_clause=settings.consumer_damages_clause,
        legal_lines=tuple(legal_mentions(settings)),
    )


def recipient_of(person: Addressee, fallback_language: str) -> Recipient:
    language = person.language if person.language in LANGUAGES else fallback_language
    if language not in LANGUAGES:
        language = "fr"
    return Recipient(
        client_code=person.code,
        name=person.name,
        address_lines=tuple(x.strip() for x in person.address.splitlines() if x.strip()),
        postcode=person.postcode,
        city=person.city,
        country=person.country or "FR",
        language=language,
        client_type=person.client_type,
        email=person.email,
    )


def template_for(action: PlannedAction, kind: str, language: str) -> str | None:
    """The level's template when one exists for that kind and language (the user's or ours)."""
    code = action.template or action.level_code
    try:
        return code if template_path(kind, language, code).is_file() else None
    except RelanceError:
        return None


def claims_wanted(action: PlannedAction, template: str | None) -> bool:
    return template == FORMAL_NOTICE or FLAG_LATE_INTEREST in action.flags


def build_letters(
    action: PlannedAction,
    as_of: date,
    settings: CompanySettings,
    person: Addressee,
    figures: dict[int, InvoiceFigures],
    claim_of: Callable[[str, date], Claim | None],
    kind: str = "letters",
    history: Sequence[SentRow] = (),
) -> ActionLetters:
    """The action's letters (one per currency), each knowing the written reminders already sent
    for its invoices (`history`, from letters.reminders_sent) and, for a Belgian consumer's free
    first reminder, the end of its 14 days and what may be claimed after them."""
    company = company_info(settings)
    recipient = recipient_of(person, settings.language)
    template = template_for(action, kind, recipient.language)
    if template is None:
        return ActionLetters(company, recipient, (), None)
    letters = []
    for currency in action.amounts:
        items = [i for i in action.items if i.currency == currency and i.invoice_id in figures]
        lines = tuple(
            LetterLine(
                number=f.number,
                issue_date=f.issue_date,
                due_date=f.due_date,
                total=f.total,
                paid=f.paid,
                balance=f.total - f.paid,
                days_late=max(0, (as_of - f.due_date).days),
            )
            for f in (figures[i.invoice_id] for i in items)
        )
        if not lines:
            continue
        numbers = {i.invoice_id: figures[i.invoice_id].number for i in items}
        sent = _sent_before(history, numbers, action.client_id)
        claim = None
        if claims_wanted(action, template):
            claim = _summary([(line.number, claim_of(line.number, as_of)) for line in lines])
        letters.append(
            Letter(
                level=action.level_code,
                template=template,
                language=recipient.language,
                place=settings.city,
                date=as_of,
                lines=lines,
                currency=currency,
                unapplied_credit=action.credit.get(currency, ZERO),
                claim=claim,
                deadline=as_of + timedelta(days=DEADLINE_DAYS),
                registered_mail=template == FORMAL_NOTICE
                or action.channel is Channel.FORMAL_NOTICE,
                history=sent,
                free_reminder=_free_reminder(action, company, as_of, lines, kind),
            )
        )
    return ActionLetters(company, recipient, tuple(letters), template)


def _sent_before(
    history: Sequence[SentRow], numbers: dict[int, str], client_id: int
) -> tuple[SentReminder, ...]:
    """The reminders about these invoices, oldest first, each with the invoices it covered."""
    found = []
    for row in history:
        covered = tuple(numbers[i] for i in row.invoice_ids if i in numbers)
        if not covered or row.client_id != client_id or row.level_code in NOT_REMINDERS:
            continue
        name = LEVEL_NAMES.get(row.level_code, "")
        found.append(SentReminder(row.sent_on, row.level_code, row.channel, covered, name))
    return tuple(sorted(found, key=lambda r: r.date))


def _free_reminder(
    action: PlannedAction,
    company: CompanyInfo,
    as_of: date,
    lines: tuple[LetterLine, ...],
    kind: str,
) -> FreeReminder | None:
    """CDE XIX.2: the last day of the 14 days (from the day after an email, from the 3rd working
    day after a letter) and, when our terms stipulate them, the XIX.4 rate and damages."""
    if FLAG_FREE_FIRST_REMINDER not in action.flags:
        return None
    electronic = kind == "emails" and action.channel is Channel.EMAIL
    _first, last = be_reminder_period(as_of, is_electronic=electronic)
    if not company.consumer_damages_clause:
        return FreeReminder(last)
    balance = sum((x.balance for x in lines if not x.is_credit_note), ZERO)
    return FreeReminder(last, _be_rate(last + timedelta(days=1)), be_consumer_damages(balance))


def _be_rate(day: date) -> Decimal | None:
    """The Belgian commercial rate of day's half-year: the XIX.4 cap on consumer interest."""
    from app.services.claims.rates import rate_tables

    try:
        return rate_tables().be_rate(day).rate_percent
    except RelanceError:
        return None


def _summary(pairs: list[tuple[str, Claim | None]]) -> ClaimSummary | None:
    found = [(number, claim) for number, claim in pairs if claim is not None]
    return summarise_claims(found) if found else None
