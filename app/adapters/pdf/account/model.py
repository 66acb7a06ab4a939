"""What a statement of account and a collection cover page are made of: plain frozen values.

The constructors check that the figures add up, so a printed table never contradicts itself.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.adapters.pdf.model import CompanyInfo, Recipient
from app.domain.errors import InvalidInput
from app.domain.money import ZERO

ENTRY_KINDS = ("invoice", "credit_note", "payment", "write_off")


@dataclass(frozen=True)
class StatementEntry:
    """One line: positive amounts are owed by the client, negative ones reduce the balance."""

    date: datetime.date
    kind: str
    label: str
    detail: str  # method of a payment, reason of a write-off, description of a credit note
    due_date: datetime.date | None
    amount: Decimal
    balance: Decimal  # running balance after this line

    def __post_init__(self) -> None:
        if self.kind not in ENTRY_KINDS:
            raise InvalidInput(f"statement line {self.label}: unknown kind {self.kind}")


@dataclass(frozen=True)
class OverdueItem:
    number: str
    issue_date: date
    due_date: date
    balance: Decimal
    days_late: int


@dataclass(frozen=True)
class CurrencySection:
    """The statement in one currency: opening balance, the period's lines, closing balance."""

    currency: str
    opening: Decimal
    entries: tuple[StatementEntry, ...]
    closing: Decimal
    overdue: tuple[OverdueItem, ...] = ()

    def __post_init__(self) -> None:
        running = self.opening
        for entry in self.entries:
            running += entry.amount
            if running != entry.balance:
                raise InvalidInput(f"statement line {entry.label}: running balance differs")
        if running != self.closing:
            raise InvalidInput("statement: the closing balance differs from the lines")

    @property
    def debits(self) -> Decimal:
        return sum((e.amount for e in self.entries if e.amount > ZERO), ZERO)

    @property
    def credits(self) -> Decimal:
        return -sum((e.amount for e in self.entries if e.amount < ZERO), ZERO)

    @property
    def overdue_total(self) -> Decimal:
        return sum((o.balance for o in self.overdue), ZERO)


@dataclass(frozen=True)
class StatementDocument:
    company: CompanyInfo
    recipient: Recipient
    date_from: date
    as_of: date
    sections: tuple[CurrencySection, ...]
    place: str = ""

    @property
    def language(self) -> str:
        return self.recipient.language


@dataclass(frozen=True)
class CoverInvoice:
    number: str
    issue_date: date
    due_date: date
    currency: str
    total: Decimal
    principal: Decimal
    interest: Decimal
    indemnity: Decimal
    fees: Decimal
    claim_total: Decimal
    limitation_date: date | None = None

    def __post_init__(self) -> None:
        if self.principal + self.interest + self.indemnity + self.fees != self.claim_total:
            raise InvalidInput(f"claim {self.number}: the parts differ from the total")


@dataclass(frozen=True)
class CoverTotals:
    currency: str
    principal: Decimal
    interest: Decimal
    indemnity: Decimal
    fees: Decimal
    credits: Decimal  # unapplied payments and credit notes, deducted
    total: Decimal

    def __post_init__(self) -> None:
        parts = self.principal + self.interest + self.indemnity + self.fees - self.credits
        if parts != self.total:
            raise InvalidInput(f"claim totals in {self.currency}: the parts differ from the total")


@dataclass(frozen=True)
class CoverDocument:
    """Summary of the claim as an injonction de payer request states it."""

    company: CompanyInfo
    debtor: Recipient
    debtor_legal_id: str
    as_of: date
    invoices: tuple[CoverInvoice, ...]
    totals: tuple[CoverTotals, ...]
    formal_notices: tuple[date, ...]
    warnings: tuple[str, ...]
    pieces: tuple[str, ...]  # files of the collection file, in order
    language: str = "fr"
