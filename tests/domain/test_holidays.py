"""The public holidays computed in the domain are the ones the `holidays` package gives, year
by year, for every country Relance supports (the package is only a test dependency)."""

from __future__ import annotations

from datetime import date

import holidays
import pytest

from app.domain.workdays import SUPPORTED_COUNTRIES, easter_sunday, public_holidays

YEARS = range(1990, 2101)


@pytest.mark.parametrize("country", SUPPORTED_COUNTRIES)
def test_public_holidays_match_the_holidays_package(country: str) -> None:
    reference = holidays.country_holidays(country, years=YEARS)
    for year in YEARS:
        expected = {day for day in reference if day.year == year}
        assert public_holidays(country, year) == expected, (country, year)


def test_easter_sunday_on_known_years() -> None:
    # From the published tables: earliest (22 March) and latest (25 April) possible dates.
    assert easter_sunday(2026) == date(2026, 4, 5)
    assert easter_sunday(2285) == date(2285, 3, 22)
    assert easter_sunday(2038) == date(2038, 4, 25)
    assert easter_sunday(2000) == date(2000, 4, 23)


def test_french_holidays_of_2026_by_name() -> None:
    assert sorted(public_holidays("fr", 2026)) == [
        date(2026, 1, 1),
        date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 1),
        date(2026, 5, 8),
        date(2026, 5, 14),  # Ascension
        date(2026, 5, 25),  # Whit Monday
        date(2026, 7, 14),
        date(2026, 8, 15),
        date(2026, 11, 1),
        date(2026, 11, 11),
        date(2026, 12, 25),
    ]
