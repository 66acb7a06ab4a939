"""What a letter is made of: plain frozen values, filled by the caller from wherever it likes.

Amounts are Decimal in the letter's currency, dates are datetime.date. The constructors check
that the figures add up, so a printed table can never contradict its own total.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from datetime import date as Date
from decimal import Decimal
from pathlib import Path

from app.domain.errors import InvalidInput
from app.domain.money import ZERO

LANGUAGES = ("fr", "en")
CLIENT_TYPES = ("business", "consumer")
KINDS = ("invoice", "credit_note")
DEFAULT_DEADLINE_DAYS = 8  # days to pay after a reminder or formal notice when none is given

# Legal bases of ClaimSummary.fixed_indemnity (the codes of app.domain.claims.claim).
FR_RECOVERY_INDEMNITY = "fr_recovery_indemnity"
BE_RECOVERY_INDEMNITY = "be_recovery_indemnity"
BE_CONSUMER_DAMAGES = "be_consumer_damages"
BUSINESS_ONLY_INDEMNITIES = (FR_RECOVERY_INDEMNITY, BE_RECOVERY_INDEMNITY)


@dataclass(frozen=True)
class CompanyInfo:
    """The creditor as on the letterhead; for Belgium `siren` holds the enterprise number."""

    name: str
    address_lines: tuple[str, ...] = ()
    postcode: str = ""
    city: str = ""
    country: str = "FR"
    siren: str = ""
    siret: str = ""
    vat_number: str = ""
    iban: str = ""
    bic: str = ""
    phone: str = ""
    email: str = ""
    logo_path: Path | None = None
    signatory_name: str = ""
    signatory_title: str = ""
    legal_mentions: str = ""  # e.g. "SARL au capital de 10 000 € – RCS Lyon 123 456 789"
    consumer_damages_clause: bool = False  # our terms stipulate XIX.4 interest and damages
    legal_lines: tuple[str, ...] = ()  # the same as lines (services.legal_mentions)

    def __post_init__(self) -> None:
        digits = "".join(c for c in self.siren if c.isdigit())
        if self.country == "BE" and len(digits) in (9, 10):  # printed 0403.170.701
            digits = digits.zfill(10)
            object.__setattr__(self, "siren", f"{digits[:4]}.{digits[4:7]}.{digits[7:]}")
        if self.legal_lines and not self.legal_mentions:
            # the footer prints legal_mentions after the ids: a line repeating them is left out
            ids = [x for x in (self.siren, self.siret) if x]
            lines = [x for x in self.legal_lines if not any(i in x for i in ids)]
            object.__setattr__(self, "legal_mentions", " · ".join(lines))


@dataclass(frozen=True)
class Recipient:
    """The debtor as addressed on the envelope."""

    client_code: str
    name: str
    address_lines: tuple[str, ...] = ()
    postcode: str = ""
    city: str = ""
    country: str = "FR"
    language: str = "fr"
    client_type: str = "business"
    email: str = ""

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise InvalidInput(f"letter language must be one of {', '.join(LANGUAGES)}")
        if self.client_type not in CLIENT_TYPES:
            raise InvalidInput(f"client type must be one of {', '.join(CLIENT_TYPES)}")

    @property
    def is_consumer(self) -> bool:
        return self.client_type == "consumer"


@dataclass(frozen=True)
class LetterLine:
    """One invoice or credit note; for a credit note `paid` is the part already applied."""

    number: str
    issue_date: date
    due_date: date | None
    total: Decimal
    paid: Decimal
    balance: Decimal
    days_late: int = 0
    kind: str = "invoice"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InvalidInput(f"line {self.number}: kind must be invoice or credit_note")
        if self.total - self.paid != self.balance:
            raise InvalidInput(f"line {self.number}: total - paid differs from the balance")

    @property
    def is_credit_note(self) -> bool:
        return self.kind == "credit_note"

    @property
    def signed_balance(self) -> Decimal:
        """What the line adds to the amount due: a credit note's remaining credit counts minus."""
        return -self.balance if self.is_credit_note else self.balance


@dataclass(frozen=True)
class InterestPeriod:
    """Days first_day..last_day (inclusive) at one rate on one principal, rounded to the cent."""

    invoice_number: str
    first_day: date
    last_day: date
    days: int
    rate_percent: Decimal
    principal: Decimal
    interest: Decimal


