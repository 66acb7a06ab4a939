"""Properties of compute_claim over random invoices, payments and dates on the real tables."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.claims.claim import Claim
from app.domain.claims.interest import compute_claim
from app.domain.claims.rates import half_year_start
from tests.domain.claims.claim_helpers import real_tables

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Case:
    jurisdiction: str
    client_type: str
    invoice_total: Decimal
    due_date: date
    as_of: date
    reductions: tuple[tuple[date, Decimal], ...]
    contractual_rate: Decimal | None
    formal_notice_date: date | None
    first_reminder_date: date | None
    is_first_reminder_electronic: bool
    fees: Decimal

    def run(self) -> Claim:
        return compute_claim(real_tables(), **self.__dict__)


def _cents(low: int, high: int) -> st.SearchStrategy[Decimal]:
    return st.integers(low, high).map(lambda n: Decimal(n) / 100)


def _offsets(due: date, low: int, high: int) -> st.SearchStrategy[date]:
    return st.integers(low, high).map(lambda n: due + timedelta(days=n))


@st.composite
def cases(draw: st.DrawFn) -> Case:
    due = draw(st.dates(date(2015, 1, 1), date(2027, 6, 30)))
    optional_day = st.none() | _offsets(due, -20, 400)
    return Case(
        jurisdiction=draw(st.sampled_from(["FR", "BE"])),
        client_type=draw(st.sampled_from(["business", "consumer"])),
        invoice_total=draw(_cents(0, 5_000_000)),
        due_date=due,
        as_of=draw(_offsets(due, -30, 900)),
        reductions=tuple(
            draw(st.lists(st.tuples(_offsets(due, -60, 900), _cents(1, 2_000_000)), max_size=6))
        ),
        contractual_rate=draw(st.none() | _cents(0, 2500)),
        formal_notice_date=draw(optional_day),
        first_reminder_date=draw(optional_day),
        is_first_reminder_electronic=draw(st.booleans()),
        fees=draw(_cents(0, 5000)),
    )


@settings(max_examples=300, deadline=None)
@given(cases())
def test_amounts_add_up_and_are_never_negative(case: Case) -> None:
    result = case.run()
    assert result.interest >= 0
    assert all(p.interest >= 0 and p.days >= 1 and p.principal > 0 for p in result.interest_periods)
    assert result.interest == sum((p.interest for p in result.interest_periods), Decimal(0))
    assert result.total == (
        result.principal + result.interest + result.fixed_indemnity + result.fees
    )
    assert result.principal in (result.balance, 0)
    assert all(p.interest == p.interest.quantize(CENT) for p in result.interest_periods)


@settings(max_examples=300, deadline=None)
@given(cases())
def test_periods_cover_start_to_end_day_by_day_within_half_years(case: Case) -> None:
    result = case.run()
    periods = result.interest_periods
    if not periods:
        assert result.interest_start is None
        assert result.interest_end is None
        return
    assert result.interest_start is not None
    assert result.interest_end is not None
    assert result.interest_days == (result.interest_end - result.interest_start).days
    assert periods[0].first_day == result.interest_start + timedelta(days=1)
    assert periods[-1].last_day == result.interest_end <= case.as_of
    for period in periods:
        assert period.days == (period.last_day - period.first_day).days + 1
        assert half_year_start(period.first_day) == half_year_start(period.last_day)
    for before, after in pairwise(periods):
        assert after.first_day == before.last_day + timedelta(days=1)
    assert result.interest_start >= case.due_date


@settings(max_examples=300, deadline=None)
@given(cases(), st.integers(0, 100_000))
def test_paying_more_on_the_same_days_never_increases_interest(case: Case, extra: int) -> None:
    more = tuple((day, amount + Decimal(extra) / 100) for day, amount in case.reductions)
    assert replace(case, reductions=more).run().interest <= case.run().interest


@settings(max_examples=300, deadline=None)
@given(cases(), st.integers(-60, 900), _cents(1, 2_000_000))
def test_one_more_payment_never_increases_interest(
    case: Case, offset: int, amount: Decimal
) -> None:
    """Beyond the cent the extra split can add by rounding its two halves separately."""
    payment = (case.due_date + timedelta(days=offset), amount)
    more = replace(case, reductions=(*case.reductions, payment))
    assert more.run().interest <= case.run().interest + CENT
