"""How a client pays, measured from its history: the facts the risk grade and forecast build on.

Lateness is counted in whole days from the due date to the date an invoice was fully paid.
"Days late" treats early payment as 0 (an early payer is not "negatively late"); the signed
delay (negative = early) is kept in `PaymentBehaviour.delays` for prediction and the trend.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from app.domain.money import ZERO

WINDOW_MONTHS = 12
"""Settled invoices count when fully paid within this many months up to as_of."""
MIN_SETTLED_INVOICES = 3
"""Below this many settled invoices in the window a client is "new": no grade, no own profile."""
TREND_MIN_INVOICES = 2
"""Each half-year needs at least this many settled invoices for a trend."""
TREND_THRESHOLD_DAYS = 5
"""A change of the median delay smaller than this is "stable"."""
LONG_OVERDUE_DAYS = 60
"""Open invoices overdue by more than this are counted in `over_60_days_count`."""

_TENTH = Decimal("0.1")
_RATE = Decimal("0.0001")


class Trend(StrEnum):
    IMPROVING = "improving"
    STABLE = "stable"
    WORSENING = "worsening"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class SettledInvoice:
    """An invoice fully paid on paid_date; reminders: those sent after its due date."""

    issue_date: date
    due_date: date
    total: Decimal
    paid_date: date
    reminders: int = 0

    @property
    def delay(self) -> int:
        """Signed days from the due date to payment: negative when paid early."""
        return (self.paid_date - self.due_date).days


@dataclass(frozen=True, slots=True)
class OpenInvoice:
    """An invoice with a balance still open on as_of."""

    due_date: date
    balance: Decimal
    currency: str = "EUR"
    reminders: int = 0
    is_disputed: bool = False


@dataclass(frozen=True, slots=True)
class Settlements:
    """The invoices settled in the window as the measures use them: day counts in payment
    order. Built from SettledInvoice rows, or delivered ready-made by the database."""

    delays: tuple[int, ...] = ()
    """Signed days from the due date to payment."""
    days_to_pay: tuple[int, ...] = ()
    """Days from issue to payment (never below 0)."""
    recent: tuple[bool, ...] = ()
    """Paid in the last half of the window (after months_before(as_of, 6))."""
    reminders: int = 0


def settlements(settled: Sequence[SettledInvoice], as_of: date) -> Settlements:
    """Invoices paid in the window to as_of (later payments are ignored), in payment order."""
    start = months_before(as_of, WINDOW_MONTHS)
    split = months_before(as_of, WINDOW_MONTHS // 2)
    rows = sorted(
        (s for s in settled if start < s.paid_date <= as_of and s.total > ZERO),
        key=lambda s: s.paid_date,
    )
    return Settlements(
        tuple(s.delay for s in rows),
        tuple(max((s.paid_date - s.issue_date).days, 0) for s in rows),
        tuple(s.paid_date > split for s in rows),
        sum(s.reminders for s in rows),
    )


@dataclass(frozen=True)
class ClientHistory:
    """Amounts (shares, credit limit) are measured in `currency`; other currencies only count.

    `measured`, when given, stands for `settled` already reduced to Settlements on as_of.
    """

    settled: tuple[SettledInvoice, ...] = ()
    open: tuple[OpenInvoice, ...] = ()
    credit_limit: Decimal | None = None
    currency: str = "EUR"
    measured: Settlements | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "settled", tuple(self.settled))
        object.__setattr__(self, "open", tuple(self.open))


@dataclass(frozen=True)
class PaymentBehaviour:
    """Statistics are None when there is nothing to measure (no settled invoice, no balance).

    Rates and shares are fractions between 0 and 1; averages are in days, to one decimal.
    trend_days is the change of the median delay (recent half-year minus the one before).
    """

    settled_count: int
    average_days_late: Decimal | None
    median_days_late: Decimal | None
    on_time_rate: Decimal | None
    average_days_to_pay: Decimal | None
    trend: Trend
    trend_days: Decimal | None
    reminders_per_invoice: Decimal | None
    open_count: int
    overdue_count: int
    over_60_days_count: int
    max_days_overdue: int
    open_disputes: int
    open_balance: Decimal
    overdue_balance: Decimal
    overdue_share: Decimal | None
    credit_limit_usage: Decimal | None
    delays: tuple[int, ...] = ()

    @property
    def has_enough_history(self) -> bool:
        return self.settled_count >= MIN_SETTLED_INVOICES


def months_before(day: date, months: int) -> date:
    """Same day `months` earlier, clamped to the end of a shorter month (31 Mar → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def percentile(values: Sequence[int], fraction: Fraction) -> Fraction:
    """Linear interpolation between closest ranks (the usual spreadsheet PERCENTILE)."""
    if not values:
        raise ValueError("percentile of no values")
    return Fraction(*ranked(sorted(values), fraction.numerator, fraction.denominator))


def ranked(ordered: Sequence[int], numerator: int, denominator: int) -> tuple[int, int]:
    """The percentile numerator/denominator of sorted values, as (top, bottom) integers (not
    reduced): the measures of thousands of clients stay in integers until the last step."""
    # position = fraction × (n - 1), split into whole ranks and a remainder, in integers
    low, rest = divmod(numerator * (len(ordered) - 1), denominator)
    if low + 1 >= len(ordered):
        return ordered[-1], 1
    first = ordered[low]
    return first * denominator + (ordered[low + 1] - first) * rest, denominator


def round_half_up(value: Fraction | Decimal | int) -> int:
    """Nearest whole number, halves rounded up (2.5 → 3, -2.5 → -2): days, percents, points."""
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal | Fraction):
        numerator, denominator = value.as_integer_ratio()
    else:
        numerator, denominator = Fraction(value).as_integer_ratio()
    return rounded(numerator, denominator)


