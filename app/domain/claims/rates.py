"""Rate tables of the late-payment law and their half-year look-ups (data/README.md §1).

The tables are passed in (parsed by app.domain.claims.rate_files or built in tests): no I/O here.
A half-year the tables do not reach yet gets the latest known rate, flagged, never an error.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import TypeVar

from app.domain.errors import RelanceError

# Flags (codes) a looked-up rate can carry.
RATE_ESTIMATED = "rate_estimated"  # the half-year is past the table: latest known rate used
BE_RATE_DERIVED = "be_rate_derived"  # no Belgian row: ECB + 8 rounded up to the half point

FR_STATUTORY_MARGIN = Decimal(10)
BE_STATUTORY_MARGIN = Decimal(8)
FR_FLOOR_MULTIPLIER = Decimal(3)
_CENT = Decimal("0.01")


_Row = TypeVar("_Row", "FrLegalRate", "BeLateRate")


class RateUnavailable(RelanceError):
    """A day before the first row of a table: there is no rate to use, and none is guessed."""

    def __init__(self, table: str, day: date) -> None:
        self.table = table
        self.day = day
        super().__init__(f"rate_unavailable: {table} {day.isoformat()}")


@dataclass(frozen=True)
class EcbRateChange:
    """The MRO rate applies from effective_date until the next change."""

    effective_date: date
    rate_percent: Decimal


@dataclass(frozen=True)
class FrLegalRate:
    """French taux de l'intérêt légal of one half-year (two rates since 2015)."""

    semester_start: date
    rate_creditor_individual: Decimal
    rate_other_cases: Decimal


@dataclass(frozen=True)
class BeLateRate:
    """Belgian rate of the law of 2 August 2002 published for one half-year."""

    semester_start: date
    rate_percent: Decimal


@dataclass(frozen=True)
class HalfYearRate:
    """A rate for one half-year, with the codes saying how sure it is."""

    half_year_start: date
    rate_percent: Decimal
    flags: frozenset[str] = frozenset()

    @property
    def is_estimated(self) -> bool:
        return RATE_ESTIMATED in self.flags


def half_year_start(day: date) -> date:
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def half_year_end(day: date) -> date:
    return date(day.year, 6, 30) if day.month <= 6 else date(day.year, 12, 31)


def next_half_year_start(day: date) -> date:
    return date(day.year, 7, 1) if day.month <= 6 else date(day.year + 1, 1, 1)


def half_year_label(day: date) -> str:
    """'2025-S2': the name the data README and the letters use."""
    return f"{day.year}-S{1 if day.month <= 6 else 2}"


def is_half_year_start(day: date) -> bool:
    return day.day == 1 and day.month in (1, 7)


def be_rate_from_mro(mro_percent: Decimal) -> Decimal:
    """MRO + 8 points rounded up to the next half point (8.00 stays, 8.05 -> 8.50)."""
    doubled = ((mro_percent + BE_STATUTORY_MARGIN) * 2).to_integral_value(rounding=ROUND_CEILING)
    return (doubled / 2).quantize(_CENT)


