"""What the planner reads and returns: plain frozen values the services map database rows into."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from datetime import date as Date
from decimal import Decimal
from enum import StrEnum
from functools import cached_property

from app.domain.followup.policy import DEFAULT_ADMIN_FEE, Channel, ClientType, Fee, Policy


@dataclass(frozen=True)
class Instalment:
    """One dated part of a payment plan (échéancier)."""

    due_date: date
    amount: Decimal
    paid: bool = False


@dataclass(frozen=True)
class InvoiceState:
    """An invoice as of today; balance is what is still open on it (credit notes applied)."""

    id: int
    number: str
    client_id: int
    issue_date: date
    due_date: date
    currency: str
    balance: Decimal
    is_disputed: bool = False
    paused_until: date | None = None
    is_written_off: bool = False
    instalments: tuple[Instalment, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "instalments", tuple(self.instalments))


@dataclass(frozen=True)
class ClientState:
    """unapplied_credit: the client's payments and credit notes not yet allocated, per currency."""

    id: int
    code: str
    name: str
    client_type: ClientType = ClientType.BUSINESS
    country: str = "FR"
    preferred_channel: Channel | None = None
    dunning_blocked: bool = False
    policy_code: str | None = None
    unapplied_credit: Mapping[str, Decimal] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "client_type", ClientType(self.client_type))
        if self.preferred_channel is not None:
            object.__setattr__(self, "preferred_channel", Channel(self.preferred_channel))


@dataclass(frozen=True)
class PromiseToPay:
    """A promise pauses the ladder of its invoices (all the client's when none are named)."""

    client_id: int
    promised_date: date
    amount: Decimal | None = None
    invoice_ids: tuple[int, ...] = ()
    kept: bool | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "invoice_ids", tuple(self.invoice_ids))

    def covers(self, invoice: InvoiceState) -> bool:
        if invoice.client_id != self.client_id:
            return False
        return not self.invoice_ids or invoice.id in self.invoice_ids


class HistoryStatus(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"
    SNOOZED = "snoozed"
    ESCALATED = "escalated"  # the user asked, with a confirmation, for that level now


@dataclass(frozen=True)
class DoneAction:
    """One action of the history: done or skipped on date, or snoozed on date to snoozed_until.

    channel: how it went out (paper or electronic matters for the Belgian consumer wait).
    instalment_due: for payment plans, the due date of the instalment it followed.
    """

    invoice_ids: tuple[int, ...]
    level_code: str
    date: date
    status: HistoryStatus
    snoozed_until: Date | None = None
    channel: Channel | None = None
    instalment_due: Date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "invoice_ids", tuple(self.invoice_ids))
        object.__setattr__(self, "status", HistoryStatus(self.status))
        if self.channel is not None:
            object.__setattr__(self, "channel", Channel(self.channel))
        if self.status is HistoryStatus.SNOOZED and self.snoozed_until is None:
            raise ValueError("a snoozed action needs snoozed_until")

    @cached_property
    def invoice_set(self) -> frozenset[int]:
        """invoice_ids as a set: one reminder may gather tens of thousands of invoices."""
        return frozenset(self.invoice_ids)


@dataclass(frozen=True)
class CompanySettings:
    """The company's follow-up settings; policies left None are built from the defaults.

    policies: user-defined policies by code, chosen by ClientState.policy_code.
    """

    country: str = "FR"
    admin_fee_enabled: bool = False
    admin_fee: Fee = DEFAULT_ADMIN_FEE
    promise_grace_days: int = 3
    default_policy: Policy | None = None
    consumer_policy: Policy | None = None
    policies: Mapping[str, Policy] = field(default_factory=dict)


KEY_INVOICES = 24  # an action key lists its invoices up to this many, else a digest of them


class PlanStatus(StrEnum):
    PLANNED = "planned"
    OVERDUE = "overdue"


FLAG_BROKEN_PROMISE = "broken_promise"
FLAG_RECOVERY_INDEMNITY = "recovery_indemnity"
FLAG_LATE_INTEREST = "late_interest"
FLAG_FREE_FIRST_REMINDER = "free_first_reminder"


@dataclass(frozen=True)
class ActionItem:
    """One invoice listed in an action; due_date is the one followed (an instalment's)."""

    invoice_id: int
    invoice_number: str
    currency: str
    amount: Decimal
    due_date: date
    level_code: str = ""  # the level this invoice reaches with the action (its own)


@dataclass(frozen=True)
class PlannedAction:
    """One reminder to produce: one email, letter, call or task for one client on one day.

    amounts: per currency, the invoices' amounts minus the client's unapplied credit (credit
    holds what was deducted); fees: the level's fee per currency. Never summed across currencies.
    """

    date: date
    client_id: int
    client_code: str
    level_code: str
    level_position: int
    channel: Channel
    also_email: bool
    template: str
    items: tuple[ActionItem, ...]
    amounts: Mapping[str, Decimal]
    credit: Mapping[str, Decimal]
    fees: Mapping[str, Decimal]
    status: PlanStatus
    needs_confirmation: bool
    flags: frozenset[str] = frozenset()
    attach_statement: bool = False  # the level sends the statement of account with its email

    @cached_property
    def invoice_ids(self) -> tuple[int, ...]:
        return tuple(item.invoice_id for item in self.items)

    @cached_property
    def invoice_numbers(self) -> tuple[str, ...]:
        return tuple(item.invoice_number for item in self.items)

    @property
    def currencies(self) -> tuple[str, ...]:
        return tuple(self.amounts)

    @cached_property
    def key(self) -> str:
        """Stable across recomputations while the same invoices wait for the same level (a
        digest of them past a few dozen, so that a calendar UID stays short)."""
        parts = "+".join(f"{item.invoice_id}@{item.due_date.isoformat()}" for item in self.items)
        if len(self.items) > KEY_INVOICES:
            digest = hashlib.sha256(parts.encode()).hexdigest()[:24]
            parts = f"{len(self.items)}-{digest}"
        return f"{self.client_id}/{self.level_code}/{parts}"
