"""What can be claimed on one late invoice: the result of app.domain.claims.interest.compute_claim.

Everything is a code or a number; letters and the CLI turn the codes into words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.claims.limitation import Limitation
from app.domain.money import format_plain

JURISDICTIONS = ("FR", "BE")
CLIENT_TYPES = ("business", "consumer")

# Rate bases (per period, and for the whole claim; "mixed" when periods differ).
ECB_PLUS_10 = "ecb_plus_10"  # FR L441-10 default: ECB rate of the half-year + 10 points
CONTRACTUAL = "contractual"  # the agreed rate of the terms of sale
LEGAL_RATE = "legal_rate"  # FR taux de l'intérêt légal, other cases (consumer, C. civ. 1231-6)
BE_COMMERCIAL = "be_commercial"  # BE rate of the law of 2 August 2002 (also the XIX.4 cap)
MIXED = "mixed"

# Legal bases of the fixed amount.
FR_RECOVERY_INDEMNITY = "fr_recovery_indemnity"  # C. com. L441-10 II, D441-5: EUR 40
BE_RECOVERY_INDEMNITY = "be_recovery_indemnity"  # law of 2 August 2002 art. 6: EUR 40
BE_CONSUMER_DAMAGES = "be_consumer_damages"  # CDE XIX.4 capped damages

# Notes (codes) explaining the figures.
NOT_YET_DUE = "not_yet_due"
PAID_ON_TIME = "paid_on_time"
PAID_LATE = "paid_late"
NO_FORMAL_NOTICE = "no_formal_notice"  # FR consumer: no interest before a formal notice
NO_FIRST_REMINDER = "no_first_reminder"  # BE consumer: XIX.2 first reminder not sent
WITHIN_REMINDER_PERIOD = "within_reminder_period"  # BE consumer: the 14 days still run
CLAUSE_REQUIRED = "clause_required"  # BE consumer: due only if the contract stipulates them
FEES_NOT_ALLOWED = "fees_not_allowed"  # BE consumer: no costs before the period has run
CONTRACTUAL_RATE_BELOW_FLOOR = "contractual_rate_below_floor"  # FR: < 3 x legal, ECB+10 used
CONTRACTUAL_RATE_CAPPED = "contractual_rate_capped"  # BE consumer: above the commercial rate
CONTRACTUAL_RATE_NOT_APPLIED = "contractual_rate_not_applied"  # FR consumer: legal rate used
CURRENCY_NOT_EUR = "currency_not_eur"  # the fixed amounts are set in euros by law
DISPUTED = "disputed"  # the invoice is disputed: nothing should be claimed before settlement
TIME_BARRED = "time_barred"  # the limitation date has passed (data/README.md §2.6)
LIMITATION_SOON = "limitation_soon"  # the limitation date is within the warning days


@dataclass(frozen=True)
class InterestPeriod:
    """Days first_day..last_day (inclusive) at one rate on one balance, rounded to the cent."""

    first_day: date
    last_day: date
    rate_percent: Decimal
    days: int
    principal: Decimal
    interest: Decimal
    rate_basis: str
    flags: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Claim:
    """The docs/commands.md claim, plus what a formal notice needs to explain it."""

    jurisdiction: str
    client_type: str
    currency: str
    as_of: date
    due_date: date
    principal: Decimal  # balance claimable on as_of (zero when not yet late or paid)
    days_late: int  # due date to as_of, or to the day the invoice was paid in full
    interest_periods: tuple[InterestPeriod, ...]
    interest: Decimal
    fixed_indemnity: Decimal
    fees: Decimal
    total: Decimal
    balance: Decimal  # open balance on as_of, even when nothing is claimable yet
    rate_basis: str | None  # one of the bases above, MIXED, or None without interest
    contractual_rate: Decimal | None
    interest_start: date | None  # interest runs from the day after (data/README.md §3.1)
    interest_end: date | None
    fixed_indemnity_basis: str | None
    reminder_period_start: date | None = None  # BE consumer: the XIX.2 14-day period
    reminder_period_end: date | None = None
    notes: tuple[str, ...] = ()
    disputed: bool = False
    limitation_date: date | None = None  # the day the claim becomes time-barred (§2.6)
    limitation: Limitation | None = None  # how that date was reached (rule, articles)

    @property
    def interest_days(self) -> int:
        return sum(period.days for period in self.interest_periods)

    @property
    def recovery_indemnity(self) -> Decimal:
        """The EUR 40 of a business debtor (FR D441-5, BE art. 6); zero for every consumer."""
        if self.fixed_indemnity_basis == BE_CONSUMER_DAMAGES:
            return self.fixed_indemnity - self.fixed_indemnity
        return self.fixed_indemnity

    @property
    def damages(self) -> Decimal:
        """The CDE XIX.4 damages of a Belgian consumer (only with the company's clause)."""
        if self.fixed_indemnity_basis == BE_CONSUMER_DAMAGES:
            return self.fixed_indemnity
        return self.fixed_indemnity - self.fixed_indemnity


def format_rate(rate: Decimal) -> str:
    """'12.40', '8.25', or every decimal of an agreed rate such as '12.125'."""
    cent = rate.quantize(Decimal("0.01"))
    return f"{cent:f}" if cent == rate else f"{rate.normalize():f}"


def claim_as_dict(claim: Claim, *, invoice: str, client: str) -> dict[str, Any]:
    """The JSON object of `relance claim --format json`, keys in the docs/commands.md order.

    Extensions after `total`: `damages` (CDE XIX.4, Belgian consumers; `fixed_indemnity` is
    the business EUR 40 and stays 0.00 for every consumer; `total` includes both),
    `disputed` and `limitation_date`.
    """
    currency = claim.currency
    return {
        "invoice": invoice,
        "client": client,
        "currency": currency,
        "as_of": claim.as_of.isoformat(),
        "jurisdiction": claim.jurisdiction,
        "client_type": claim.client_type,
        "principal": format_plain(claim.principal, currency),
        "days_late": claim.days_late,
        "interest_periods": [
            {
                "from": period.first_day.isoformat(),
                "to": period.last_day.isoformat(),
                "rate_percent": format_rate(period.rate_percent),
                "days": period.days,
                "principal": format_plain(period.principal, currency),
                "interest": format_plain(period.interest, currency),
            }
            for period in claim.interest_periods
        ],
        "interest": format_plain(claim.interest, currency),
        "fixed_indemnity": format_plain(claim.recovery_indemnity, currency),
        "fees": format_plain(claim.fees, currency),
        "total": format_plain(claim.total, currency),
        "damages": format_plain(claim.damages, currency),
        "disputed": claim.disputed,
        "limitation_date": claim.limitation_date.isoformat() if claim.limitation_date else None,
    }
