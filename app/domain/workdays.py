"""Working days of the company's country: follow-up actions never fall on a weekend or holiday."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays

SUPPORTED_COUNTRIES = ("FR", "BE")

_ONE_DAY = timedelta(days=1)


@cache
def public_holidays(country: str, year: int) -> frozenset[date]:
    """The national public holidays of one year (no regional ones: Alsace-Moselle is not FR)."""
    try:
        calendar = holidays.country_holidays(country.upper(), years=year)
    except NotImplementedError as exc:
        raise ValueError(f"unknown_country: {country}") from exc
    return frozenset(calendar.keys())


def is_working_day(day: date, country: str = "FR") -> bool:
    return day.weekday() < 5 and day not in public_holidays(country.upper(), day.year)


def working_day_on_or_after(day: date, country: str = "FR") -> date:
    """The day itself when it is a working day, else the next one (Saturday -> Monday)."""
    while not is_working_day(day, country):
        day += _ONE_DAY
    return day


def nth_working_day_after(day: date, count: int, country: str = "FR") -> date:
    """The count-th working day strictly after day (count >= 1); day itself never counts."""
    if count < 1:
        raise ValueError("count must be at least 1")
    found = 0
    while found < count:
        day += _ONE_DAY
        if is_working_day(day, country):
            found += 1
    return day
