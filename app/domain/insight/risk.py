"""An explainable risk grade: a plain sum of points per factor, so every grade can be justified.

Points (higher = riskier), each factor rounded to a whole number and capped:

| factor                               | points                                   | max |
|--------------------------------------|------------------------------------------|-----|
| average days late (12 months)        | 1 per day; each invoice counts ≤ 60 days | 40  |
| invoices paid late (share)           | 20 × share paid after the due date       | 20  |
| open invoices over 60 days overdue   | 10 each                                  | 30  |
| overdue share of the open balance    | 15 × share                               | 15  |
| credit limit usage                   | 10 from 80 %, 20 above 100 %             | 20  |
| open disputes                        | 5 each                                   | 10  |
| reminders per invoice (after due)    | 5 per reminder                           | 10  |
| payments getting later (trend)       | 10 when worsening                        | 10  |
| oldest open invoice overdue          | 1 per day, less the days-late points     | 40  |

The last factor makes today's overdue invoices weigh whatever the history: the days-late points
are the larger of the history's average and the days the oldest open invoice is overdue (so a
good payer who has left an invoice unpaid for 500 days is graded on it). With fewer than
MIN_SETTLED_INVOICES settled invoices in 12 months the history factors are left out, so a client
who never pays is graded on what it owes today.

Grade by total: A < 15 ≤ B < 30 ≤ C < 45 ≤ D < 60 ≤ E. A client with a short history, no
overdue invoice and a total below grade B's threshold is "new", with no score; a client with an
overdue invoice is always graded. The reasons shown are the
factors worth at least MIN_REASON_POINTS, largest first (at most 4), then an improving trend
when there is room, then favourable facts until there are 2.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import NamedTuple

from app.domain.insight.behaviour import (
    MIN_SETTLED_INVOICES,
    PaymentBehaviour,
    Trend,
    round_half_up,
    rounded,
)

LATE_DAYS_CAP_PER_INVOICE = 60
MAX_DAYS_LATE_POINTS = 40
LATE_SHARE_POINTS = 20
POINTS_PER_INVOICE_OVER_60 = 10
MAX_OVER_60_POINTS = 30
OVERDUE_SHARE_POINTS = 15
CREDIT_NEARLY_USED = Decimal("0.8")
CREDIT_NEARLY_USED_POINTS = 10
CREDIT_EXCEEDED_POINTS = 20
POINTS_PER_DISPUTE = 5
MAX_DISPUTE_POINTS = 10
POINTS_PER_REMINDER = 5
MAX_REMINDER_POINTS = 10
WORSENING_TREND_POINTS = 10
GOOD_ON_TIME_RATE = Decimal("0.8")
"""From this on-time rate, "pays on time" may be shown as a favourable reason."""

GRADE_LIMITS = (15, 30, 45, 60)
"""Upper bounds (exclusive) of grades A, B, C and D; E above."""
MIN_REASON_POINTS = 5
MAX_REASONS = 4
MIN_REASONS = 2


class Grade(StrEnum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    NEW = "new"


class Reason(NamedTuple):
    """A code the UI translates, with its parameters: ("invoices_over_60_days", {"count": 3})."""

    code: str
    params: Mapping[str, object]


@dataclass(frozen=True)
class Contribution:
    """One factor's points towards the score, with the reason that explains it."""

    factor: str
    points: int
    reason: Reason


@dataclass(frozen=True)
class RiskAssessment:
    grade: Grade
    score: int | None
    reasons: tuple[Reason, ...]
    contributions: tuple[Contribution, ...]


def grade_for(score: int) -> Grade:
    for limit, grade in zip(GRADE_LIMITS, (Grade.A, Grade.B, Grade.C, Grade.D), strict=True):
        if score < limit:
            return grade
    return Grade.E


def _percent(share: Decimal | Fraction) -> int:
    return round_half_up(share * 100)


def _capped(value: Fraction | Decimal, cap: int) -> int:
    return min(round_half_up(value), cap)


def _history_factors(b: PaymentBehaviour) -> list[Contribution]:
    """Factors measured on settled invoices: only meaningful with enough history."""
    count = len(b.delays)
    capped = sum(min(d, LATE_DAYS_CAP_PER_INVOICE) for d in b.delays if d > 0)
    late = sum(d > 0 for d in b.delays)
    factors = [
        Contribution(
            "days_late",
            min(rounded(capped, count), MAX_DAYS_LATE_POINTS),
            Reason("pays_late_on_average", {"days": round_half_up(b.average_days_late or 0)}),
        ),
        Contribution(
            "late_share",
            min(rounded(late * LATE_SHARE_POINTS, count), LATE_SHARE_POINTS),
            Reason("often_pays_late", {"percent": rounded(late * 100, count)}),
        ),
    ]
    if b.trend is Trend.WORSENING:
        factors.append(
            Contribution(
                "trend",
                WORSENING_TREND_POINTS,
                Reason("paying_later", {"days": round_half_up(b.trend_days or 0)}),
            )
        )
    return factors


