from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.workdays import (
    is_working_day,
    nth_working_day_after,
    public_holidays,
    working_day_on_or_after,
)


@pytest.mark.parametrize(
    ("day", "country", "expected"),
    [
        (date(2026, 6, 5), "FR", date(2026, 6, 5)),  # a Friday stays
        (date(2026, 6, 6), "FR", date(2026, 6, 8)),  # Saturday -> Monday
        (date(2026, 6, 7), "BE", date(2026, 6, 8)),  # Sunday -> Monday
        (date(2026, 7, 14), "FR", date(2026, 7, 15)),  # Fête nationale (a Tuesday)
        (date(2026, 7, 14), "BE", date(2026, 7, 14)),  # an ordinary day in Belgium
        (date(2026, 7, 21), "BE", date(2026, 7, 22)),  # Fête nationale belge
        (date(2026, 7, 21), "FR", date(2026, 7, 21)),
        (date(2025, 8, 15), "FR", date(2025, 8, 18)),  # Assumption on a Friday
        (date(2027, 11, 1), "FR", date(2027, 11, 2)),  # All Saints on a Monday
        (date(2026, 12, 25), "FR", date(2026, 12, 28)),  # Christmas Friday, then a weekend
        (date(2026, 4, 6), "FR", date(2026, 4, 7)),  # Easter Monday
        (date(2026, 5, 14), "FR", date(2026, 5, 15)),  # Ascension
        (date(2026, 5, 14), "BE", date(2026, 5, 15)),
        (date(2028, 2, 29), "FR", date(2028, 2, 29)),  # leap day, a Tuesday
        (date(2028, 12, 30), "FR", date(2029, 1, 2)),  # Saturday, then New Year's Day
        (date(2028, 12, 30), "BE", date(2029, 1, 2)),
    ],
)
def test_working_day_on_or_after(day: date, country: str, expected: date) -> None:
    assert working_day_on_or_after(day, country) == expected


def test_country_code_is_case_insensitive() -> None:
    assert working_day_on_or_after(date(2026, 7, 21), "be") == date(2026, 7, 22)


def test_third_working_day_after_a_friday_skips_the_weekend() -> None:
    assert nth_working_day_after(date(2026, 6, 5), 3, "FR") == date(2026, 6, 10)


def test_third_working_day_after_counts_the_belgian_national_day_out() -> None:
    friday = date(2026, 7, 17)
    assert nth_working_day_after(friday, 3, "BE") == date(2026, 7, 23)
    assert nth_working_day_after(friday, 3, "FR") == date(2026, 7, 22)


def test_nth_working_day_after_needs_a_positive_count() -> None:
    with pytest.raises(ValueError):
        nth_working_day_after(date(2026, 6, 5), 0)


def test_holidays_are_cached_per_country_and_year() -> None:
    assert public_holidays("FR", 2026) is public_holidays("FR", 2026)
    assert date(2026, 7, 14) in public_holidays("FR", 2026)
    assert date(2026, 7, 14) not in public_holidays("BE", 2026)


def test_unknown_country_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown_country"):
        public_holidays("ZZ", 2026)


days = st.dates(min_value=date(2024, 1, 1), max_value=date(2032, 12, 31))
countries = st.sampled_from(["FR", "BE"])


@given(days, countries)
def test_the_working_day_found_is_the_first_one(day: date, country: str) -> None:
    found = working_day_on_or_after(day, country)
    assert found >= day
    assert is_working_day(found, country)
    assert found.weekday() < 5
    assert found not in public_holidays(country, found.year)
    between = day
    while between < found:
        assert not is_working_day(between, country)
        between += timedelta(days=1)
    assert working_day_on_or_after(found, country) == found


@given(days, countries, st.integers(min_value=1, max_value=10))
def test_nth_working_day_after_counts_working_days(day: date, country: str, count: int) -> None:
    found = nth_working_day_after(day, count, country)
    assert is_working_day(found, country)
    span = [day + timedelta(days=n) for n in range(1, (found - day).days + 1)]
    assert sum(is_working_day(d, country) for d in span) == count