@dataclass(frozen=True)
class ClaimSummary:
    """What a formal notice claims, from the claims engine (domain.claims.interest) per invoice."""

    principal: Decimal
    interest: Decimal
    periods: tuple[InterestPeriod, ...]
    fixed_indemnity: Decimal
    fees: Decimal
    total: Decimal
    indemnity_invoices: int = 0  # how many invoices bear the fixed indemnity
    indemnity_basis: str | None = None  # one of the basis codes above
    interest_basis: str | None = None  # rate basis code of app.domain.claims.claim, or "mixed"

    def __post_init__(self) -> None:
        if sum((p.interest for p in self.periods), ZERO) != self.interest:
            raise InvalidInput("claim: the interest periods do not add up to the interest")
        if self.principal + self.interest + self.fixed_indemnity + self.fees != self.total:
            raise InvalidInput("claim: principal + interest + indemnity + fees differs from total")


@dataclass(frozen=True)
class Instalment:
    """One dated part of a payment plan (échéancier)."""

    due_date: date
    amount: Decimal


@dataclass(frozen=True)
class SentReminder:
    """A reminder really sent for some of the letter's invoices, read from the history.

    level_name: the level's name as written in English (translated in the letter's language),
    empty for a level without a known name; channel: "letter", "email" or "formal_notice";
    invoices: the letter's invoices it was about.
    """

    date: date
    level: str
    channel: str
    invoices: tuple[str, ...] = ()
    level_name: str = ""


@dataclass(frozen=True)
class FreeReminder:
    """The Belgian consumer's free first reminder (CDE XIX.2): the last day of the 14 days, and
    what may be claimed after it (None: nothing beyond the legal interest after a notice)."""

    last_day: date
    interest_rate: Decimal | None = None
    damages: Decimal | None = None


@dataclass(frozen=True)
class LetterTotals:
    invoices: Decimal  # open balances of the invoices
    credit_notes: Decimal  # remaining credit of the credit notes listed (positive)
    unapplied_credit: Decimal  # payments not allocated to an invoice (positive)
    total_due: Decimal


@dataclass(frozen=True)
class Letter:
    """One letter to one client; `subject` overrides the template's subject when not empty."""

    level: str
    template: str
    language: str
    place: str
    date: date
    lines: tuple[LetterLine, ...]
    currency: str = "EUR"
    subject: str = ""
    unapplied_credit: Decimal = ZERO
    claim: ClaimSummary | None = None
    deadline: Date | None = None
    registered_mail: bool = False
    reference: str = ""
    instalments: tuple[Instalment, ...] = ()
    history: tuple[SentReminder, ...] = ()  # reminders sent before, oldest first
    attachments: tuple[str, ...] = ()  # file names the email carries (emails only)
    posted: bool = False  # the email goes with this letter sent by post
    free_reminder: FreeReminder | None = None

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise InvalidInput(f"letter language must be one of {', '.join(LANGUAGES)}")
        if self.unapplied_credit < ZERO:
            raise InvalidInput("unapplied credit is written as a positive amount")
        if self.deadline is not None and self.deadline < self.date:
            raise InvalidInput("the deadline to pay falls before the letter's date")

    def totals(self) -> LetterTotals:
        invoices = sum((x.balance for x in self.lines if not x.is_credit_note), ZERO)
        credits = sum((x.balance for x in self.lines if x.is_credit_note), ZERO)
        return LetterTotals(
            invoices, credits, self.unapplied_credit, invoices - credits - self.unapplied_credit
        )

    @property
    def invoices(self) -> tuple[LetterLine, ...]:
        return tuple(x for x in self.lines if not x.is_credit_note)

    @property
    def pay_by(self) -> Date:
        """The deadline to pay: the one given, else DEFAULT_DEADLINE_DAYS after the letter."""
        return self.deadline or self.date + timedelta(days=DEFAULT_DEADLINE_DAYS)

    @property
    def credits(self) -> Decimal:
        """Credit notes not yet applied and payments not yet allocated: deducted from a claim."""
        totals = self.totals()
        return totals.credit_notes + totals.unapplied_credit

    @property
    def amount_to_pay(self) -> Decimal:
        """What the transfer should carry: the claim's total less the client's credits on a
        formal notice, the first instalment of a payment plan, else the balance due."""
        if self.claim is not None:
            return self.claim.total - self.credits
        if self.instalments:
            return self.instalments[0].amount
        return self.totals().total_due


@dataclass(frozen=True)
class AddressedLetter:
    """A letter with its two parties: one item of a printing batch."""

    letter: Letter
    company: CompanyInfo
    recipient: Recipient
