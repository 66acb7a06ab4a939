"""The measures as they were computed before issue 15 (Fractions everywhere, one prediction per
item), kept verbatim as the oracle the faster integer versions are compared against."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from app.domain.insight import forecast as fc
from app.domain.insight import risk as r
from app.domain.insight.behaviour import (
    LONG_OVERDUE_DAYS,
    TREND_MIN_INVOICES,
    TREND_THRESHOLD_DAYS,
    ClientHistory,
    PaymentBehaviour,
    Settlements,
    Trend,
    _share,
    settlements,
)
from app.domain.insight.prediction import (
    OPTIMISTIC_PERCENTILE,
    PESSIMISTIC_PERCENTILE,
    DelayProfile,
    PredictedPayment,
    payment_on_due_date,
    predict_payment,
)
from app.domain.money import ZERO

_RATE = Decimal("0.0001")
_TENTH = Decimal("0.1")


def round_half_up(value: Fraction | Decimal | int) -> int:
    if isinstance(value, int):
        return value
    numerator, denominator = value.as_integer_ratio()
    return (2 * numerator + denominator) // (2 * denominator)


def to_decimal(value: Fraction, step: Decimal = _TENTH) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(step, rounding=ROUND_HALF_UP)


def _capped(value: Fraction | Decimal, cap: int) -> int:
    return min(round_half_up(value), cap)


def _percent(share: Decimal | Fraction) -> int:
    return round_half_up(share * 100)


def percentile(values: Sequence[int], fraction: Fraction) -> Fraction:
    ordered = sorted(values)
    low, rest = divmod(fraction.numerator * (len(ordered) - 1), fraction.denominator)
    if low + 1 >= len(ordered):
        return Fraction(ordered[-1])
    return ordered[low] + (ordered[low + 1] - ordered[low]) * Fraction(rest, fraction.denominator)


def _mean(values: Sequence[int]) -> Fraction:
    return Fraction(sum(values), len(values))


def _median(values: Sequence[int]) -> Fraction:
    return percentile(values, Fraction(1, 2))


def _trend(settled: Settlements) -> tuple[Trend, Decimal | None]:
    recent = [d for d, is_recent in zip(settled.delays, settled.recent, strict=True) if is_recent]
    earlier = [
        d for d, is_recent in zip(settled.delays, settled.recent, strict=True) if not is_recent
    ]
    if len(recent) < TREND_MIN_INVOICES or len(earlier) < TREND_MIN_INVOICES:
        return Trend.UNKNOWN, None
    change = _median(recent) - _median(earlier)
    if change >= TREND_THRESHOLD_DAYS:
        trend = Trend.WORSENING
    elif change <= -TREND_THRESHOLD_DAYS:
        trend = Trend.IMPROVING
    else:
        trend = Trend.STABLE
    return trend, to_decimal(change)


def payment_behaviour(history: ClientHistory, as_of: date) -> PaymentBehaviour:
    settled = history.measured or settlements(history.settled, as_of)
    delays = settled.delays
    late = [max(d, 0) for d in delays]
    to_pay = settled.days_to_pay
    trend, trend_days = _trend(settled)

    open_items = [o for o in history.open if o.balance != ZERO]
    overdue = [o for o in open_items if o.balance > ZERO and o.due_date < as_of]
    days_overdue = [(as_of - o.due_date).days for o in overdue]
    in_currency = [o for o in open_items if o.currency == history.currency]
    open_balance = sum((o.balance for o in in_currency), ZERO)
    overdue_balance = sum((o.balance for o in overdue if o.currency == history.currency), ZERO)
    overdue_share = _share(overdue_balance, open_balance)
    if overdue_share is not None:
        overdue_share = min(overdue_share, Decimal(1))
    credit_usage = None
    if history.credit_limit is not None:
        credit_usage = _share(max(open_balance, ZERO), history.credit_limit)

    counted = len(delays) + len(open_items)
    reminders = settled.reminders + sum(o.reminders for o in open_items)
    return PaymentBehaviour(
        settled_count=len(delays),
        average_days_late=to_decimal(_mean(late)) if late else None,
        median_days_late=to_decimal(_median(late)) if late else None,
        on_time_rate=(
            to_decimal(Fraction(sum(d <= 0 for d in delays), len(delays)), _RATE)
            if delays
            else None
        ),
        average_days_to_pay=to_decimal(_mean(to_pay)) if to_pay else None,
        trend=trend,
        trend_days=trend_days,
        reminders_per_invoice=to_decimal(Fraction(reminders, counted)) if counted else None,
        open_count=len(open_items),
        overdue_count=len(overdue),
        over_60_days_count=sum(d > LONG_OVERDUE_DAYS for d in days_overdue),
        max_days_overdue=max(days_overdue, default=0),
        open_disputes=sum(o.is_disputed for o in open_items),
        open_balance=open_balance,
        overdue_balance=overdue_balance,
        overdue_share=overdue_share,
        credit_limit_usage=credit_usage,
        delays=delays,
    )


def _history_factors(b: PaymentBehaviour) -> list[r.Contribution]:
    late = [min(max(d, 0), r.LATE_DAYS_CAP_PER_INVOICE) for d in b.delays]
    capped_average = Fraction(sum(late), len(late))
    late_share = Fraction(sum(d > 0 for d in b.delays), len(b.delays))
    factors = [
        r.Contribution(
            "days_late",
            _capped(capped_average, r.MAX_DAYS_LATE_POINTS),
            r.Reason("pays_late_on_average", {"days": round_half_up(b.average_days_late or 0)}),
        ),
        r.Contribution(
            "late_share",
            _capped(late_share * r.LATE_SHARE_POINTS, r.LATE_SHARE_POINTS),
            r.Reason("often_pays_late", {"percent": _percent(late_share)}),
        ),
    ]
    if b.trend is Trend.WORSENING:
        factors.append(
            r.Contribution(
                "trend",
                r.WORSENING_TREND_POINTS,
                r.Reason("paying_later", {"days": round_half_up(b.trend_days or 0)}),
            )
        )
    return factors


def assess_risk(behaviour: PaymentBehaviour) -> r.RiskAssessment:
    history = _history_factors(behaviour) if behaviour.has_enough_history else []
    contributions = history + r._current_factors(behaviour)
    days_late = sum(c.points for c in history if c.factor == "days_late")
    oldest = r._oldest_overdue(behaviour, days_late)
    if oldest is not None:
        contributions.append(oldest)
    score = sum(c.points for c in contributions)
    if behaviour.has_enough_history:
        reasons = r._reasons(contributions, behaviour)
        return r.RiskAssessment(r.grade_for(score), score, reasons, tuple(contributions))
    few = r.Reason(
        "few_settled_invoices",
        {"count": behaviour.settled_count, "required": r.MIN_SETTLED_INVOICES},
    )
    if score < r.GRADE_LIMITS[0] and behaviour.overdue_count == 0:
        reasons = r._reasons(contributions, behaviour, (few,))
        return r.RiskAssessment(r.Grade.NEW, None, reasons, tuple(contributions))
    small = () if oldest is None or oldest.points >= r.MIN_REASON_POINTS else (oldest.reason,)
    reasons = r._reasons(contributions, behaviour, following=small)
    if len(reasons) < r.MAX_REASONS:
        reasons = (*reasons, few)
    return r.RiskAssessment(r.grade_for(score), score, reasons, tuple(contributions))


def delay_profile(delays: Sequence[int]) -> DelayProfile | None:
    if not delays:
        return None
    return DelayProfile(
        optimistic=round_half_up(percentile(delays, OPTIMISTIC_PERCENTILE)),
        median=round_half_up(percentile(delays, Fraction(1, 2))),
        pessimistic=round_half_up(percentile(delays, PESSIMISTIC_PERCENTILE)),
    )


def _add(acc: fc._Accumulator, prediction: PredictedPayment, amount: Decimal) -> None:
    acc.add("expected", prediction.expected, amount)
    acc.add("optimistic", prediction.optimistic, amount)
    acc.add("pessimistic", prediction.pessimistic, amount)


def forecast_cash(
    items: Iterable[fc.ForecastItem],
    as_of: date,
    profiles: Mapping[int, DelayProfile],
    prior: DelayProfile,
    weeks: int = fc.DEFAULT_WEEKS,
    options: fc.ForecastOptions | None = None,
    grades: Mapping[int, r.Grade | str] | None = None,
) -> dict[str, fc.CurrencyForecast]:
    options = options or fc.ForecastOptions()
    grades = grades or {}
    first_monday = fc.week_start(as_of)
    by_currency: dict[str, fc._Accumulator] = {}
    for item in items:
        if item.amount <= ZERO:
            continue
        acc = by_currency.setdefault(item.currency, fc._Accumulator(first_monday, weeks))
        if fc._is_excluded(item, options, grades):
            acc.excluded += item.amount
            continue
        if options.pay_on_due_date:
            prediction: PredictedPayment | None = payment_on_due_date(item.due_date, as_of)
        else:
            prediction = predict_payment(item.due_date, as_of, profiles.get(item.client_id, prior))
        if prediction is None:
            acc.doubtful += item.amount
        else:
            _add(acc, prediction, item.amount)
    return {currency: by_currency[currency].result(currency) for currency in sorted(by_currency)}
