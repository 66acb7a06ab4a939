"""When an open invoice will probably be paid: its due date plus the client's usual delay.

The delay is signed (negative = the client pays early), taken from the client's settled
invoices of the last 12 months: median for the expected date, 25th and 75th percentiles for the
optimistic and pessimistic dates. Clients with too little history use a dossier-wide prior.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from app.domain.insight.behaviour import PaymentBehaviour, ranked, rounded

MAX_DAYS_LATE = 180
"""No prediction lies more than this after the due date; older invoices are doubtful."""
OPTIMISTIC_PERCENTILE = Fraction(1, 4)
PESSIMISTIC_PERCENTILE = Fraction(3, 4)


@dataclass(frozen=True)
class DelayProfile:
    """Signed days from due date to payment: optimistic ≤ median ≤ pessimistic."""

    optimistic: int
    median: int
    pessimistic: int

    def __post_init__(self) -> None:
        if not self.optimistic <= self.median <= self.pessimistic:
            raise ValueError(f"delays out of order: {self}")


DEFAULT_PRIOR = DelayProfile(optimistic=0, median=10, pessimistic=30)
"""A cautious prior for a dossier without any settled invoice yet."""


@dataclass(frozen=True)
class PredictedPayment:
    optimistic: date
    expected: date
    pessimistic: date


def delay_profile(delays: Sequence[int]) -> DelayProfile | None:
    """Quartiles of signed delays (whole days); None without any delay to measure."""
    if not delays:
        return None
    ordered = sorted(delays)

    def at(fraction: Fraction) -> int:
        return rounded(*ranked(ordered, fraction.numerator, fraction.denominator))

    return DelayProfile(
        optimistic=at(OPTIMISTIC_PERCENTILE),
        median=at(Fraction(1, 2)),
        pessimistic=at(PESSIMISTIC_PERCENTILE),
    )


def profile_for(behaviour: PaymentBehaviour | None, prior: DelayProfile) -> DelayProfile:
    """The client's own profile when its history is long enough, else the prior."""
    if behaviour is None or not behaviour.has_enough_history:
        return prior
    return delay_profile(behaviour.delays) or prior


def company_prior(delays: Sequence[int], fallback: DelayProfile = DEFAULT_PRIOR) -> DelayProfile:
    """The dossier-wide profile (every client's settled delays) new clients are predicted with."""
    return delay_profile(delays) or fallback


def is_doubtful(due_date: date, as_of: date) -> bool:
    """Already later than any prediction allows: no date can honestly be given."""
    return (as_of - due_date).days > MAX_DAYS_LATE


def predict_payment(due_date: date, as_of: date, profile: DelayProfile) -> PredictedPayment | None:
    """Due date + delay, at most MAX_DAYS_LATE late, never before as_of; None when doubtful."""
    if is_doubtful(due_date, as_of):
        return None

    def bounded(delay: int) -> date:
        return max(due_date + timedelta(days=min(delay, MAX_DAYS_LATE)), as_of)

    return PredictedPayment(
        optimistic=bounded(profile.optimistic),
        expected=bounded(profile.median),
        pessimistic=bounded(profile.pessimistic),
    )


def payment_on_due_date(due_date: date, as_of: date) -> PredictedPayment:
    """The "everyone pays on the due date" what-if: overdue invoices are paid on as_of."""
    day = max(due_date, as_of)
    return PredictedPayment(day, day, day)