@dataclass(frozen=True)
class RateTables:
    """The three tables, each sorted by date with unique dates."""

    ecb: tuple[EcbRateChange, ...]
    fr_legal: tuple[FrLegalRate, ...]
    be_late: tuple[BeLateRate, ...]

    @classmethod
    def build(
        cls,
        ecb: Iterable[EcbRateChange],
        fr_legal: Iterable[FrLegalRate],
        be_late: Iterable[BeLateRate],
    ) -> RateTables:
        """Sort the rows; a later row with the same date replaces an earlier one (overrides)."""
        ecb_rows = {row.effective_date: row for row in ecb}
        fr_rows = {row.semester_start: row for row in fr_legal}
        be_rows = {row.semester_start: row for row in be_late}
        for start in (*fr_rows, *be_rows):
            if not is_half_year_start(start):
                raise ValueError(f"not_half_year_start: {start.isoformat()}")
        return cls(
            ecb=tuple(ecb_rows[d] for d in sorted(ecb_rows)),
            fr_legal=tuple(fr_rows[d] for d in sorted(fr_rows)),
            be_late=tuple(be_rows[d] for d in sorted(be_rows)),
        )

    # ECB -------------------------------------------------------------------------------

    def ecb_rate_on(self, day: date) -> Decimal:
        """The MRO rate in force on day: the last change with effective_date <= day."""
        return self._ecb_row(day).rate_percent

    def is_ecb_rate_known_on(self, day: date) -> bool:
        """False after the table's last change: a later ECB decision may be missing."""
        return bool(self.ecb) and day <= self.ecb[-1].effective_date

    def _ecb_row(self, day: date) -> EcbRateChange:
        dates = [row.effective_date for row in self.ecb]
        index = bisect.bisect_right(dates, day) - 1
        if index < 0:
            raise RateUnavailable("ecb", day)
        return self.ecb[index]

    def _ecb_on_half_year(self, day: date) -> HalfYearRate:
        start = half_year_start(day)
        flags = frozenset() if self.is_ecb_rate_known_on(start) else frozenset({RATE_ESTIMATED})
        return HalfYearRate(start, self.ecb_rate_on(start), flags)

    # France ----------------------------------------------------------------------------

    def fr_default_rate(self, day: date) -> HalfYearRate:
        """L441-10: ECB rate in force on 1 January / 1 July of day's half-year, + 10 points."""
        ecb = self._ecb_on_half_year(day)
        return HalfYearRate(ecb.half_year_start, ecb.rate_percent + FR_STATUTORY_MARGIN, ecb.flags)

    def fr_legal_rate(self, day: date, *, creditor_individual: bool = False) -> HalfYearRate:
        """Taux de l'intérêt légal of day's half-year; 'other cases' unless said otherwise."""
        row, flags = _half_year_row(self.fr_legal, day, "fr_legal")
        rate = row.rate_creditor_individual if creditor_individual else row.rate_other_cases
        return HalfYearRate(half_year_start(day), rate, flags)

    def fr_floor_rate(self, day: date) -> HalfYearRate:
        """The lowest rate a French clause may set: 3 x the legal rate (other cases)."""
        legal = self.fr_legal_rate(day)
        return HalfYearRate(
            legal.half_year_start, legal.rate_percent * FR_FLOOR_MULTIPLIER, legal.flags
        )

    # Belgium ---------------------------------------------------------------------------

    def be_rate(self, day: date) -> HalfYearRate:
        """The published rate of day's half-year, else the derivation (flagged)."""
        start = half_year_start(day)
        if not self.be_late or start < self.be_late[0].semester_start:
            raise RateUnavailable("be_late", day)
        for row in self.be_late:
            if row.semester_start == start:
                return HalfYearRate(start, row.rate_percent)
        ecb = self._ecb_on_half_year(day)
        derived = be_rate_from_mro(ecb.rate_percent)
        return HalfYearRate(start, derived, ecb.flags | {BE_RATE_DERIVED})

    def be_derived_rate(self, day: date) -> HalfYearRate:
        """What the derivation gives for day's half-year, whether or not a row exists."""
        ecb = self._ecb_on_half_year(day)
        return HalfYearRate(ecb.half_year_start, be_rate_from_mro(ecb.rate_percent), ecb.flags)


def _half_year_row(rows: tuple[_Row, ...], day: date, table: str) -> tuple[_Row, frozenset[str]]:
    """The row of day's half-year, else the latest earlier row flagged as estimated."""
    start = half_year_start(day)
    dates = [row.semester_start for row in rows]
    index = bisect.bisect_right(dates, start) - 1
    if index < 0:
        raise RateUnavailable(table, day)
    row = rows[index]
    flags = frozenset() if row.semester_start == start else frozenset({RATE_ESTIMATED})
    return row, flags
