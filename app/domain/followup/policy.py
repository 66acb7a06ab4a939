"""Dunning policies: the ordered ladder of follow-up levels and the defaults users start from."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cached_property

from app.domain.errors import InvalidInput, Problem
from app.domain.money import ZERO, quantize


class Channel(StrEnum):
    EMAIL = "email"
    LETTER = "letter"
    PHONE = "phone"
    FORMAL_NOTICE = "formal_notice"
    MANUAL = "manual"

    @property
    def contract_value(self) -> str:
        """The value of the agenda JSON contract: email|letter|phone|manual."""
        return "letter" if self is Channel.FORMAL_NOTICE else self.value

    @property
    def is_paper(self) -> bool:
        return self in (Channel.LETTER, Channel.FORMAL_NOTICE)

    @property
    def is_durable(self) -> bool:
        """Leaves a written trace the client keeps (a phone call or a manual task does not)."""
        return self in (Channel.EMAIL, Channel.LETTER, Channel.FORMAL_NOTICE)


class Anchor(StrEnum):
    """The date a level's days count from."""

    DUE = "due"
    ISSUE = "issue"


class ClientType(StrEnum):
    BUSINESS = "business"
    CONSUMER = "consumer"


class AppliesTo(StrEnum):
    BUSINESS = "business"
    CONSUMER = "consumer"
    BOTH = "both"

    def includes(self, client_type: ClientType | str) -> bool:
        return self is AppliesTo.BOTH or self.value == str(client_type)


@dataclass(frozen=True)
class Fee:
    """A fee charged with a level: a fixed amount, a percentage of the balance, or both."""

    fixed: Decimal = ZERO
    percent: Decimal = ZERO

    @property
    def is_free(self) -> bool:
        return self.fixed == ZERO and self.percent == ZERO

    def amount(self, balance: Decimal, currency: str = "EUR") -> Decimal:
        """The fee on that balance, in the balance's currency; nothing when nothing is owed."""
        if self.is_free or balance <= ZERO:
            return quantize(ZERO, currency)
        return quantize(self.fixed + balance * self.percent / Decimal(100), currency)


NO_FEE = Fee()
DEFAULT_ADMIN_FEE = Fee(fixed=Decimal("10.00"))


@dataclass(frozen=True)
class Level:
    """One rung of the ladder: when (days from the anchor date), how, and what it may claim."""

    code: str
    days: int
    channel: Channel
    template: str = ""
    anchor: Anchor = Anchor.DUE
    fee: Fee = NO_FEE
    needs_confirmation: bool = False
    applies_to: AppliesTo = AppliesTo.BOTH
    also_email: bool = False
    claims_interest: bool = False
    claims_indemnity: bool = False
    name: str = ""
    attach_statement: bool = False  # its emails carry the client's statement of account

    def __post_init__(self) -> None:
        object.__setattr__(self, "channel", Channel(self.channel))
        object.__setattr__(self, "anchor", Anchor(self.anchor))
        object.__setattr__(self, "applies_to", AppliesTo(self.applies_to))
        if not self.template:
            object.__setattr__(self, "template", self.code)

    @cached_property  # values are frozen: read once per level, not once per invoice step
    def bears_costs(self) -> bool:
        """Claims more than the balance: a fee, interest, damages, or it is a formal notice."""
        return (
            not self.fee.is_free
            or self.claims_interest
            or self.claims_indemnity
            or self.channel is Channel.FORMAL_NOTICE
        )


@dataclass(frozen=True)
class FreeReminderWait:
    """Belgian consumer debts (CDE XIX.2): a free first reminder, then 14 days without costs.

    The days run from the calendar day after an electronic reminder, from the 3rd working day
    after a paper one; no level that bears costs may fall within them.
    """

    first_reminder: str
    days: int = 14
    paper_delay_working_days: int = 3


FORMAL_NOTICE_DEADLINE_DAYS = 8  # "sous huitaine": the days a formal notice gives to pay
DEFAULT_MIN_GAP_DAYS = 7  # one client, one voice: days between two contacts
DEFAULT_MIN_AMOUNT = Decimal("10.00")  # below this a contact waits (dossier currency)


class InvalidPolicy(InvalidInput):
    """A policy that cannot be followed; reason is a code the UI translates."""

    def __init__(self, reason: str, level_code: str | None = None) -> None:
        self.reason = reason
        self.level_code = level_code
        super().__init__(Problem(reason, column=level_code))


@dataclass(frozen=True)
class Policy:
    """Ordered levels: issue-anchored ones first, then due-anchored ones, days increasing."""

    code: str
    name: str
    levels: tuple[Level, ...]
    free_reminder_wait: FreeReminderWait | None = None
    min_gap_days: int = DEFAULT_MIN_GAP_DAYS
    min_amount: Decimal = DEFAULT_MIN_AMOUNT

    def __post_init__(self) -> None:
        object.__setattr__(self, "levels", tuple(self.levels))
        _validate(self)

    @cached_property  # values are frozen: computed once, the planner asks per invoice step
    def first_reminder(self) -> int | None:
        """Position of the first reminder: the first due-anchored level after the due date
        that is not a manual task; the levels before it are the pre-due ones."""
        for position, level in enumerate(self.levels):
            if (
                level.anchor is Anchor.DUE
                and level.days > 0
                and level.channel is not Channel.MANUAL
            ):
                return position
        return None

    @cached_property
    def formal_notice(self) -> int | None:
        """Position of the formal notice (the level sent as one), if the ladder has one."""
        for position, level in enumerate(self.levels):
            if level.channel is Channel.FORMAL_NOTICE:
                return position
        return None

    def is_hand_over(self, position: int) -> bool:
        """A manual task after the formal notice: the hand-over to a collection agency."""
        notice = self.formal_notice
        return (
            notice is not None
            and position > notice
            and self.levels[position].channel is Channel.MANUAL
        )

    @cached_property
    def codes(self) -> tuple[str, ...]:
        return tuple(level.code for level in self.levels)

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {level.code: position for position, level in enumerate(self.levels)}

    def level(self, code: str) -> Level:
        position = self._positions.get(code)
        if position is None:
            raise KeyError(code)
        return self.levels[position]

    def position(self, code: str) -> int:
        """Raises ValueError for a code the policy does not have (as tuple.index does)."""
        position = self._positions.get(code)
        if position is None:
            raise ValueError(f"{code!r} is not a level of {self.code!r}")
        return position


