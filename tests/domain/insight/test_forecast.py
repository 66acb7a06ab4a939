from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.insight.forecast import (
    Band,
    ForecastItem,
    ForecastOptions,
    forecast_cash,
    week_start,
)
from app.domain.insight.prediction import MAX_DAYS_LATE, DelayProfile
from app.domain.insight.risk import Grade

AS_OF = date(2026, 11, 25)  # Wednesday; its week starts on Monday 23
ON_TIME = DelayProfile(0, 0, 0)
LATE = DelayProfile(-3, 7, 21)


def item(due_in: int, amount: str, client_id: int = 1, currency: str = "EUR", **kw):
    return ForecastItem(client_id, currency, AS_OF + timedelta(days=due_in), Decimal(amount), **kw)


def test_weeks_are_consecutive_mondays_starting_with_the_current_week() -> None:
    result = forecast_cash([item(0, "1")], AS_OF, {}, ON_TIME)
    weeks = result["EUR"].weeks
    assert len(weeks) == 12
    assert weeks[0].week_start == date(2026, 11, 23)
    assert [w.week_start.weekday() for w in weeks] == [0] * 12
    assert weeks[-1].week_start == date(2027, 2, 8)
    assert week_start(date(2026, 11, 29)) == date(2026, 11, 23)


def test_each_amount_lands_in_the_week_of_its_predicted_dates() -> None:
    # Due Wednesday 2 Dec: optimistic Sun 29 Nov (week 0), expected 9 Dec (week 2),
    # pessimistic 23 Dec (week 4).
    result = forecast_cash([item(7, "1000.00")], AS_OF, {1: LATE}, ON_TIME, weeks=6)["EUR"]
    by_week = [(w.expected, w.optimistic, w.pessimistic) for w in result.weeks]
    zero = Decimal(0)
    thousand = Decimal("1000.00")
    assert by_week[0] == (zero, thousand, zero)
    assert by_week[2] == (thousand, zero, zero)
    assert by_week[4] == (zero, zero, thousand)
    assert result.total == Band(thousand, thousand, thousand)


def test_cumulative_band_keeps_optimistic_above_pessimistic() -> None:
    items = [item(d, "100.00") for d in (-10, 0, 5, 12, 30, 45)]
    result = forecast_cash(items, AS_OF, {1: LATE}, ON_TIME)["EUR"]
    for band in result.cumulative():
        assert band.optimistic >= band.expected >= band.pessimistic
    assert result.cumulative()[-1].optimistic == Decimal("600.00")


def test_clients_without_profile_use_the_prior() -> None:
    result = forecast_cash([item(14, "50.00", client_id=9)], AS_OF, {1: LATE}, ON_TIME)
    assert result["EUR"].weeks[2].expected == Decimal("50.00")


def test_currencies_are_kept_apart() -> None:
    items = [item(1, "100.00"), item(1, "70.00", currency="USD"), item(2, "30.00")]
    result = forecast_cash(items, AS_OF, {}, ON_TIME)
    assert list(result) == ["EUR", "USD"]
    assert result["EUR"].weeks[0].expected == Decimal("130.00")
    assert result["USD"].weeks[0].expected == Decimal("70.00")


def test_after_horizon_and_doubtful_amounts() -> None:
    items = [
        item(200, "10.00"),  # due after the 12 weeks
        item(-(MAX_DAYS_LATE + 1), "20.00"),  # too late to predict
        item(-5, "-40.00"),  # a credit note brings nothing in
    ]
    result = forecast_cash(items, AS_OF, {}, ON_TIME)["EUR"]
    assert result.after_horizon == Band(Decimal("10.00"), Decimal("10.00"), Decimal("10.00"))
    assert result.doubtful == Decimal("20.00")
    assert all(w.expected == 0 for w in result.weeks)


@pytest.mark.parametrize(
    ("options", "expected", "excluded"),
    [
        (ForecastOptions(), "700.00", "0"),
        (ForecastOptions(exclude_disputed=True), "500.00", "200.00"),
        (ForecastOptions(exclude_grade_e=True), "600.00", "100.00"),
        (ForecastOptions(exclude_disputed=True, exclude_grade_e=True), "400.00", "300.00"),
    ],
)
def test_what_if_exclusions(options: ForecastOptions, expected: str, excluded: str) -> None:
    items = [
        item(3, "400.00", client_id=1),
        item(3, "200.00", client_id=1, is_disputed=True),
        item(3, "100.00", client_id=2),
    ]
    grades = {1: Grade.B, 2: Grade.E}
    result = forecast_cash(items, AS_OF, {}, ON_TIME, options=options, grades=grades)["EUR"]
    assert result.total.expected == Decimal(expected)
    assert result.excluded == Decimal(excluded)


def test_what_if_everyone_pays_on_the_due_date() -> None:
    items = [item(-300, "5.00"), item(-20, "10.00"), item(8, "20.00")]
    options = ForecastOptions(pay_on_due_date=True)
    result = forecast_cash(items, AS_OF, {1: LATE}, ON_TIME, options=options)["EUR"]
    assert result.weeks[0].expected == Decimal("15.00")  # overdue ones, paid now
    assert result.weeks[1].pessimistic == Decimal("20.00")
    assert result.doubtful == 0


def test_a_forecast_needs_weeks() -> None:
    with pytest.raises(ValueError, match="one week"):
        forecast_cash([], AS_OF, {}, ON_TIME, weeks=0)


profiles = st.builds(
    lambda a, b, c: DelayProfile(*sorted((a, b, c))),
    st.integers(-30, 250),
    st.integers(-30, 250),
    st.integers(-30, 250),
)
items_strategy = st.lists(
    st.builds(
        ForecastItem,
        client_id=st.integers(1, 4),
        currency=st.sampled_from(["EUR", "USD", "CHF"]),
        due_date=st.dates(AS_OF - timedelta(days=MAX_DAYS_LATE), AS_OF + timedelta(days=200)),
        amount=st.decimals("0.01", "99999.99", places=2),
        is_disputed=st.booleans(),
    ),
    max_size=25,
)


@given(
    items=items_strategy,
    client_profiles=st.dictionaries(st.integers(1, 4), profiles),
    prior=profiles,
    exclude_disputed=st.booleans(),
)
def test_forecast_covers_every_included_balance(
    items: list[ForecastItem],
    client_profiles: dict[int, DelayProfile],
    prior: DelayProfile,
    exclude_disputed: bool,
) -> None:
    options = ForecastOptions(exclude_disputed=exclude_disputed)
    # 200 days to the last due date + 180 days late at most: 55 weeks cover every date.
    result = forecast_cash(items, AS_OF, client_profiles, prior, weeks=56, options=options)
    for currency, forecast in result.items():
        included = [
            i.amount
            for i in items
            if i.currency == currency and not (exclude_disputed and i.is_disputed)
        ]
        assert forecast.after_horizon == Band()
        expected_total = sum(included, Decimal(0))
        in_weeks = forecast.cumulative()[-1]
        assert in_weeks == Band(expected_total, expected_total, expected_total)
        assert forecast.excluded + expected_total == sum(
            (i.amount for i in items if i.currency == currency), Decimal(0)
        )
    assert set(result) == {i.currency for i in items}