def rounded(numerator: int, denominator: int) -> int:
    """round_half_up of numerator / denominator (denominator > 0)."""
    return (2 * numerator + denominator) // (2 * denominator)  # floor(value + 1/2), exactly


def to_decimal(value: Fraction, step: Decimal = _TENTH) -> Decimal:
    return ratio_decimal(value.numerator, value.denominator, step)


def ratio_decimal(numerator: int, denominator: int, step: Decimal = _TENTH) -> Decimal:
    """numerator / denominator to `step`, halves up (the division is exact to 28 digits)."""
    exact = Decimal(numerator) / Decimal(denominator)
    return exact.quantize(step, rounding=ROUND_HALF_UP)


_HALF = (1, 2)


def _trend(settled: Settlements) -> tuple[Trend, Decimal | None]:
    recent = sorted(
        d for d, is_recent in zip(settled.delays, settled.recent, strict=True) if is_recent
    )
    if len(recent) < TREND_MIN_INVOICES or len(settled.delays) - len(recent) < TREND_MIN_INVOICES:
        return Trend.UNKNOWN, None
    earlier = sorted(
        d for d, is_recent in zip(settled.delays, settled.recent, strict=True) if not is_recent
    )
    top, bottom = ranked(recent, *_HALF)
    other_top, other_bottom = ranked(earlier, *_HALF)
    change = top * other_bottom - other_top * bottom  # over bottom × other_bottom (> 0)
    scale = bottom * other_bottom
    if change >= TREND_THRESHOLD_DAYS * scale:
        trend = Trend.WORSENING
    elif change <= -TREND_THRESHOLD_DAYS * scale:
        trend = Trend.IMPROVING
    else:
        trend = Trend.STABLE
    return trend, ratio_decimal(change, scale)


def _share(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole <= ZERO:
        return None
    return (part / whole).quantize(_RATE, rounding=ROUND_HALF_UP)


def payment_behaviour(history: ClientHistory, as_of: date) -> PaymentBehaviour:
    """Measure a client on as_of; invoices paid after as_of are ignored (past dates reproduce)."""
    settled = history.measured or settlements(history.settled, as_of)
    delays = settled.delays
    count = len(delays)
    to_pay = settled.days_to_pay
    trend, trend_days = _trend(settled)

    open_items = [o for o in history.open if o.balance != ZERO]
    overdue = [o for o in open_items if o.balance > ZERO and o.due_date < as_of]
    days_overdue = [(as_of - o.due_date).days for o in overdue]
    currency = history.currency
    open_balance = sum((o.balance for o in open_items if o.currency == currency), ZERO)
    overdue_balance = sum((o.balance for o in overdue if o.currency == currency), ZERO)
    overdue_share = _share(overdue_balance, open_balance)
    if overdue_share is not None:
        overdue_share = min(overdue_share, Decimal(1))
    credit_usage = None
    if history.credit_limit is not None:
        credit_usage = _share(max(open_balance, ZERO), history.credit_limit)

    counted = count + len(open_items)
    reminders = settled.reminders + sum(o.reminders for o in open_items)
    average_late = median_late = on_time = None
    if count:
        late = sorted(d if d > 0 else 0 for d in delays)
        average_late = ratio_decimal(sum(late), count)
        median_late = ratio_decimal(*ranked(late, *_HALF))
        on_time = ratio_decimal(count - sum(d > 0 for d in delays), count, _RATE)
    return PaymentBehaviour(
        settled_count=count,
        average_days_late=average_late,
        median_days_late=median_late,
        on_time_rate=on_time,
        average_days_to_pay=ratio_decimal(sum(to_pay), len(to_pay)) if to_pay else None,
        trend=trend,
        trend_days=trend_days,
        reminders_per_invoice=ratio_decimal(reminders, counted) if counted else None,
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
