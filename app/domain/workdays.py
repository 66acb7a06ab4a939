"""Working days of the company's country: follow-up actions never fall on a weekend or holiday.

The public holidays are computed here (Easter by the Gregorian computus, the fixed days and
the days that follow Easter) rather than read from a holiday library, which would import
every country's calendar at each start of `relance agenda` or `relance claim`.
tests/domain/test_holidays.py checks them year by year against the `holidays` package."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

SUPPORTED_COUNTRIES = ("FR", "BE")

_ONE_DAY = timedelta(days=1)

# Days after Easter Sunday.
_EASTER_MONDAY, _ASCENSION, _WHIT_SUNDAY, _WHIT_MONDAY = 1, 39, 49, 50


def easter_sunday(year: int) -> date:
    """Western (Gregorian) Easter Sunday, by the anonymous Gregorian algorithm (Meeus)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _french(year: int) -> set[date]:
    """Metropolitan France, national days only (Alsace-Moselle's two more are not counted).
    Whit Monday was the "journée de solidarité" worked in 2005-2007; 8 May is a holiday
    again since 1982."""
    easter = easter_sunday(year)
    days = {date(year, month, day) for month, day in ((1, 1), (5, 1), (7, 14), (8, 15))}
    days |= {date(year, 11, 1), date(year, 11, 11), date(year, 12, 25)}
    if year >= 1982:
        days.add(date(year, 5, 8))
    days.add(easter + timedelta(days=_EASTER_MONDAY))
    days.add(easter + timedelta(days=_ASCENSION))
    if year not in (2005, 2006, 2007):
        days.add(easter + timedelta(days=_WHIT_MONDAY))
    return days


def _belgian(year: int) -> set[date]:
    """Belgium's ten legal holidays, with Easter Sunday and Whit Sunday (both Sundays)."""
    easter = easter_sunday(year)
    days = {date(year, month, day) for month, day in ((1, 1), (5, 1), (7, 21), (8, 15))}
    days |= {date(year, 11, 1), date(year, 11, 11), date(year, 12, 25)}
    for after in (0, _EASTER_MONDAY, _ASCENSION, _WHIT_SUNDAY, _WHIT_MONDAY):
        days.add(easter + timedelta(days=after))
    return days


_CALENDARS = {"FR": _french, "BE": _belgian}


@cache
def public_holidays(country: str, year: int) -> frozenset[date]:
    """The national public holidays of one year (no regional ones: Alsace-Moselle is not FR)."""
    calendar = _CALENDARS.get(country.upper())
    if calendar is None:
        raise ValueError(f"unknown_country: {country}")
    return frozenset(calendar(year))


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