def _current_factors(b: PaymentBehaviour) -> list[Contribution]:
    """Factors read from today's open invoices: they apply to new clients too."""
    factors = [
        Contribution(
            "over_60_days",
            min(b.over_60_days_count * POINTS_PER_INVOICE_OVER_60, MAX_OVER_60_POINTS),
            Reason("invoices_over_60_days", {"count": b.over_60_days_count}),
        ),
        Contribution(
            "disputes",
            min(b.open_disputes * POINTS_PER_DISPUTE, MAX_DISPUTE_POINTS),
            Reason("open_disputes", {"count": b.open_disputes}),
        ),
    ]
    if b.overdue_share is not None:
        factors.append(
            Contribution(
                "overdue_share",
                _capped(b.overdue_share * OVERDUE_SHARE_POINTS, OVERDUE_SHARE_POINTS),
                Reason("overdue_share", {"percent": _percent(b.overdue_share)}),
            )
        )
    usage = b.credit_limit_usage
    if usage is not None and usage > 1:
        reason = Reason("credit_limit_exceeded", {"percent": _percent(usage)})
        factors.append(Contribution("credit_limit", CREDIT_EXCEEDED_POINTS, reason))
    elif usage is not None and usage >= CREDIT_NEARLY_USED:
        reason = Reason("credit_limit_nearly_used", {"percent": _percent(usage)})
        factors.append(Contribution("credit_limit", CREDIT_NEARLY_USED_POINTS, reason))
    if b.reminders_per_invoice is not None:
        per_invoice = b.reminders_per_invoice
        factors.append(
            Contribution(
                "reminders",
                _capped(per_invoice * POINTS_PER_REMINDER, MAX_REMINDER_POINTS),
                Reason("needs_reminders", {"per_invoice": per_invoice}),
            )
        )
    return factors


def _favourable(b: PaymentBehaviour) -> list[Reason]:
    """Facts in the client's favour, used when too few factors weigh against it."""
    reasons = []
    if b.trend is Trend.IMPROVING:
        reasons.append(Reason("paying_earlier", {"days": -round_half_up(b.trend_days or 0)}))
    if b.on_time_rate is not None and b.on_time_rate >= GOOD_ON_TIME_RATE:
        reasons.append(Reason("pays_on_time", {"percent": _percent(b.on_time_rate)}))
    if b.overdue_count == 0:
        reasons.append(Reason("no_overdue_invoice", {}))
    if b.average_days_to_pay is not None:
        reasons.append(
            Reason("average_days_to_pay", {"days": round_half_up(b.average_days_to_pay)})
        )
    return reasons


def _reasons(
    contributions: list[Contribution],
    b: PaymentBehaviour,
    leading: tuple[Reason, ...] = (),
    following: tuple[Reason, ...] = (),
) -> tuple[Reason, ...]:
    weighing = sorted(
        (c for c in contributions if c.points >= MIN_REASON_POINTS),
        key=lambda c: -c.points,
    )
    reasons = (list(leading) + [c.reason for c in weighing] + list(following))[:MAX_REASONS]
    favourable = _favourable(b)
    if favourable and favourable[0].code == "paying_earlier" and len(reasons) < MAX_REASONS:
        reasons.append(favourable.pop(0))
    for extra in favourable[: max(MIN_REASONS - len(reasons), 0)]:
        reasons.append(extra)
    return tuple(reasons)


def _oldest_overdue(b: PaymentBehaviour, history_points: int) -> Contribution | None:
    """The days the oldest open invoice is overdue, beyond what the history already counts."""
    if b.max_days_overdue <= 0:
        return None
    points = max(min(b.max_days_overdue, MAX_DAYS_LATE_POINTS) - history_points, 0)
    reason = Reason("oldest_invoice_days_late", {"days": b.max_days_overdue})
    return Contribution("oldest_overdue", points, reason)


def assess_risk(behaviour: PaymentBehaviour) -> RiskAssessment:
    """Grade a client from its measured behaviour and what it owes today; "new" only for a
    short history with nothing overdue and nothing alarming."""
    history = _history_factors(behaviour) if behaviour.has_enough_history else []
    contributions = history + _current_factors(behaviour)
    days_late = sum(c.points for c in history if c.factor == "days_late")
    oldest = _oldest_overdue(behaviour, days_late)
    if oldest is not None:
        contributions.append(oldest)
    score = sum(c.points for c in contributions)
    if behaviour.has_enough_history:
        reasons = _reasons(contributions, behaviour)
        return RiskAssessment(grade_for(score), score, reasons, tuple(contributions))
    few = Reason(
        "few_settled_invoices",
        {"count": behaviour.settled_count, "required": MIN_SETTLED_INVOICES},
    )
    if score < GRADE_LIMITS[0] and behaviour.overdue_count == 0:
        reasons = _reasons(contributions, behaviour, (few,))
        return RiskAssessment(Grade.NEW, None, reasons, tuple(contributions))
    small = () if oldest is None or oldest.points >= MIN_REASON_POINTS else (oldest.reason,)
    reasons = _reasons(contributions, behaviour, following=small)
    if len(reasons) < MAX_REASONS:
        reasons = (*reasons, few)
    return RiskAssessment(grade_for(score), score, reasons, tuple(contributions))


def is_at_risk(grade: Grade | str) -> bool:
    """Grades D and E make up the dashboard's "amount at risk"."""
    return Grade(grade) in (Grade.D, Grade.E)
