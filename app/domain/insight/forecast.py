"""Expected cash in per ISO week, per currency, from the predicted payment dates.

Each open invoice (or each unpaid instalment of a payment plan, in place of its invoice) lands
whole in the week of its predicted date: expected from the median delay, optimistic and
pessimistic from the quartiles. Per week the optimistic amount is not always the larger one
(money moves to earlier weeks); the cumulative amounts always keep
optimistic ≥ expected ≥ pessimistic. Currencies are never added together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from app.domain.insight.prediction import (
    DelayProfile,
    PredictedPayment,
    payment_on_due_date,
    predict_payment,
)
from app.domain.insight.risk import Grade
from app.domain.money import ZERO

DEFAULT_WEEKS = 12


@dataclass(frozen=True)
class ForecastItem:
    """An amount still to come in: an invoice's open balance or one unpaid instalment."""

    client_id: int
    currency: str
    due_date: date
    amount: Decimal
    is_disputed: bool = False
    invoice_id: int | None = None


@dataclass(frozen=True)
class ForecastOptions:
    """What-if switches; pay_on_due_date also brings back invoices too old to predict."""

    exclude_disputed: bool = False
    exclude_grade_e: bool = False
    pay_on_due_date: bool = False


@dataclass(frozen=True)
class Band:
    expected: Decimal = ZERO
    optimistic: Decimal = ZERO
    pessimistic: Decimal = ZERO

    def __add__(self, other: Band) -> Band:
        return Band(
            self.expected + other.expected,
            self.optimistic + other.optimistic,
            self.pessimistic + other.pessimistic,
        )


@dataclass(frozen=True)
class ForecastWeek:
    week_start: date
    expected: Decimal
    optimistic: Decimal
    pessimistic: Decimal


@dataclass(frozen=True)
class CurrencyForecast:
    """after_horizon: predicted beyond the last week; doubtful: too late to predict (not
    counted in any week); excluded: left out by the what-if options."""

    currency: str
    weeks: tuple[ForecastWeek, ...]
    after_horizon: Band
    doubtful: Decimal
    excluded: Decimal

    def cumulative(self) -> tuple[Band, ...]:
        """Running totals week by week: the band the chart draws."""
        running = Band()
        result = []
        for week in self.weeks:
            running = running + Band(week.expected, week.optimistic, week.pessimistic)
            result.append(running)
        return tuple(result)

    @property
    def total(self) -> Band:
        """Everything predicted, in the horizon or after it."""
        in_weeks = sum((Band(w.expected, w.optimistic, w.pessimistic) for w in self.weeks), Band())
        return in_weeks + self.after_horizon


def week_start(day: date) -> date:
    """Monday of the ISO week holding day."""
    return day - timedelta(days=day.weekday())


_COLUMNS = ("expected", "optimistic", "pessimistic")


class _Accumulator:
    def __init__(self, first_monday: date, weeks: int) -> None:
        self.first_monday = first_monday
        self.columns = {name: [ZERO] * weeks for name in ("expected", "optimistic", "pessimistic")}
        self.after = dict.fromkeys(self.columns, ZERO)
        self.doubtful = ZERO
        self.excluded = ZERO

    def add(self, column: str, day: date, amount: Decimal) -> None:
        index = (day - self.first_monday).days // 7
        if index < len(self.columns[column]):
            self.columns[column][index] += amount
        else:
            self.after[column] += amount

    def add_prediction(self, prediction: PredictedPayment, amount: Decimal) -> None:
        self.add_at(self.indices(prediction), amount)

    def indices(self, prediction: PredictedPayment) -> tuple[int, int, int]:
        """The weeks (from the first Monday) of the expected, optimistic, pessimistic dates."""
        first = self.first_monday
        return (
            (prediction.expected - first).days // 7,
            (prediction.optimistic - first).days // 7,
            (prediction.pessimistic - first).days // 7,
        )

    def add_at(self, indices: tuple[int, int, int], amount: Decimal) -> None:
        columns, after = self.columns, self.after
        for column, index in zip(_COLUMNS, indices, strict=True):
            values = columns[column]
            if index < len(values):
                values[index] += amount
            else:
                after[column] += amount

    def result(self, currency: str) -> CurrencyForecast:
        weeks = tuple(
            ForecastWeek(
                self.first_monday + timedelta(weeks=i),
                self.columns["expected"][i],
                self.columns["optimistic"][i],
                self.columns["pessimistic"][i],
            )
            for i in range(len(self.columns["expected"]))
        )
        after = Band(self.after["expected"], self.after["optimistic"], self.after["pessimistic"])
        return CurrencyForecast(currency, weeks, after, self.doubtful, self.excluded)


def _is_excluded(
    item: ForecastItem, options: ForecastOptions, grades: Mapping[int, Grade | str]
) -> bool:
    if options.exclude_disputed and item.is_disputed:
        return True
    grade = grades.get(item.client_id)
    return options.exclude_grade_e and grade is not None and Grade(grade) is Grade.E


def forecast_cash(
    items: Iterable[ForecastItem],
    as_of: date,
    profiles: Mapping[int, DelayProfile],
    prior: DelayProfile,
    weeks: int = DEFAULT_WEEKS,
    options: ForecastOptions | None = None,
    grades: Mapping[int, Grade | str] | None = None,
) -> dict[str, CurrencyForecast]:
    """Forecast by currency, the first week being the one holding as_of.

    profiles: client id → its delay profile (see prediction.profile_for); clients absent from
    it use prior. grades: client id → risk grade, read by exclude_grade_e. Items of zero or
    negative amount (credit notes) bring no cash in and are ignored.
    """
    if weeks < 1:
        raise ValueError("a forecast needs at least one week")
    options = options or ForecastOptions()
    grades = grades or {}
    first_monday = week_start(as_of)
    by_currency: dict[str, _Accumulator] = {}
    # Invoices sharing a due date and a delay profile share their predicted weeks: profiles
    # equal in value are numbered once, then the weeks are kept per (due date, number).
    numbers: dict[DelayProfile, int] = {}
    number_of = {client: numbers.setdefault(p, len(numbers)) for client, p in profiles.items()}
    prior_number = numbers.setdefault(prior, len(numbers))
    weeks_of: dict[tuple[date, int], tuple[int, int, int] | None] = {}
    for item in items:
        if item.amount <= ZERO:
            continue
        acc = by_currency.get(item.currency)
        if acc is None:
            acc = by_currency[item.currency] = _Accumulator(first_monday, weeks)
        if (options.exclude_disputed or options.exclude_grade_e) and _is_excluded(
            item, options, grades
        ):
            acc.excluded += item.amount
            continue
        key = (
            item.due_date,
            -1 if options.pay_on_due_date else number_of.get(item.client_id, prior_number),
        )
        if key in weeks_of:
            indices = weeks_of[key]
        else:
            if options.pay_on_due_date:
                prediction: PredictedPayment | None = payment_on_due_date(item.due_date, as_of)
            else:
                profile = profiles.get(item.client_id, prior)
                prediction = predict_payment(item.due_date, as_of, profile)
            indices = weeks_of[key] = None if prediction is None else acc.indices(prediction)
        if indices is None:
            acc.doubtful += item.amount
        else:
            acc.add_at(indices, item.amount)
    return {currency: by_currency[currency].result(currency) for currency in sorted(by_currency)}
