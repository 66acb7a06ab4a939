"""The integer measures give exactly what the Fraction ones gave (tests/domain/insight/reference):
behaviour, grade with its reasons, delay profile and forecast, on random histories."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.insight.behaviour import ClientHistory, OpenInvoice, Settlements, payment_behaviour
from app.domain.insight.forecast import ForecastItem, ForecastOptions, forecast_cash
from app.domain.insight.prediction import DelayProfile, delay_profile
from app.domain.insight.risk import assess_risk
from tests.domain.insight import reference

AS_OF = date(2026, 11, 25)
delays = st.integers(min_value=-40, max_value=400)
amounts = st.integers(min_value=-50_000, max_value=900_000).map(lambda c: Decimal(c) / 100)


@st.composite
def histories(draw: st.DrawFn) -> ClientHistory:
    count = draw(st.integers(min_value=0, max_value=14))
    measured = Settlements(
        tuple(draw(st.lists(delays, min_size=count, max_size=count))),
        tuple(draw(st.lists(st.integers(0, 200), min_size=count, max_size=count))),
        tuple(draw(st.lists(st.booleans(), min_size=count, max_size=count))),
        draw(st.integers(0, 30)),
    )
    open_items = draw(
        st.lists(
            st.builds(
                OpenInvoice,
                st.dates(AS_OF - timedelta(days=500), AS_OF + timedelta(days=90)),
                amounts,
                st.sampled_from(["EUR", "EUR", "USD"]),
                st.integers(0, 4),
                st.booleans(),
            ),
            max_size=8,
        )
    )
    limit = draw(st.one_of(st.none(), amounts.filter(lambda a: a > 0)))
    return ClientHistory(open=open_items, credit_limit=limit, measured=measured)


@settings(max_examples=400, deadline=None)
@given(histories())
def test_behaviour_and_grade_are_unchanged(history: ClientHistory) -> None:
    behaviour = payment_behaviour(history, AS_OF)
    assert behaviour == reference.payment_behaviour(history, AS_OF)
    assert assess_risk(behaviour) == reference.assess_risk(behaviour)


@settings(max_examples=300, deadline=None)
@given(st.lists(delays, max_size=30))
def test_delay_profile_is_unchanged(values: list[int]) -> None:
    assert delay_profile(values) == reference.delay_profile(values)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.builds(
            ForecastItem,
            st.integers(1, 6),
            st.sampled_from(["EUR", "USD"]),
            st.dates(AS_OF - timedelta(days=300), AS_OF + timedelta(days=200)),
            amounts,
            st.booleans(),
        ),
        max_size=40,
    ),
    st.builds(ForecastOptions, st.booleans(), st.booleans(), st.booleans()),
    st.dictionaries(st.integers(1, 6), st.sampled_from(["A", "B", "C", "D", "E", "new"])),
    st.integers(1, 14),
)
def test_forecast_is_unchanged(
    items: list[ForecastItem], options: ForecastOptions, grades: dict[int, str], weeks: int
) -> None:
    prior = DelayProfile(-3, 12, 40)
    profiles = {1: DelayProfile(0, 0, 0), 2: DelayProfile(5, 30, 200), 3: prior}
    assert forecast_cash(items, AS_OF, profiles, prior, weeks, options, grades) == (
        reference.forecast_cash(items, AS_OF, profiles, prior, weeks, options, grades)
    )