def _validate(policy: Policy) -> None:
    if not policy.code:
        raise InvalidPolicy("empty_policy_code")
    if not policy.levels:
        raise InvalidPolicy("no_levels")
    seen: set[str] = set()
    previous: Level | None = None
    for level in policy.levels:
        if not level.code:
            raise InvalidPolicy("empty_level_code")
        if level.code in seen:
            raise InvalidPolicy("duplicate_level_code", level.code)
        seen.add(level.code)
        if level.fee.fixed < ZERO or not ZERO <= level.fee.percent <= Decimal(100):
            raise InvalidPolicy("invalid_fee", level.code)
        if previous is not None:
            if previous.anchor is Anchor.DUE and level.anchor is Anchor.ISSUE:
                raise InvalidPolicy("issue_level_after_due_level", level.code)
            if previous.anchor is level.anchor and level.days <= previous.days:
                raise InvalidPolicy("days_not_increasing", level.code)
        previous = level
    if policy.min_gap_days < 1 or policy.min_gap_days > 365:
        raise InvalidPolicy("invalid_min_gap")
    if policy.min_amount < ZERO:
        raise InvalidPolicy("invalid_min_amount")
    wait = policy.free_reminder_wait
    if wait is not None:
        if wait.first_reminder not in seen:
            raise InvalidPolicy("unknown_first_reminder", wait.first_reminder)
        first = policy.level(wait.first_reminder)
        if first.bears_costs or first.anchor is not Anchor.DUE:
            raise InvalidPolicy("first_reminder_not_free", first.code)
        if wait.days < 1 or wait.paper_delay_working_days < 1:
            raise InvalidPolicy("invalid_wait", first.code)


def adapted_channel(level: Level, preferred: Channel | str | None) -> Channel:
    """A client who prefers the phone gets a call instead of an email, a letter lover a letter.

    Letters, formal notices, calls and manual tasks keep their channel: they are chosen on
    purpose (a formal notice must be on paper).
    """
    if level.channel is not Channel.EMAIL or preferred is None:
        return level.channel
    preferred = Channel(preferred)
    if preferred in (Channel.PHONE, Channel.LETTER):
        return preferred
    return level.channel


def adapted_also_email(level: Level, preferred: Channel | str | None) -> bool:
    """The email copy of a letter goes only to clients who have not asked for another channel."""
    return level.also_email and (preferred is None or Channel(preferred) is Channel.EMAIL)


DEFAULT_POLICY_CODE = "default"
CONSUMER_POLICY_CODE = "consumer"


def default_policy(admin_fee: Fee | None = None) -> Policy:
    """The DESIGN.md ladder; the second reminder's administrative fee only when the company
    enables it (pass the fee, e.g. DEFAULT_ADMIN_FEE)."""
    return Policy(
        code=DEFAULT_POLICY_CODE,
        name="",
        levels=(
            Level("receipt_confirmation", 3, Channel.EMAIL, anchor=Anchor.ISSUE),
            Level("courtesy", -5, Channel.EMAIL),
            Level("reminder_1", 7, Channel.EMAIL),
            Level("reminder_2", 15, Channel.EMAIL, fee=admin_fee or NO_FEE),
            Level("firm_reminder", 30, Channel.LETTER, also_email=True),
            Level(
                "formal_notice",
                45,
                Channel.FORMAL_NOTICE,
                needs_confirmation=True,
                claims_interest=True,
                claims_indemnity=True,
            ),
            Level("collection", 60, Channel.MANUAL, needs_confirmation=True),
        ),
    )


def consumer_policy(country: str = "FR", reminder_fee: Fee | None = None) -> Policy:
    """Softer ladder for consumers: later steps, no fee unless given, no recovery indemnity.

    For Belgium the first reminder is free and costs wait 14 days after it (CDE XIX.2);
    reminder_fee then applies from the second reminder on and must stay within EUR 7.50.
    """
    fee = reminder_fee or NO_FEE
    belgian = country.upper() == "BE"
    return Policy(
        code=f"{CONSUMER_POLICY_CODE}_be" if belgian else CONSUMER_POLICY_CODE,
        name="",
        levels=(
            Level("receipt_confirmation", 3, Channel.EMAIL, anchor=Anchor.ISSUE),
            Level("courtesy", -3, Channel.EMAIL),
            Level("reminder_1", 10, Channel.EMAIL),
            Level("reminder_2", 25, Channel.EMAIL, fee=fee),
            Level("firm_reminder", 40, Channel.LETTER, also_email=True, fee=fee),
            Level(
                "formal_notice",
                55,
                Channel.FORMAL_NOTICE,
                needs_confirmation=True,
                claims_interest=True,
            ),
            Level("collection", 90, Channel.MANUAL, needs_confirmation=True),
        ),
        free_reminder_wait=FreeReminderWait("reminder_1") if belgian else None,
    )
