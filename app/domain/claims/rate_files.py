"""Parsing of the rate CSV files (text in, typed rows out), every bad row located by line.

The files are the ones of data/README.md: one header row, `,` (or `;` after a spreadsheet
round trip) as delimiter, dates YYYY-MM-DD (or DD/MM/YYYY), rates with `.` or `,`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from app.domain.claims.rates import BeLateRate, EcbRateChange, FrLegalRate, is_half_year_start
from app.domain.validation import parse_date

ECB_COLUMNS = ("effective_date", "rate_percent")
FR_LEGAL_COLUMNS = ("semester_start", "rate_creditor_individual", "rate_other_cases")
BE_LATE_COLUMNS = ("semester_start", "rate_percent")

# Problem codes.
MISSING_COLUMN = "missing_column"
EMPTY_FILE = "empty_file"
BAD_DATE = "bad_date"
NOT_HALF_YEAR_START = "not_half_year_start"
BAD_RATE = "bad_rate"
DUPLICATE_DATE = "duplicate_date"

_RATE = re.compile(r"^-?\d{1,3}([.,]\d+)?$")

_Row = TypeVar("_Row")


@dataclass(frozen=True)
class RateRowProblem:
    """One bad cell or row; line is the file's line number (the header is line 1)."""

    code: str
    line: int
    column: str | None = None
    value: str = ""


class RateFileError(ValueError):
    """Every problem found in one file (the caller adds the file name and the words)."""

    def __init__(self, problems: list[RateRowProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.line}:{p.column or ''}:{p.code}" for p in problems))


def parse_ecb_csv(text: str) -> list[EcbRateChange]:
    return _parse(text, ECB_COLUMNS, _ecb_row, half_year_dates=False)


def parse_fr_legal_csv(text: str) -> list[FrLegalRate]:
    return _parse(text, FR_LEGAL_COLUMNS, _fr_row, half_year_dates=True)


def parse_be_late_csv(text: str) -> list[BeLateRate]:
    return _parse(text, BE_LATE_COLUMNS, _be_row, half_year_dates=True)


def _ecb_row(day: date, rates: list[Decimal]) -> EcbRateChange:
    return EcbRateChange(day, rates[0])


def _fr_row(day: date, rates: list[Decimal]) -> FrLegalRate:
    return FrLegalRate(day, rates[0], rates[1])


def _be_row(day: date, rates: list[Decimal]) -> BeLateRate:
    return BeLateRate(day, rates[0])


def _parse(
    text: str,
    columns: tuple[str, ...],
    build: Callable[[date, list[Decimal]], _Row],
    *,
    half_year_dates: bool,
) -> list[_Row]:
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        raise RateFileError([RateRowProblem(EMPTY_FILE, 1)])
    names = [name.strip().lower() for name in header]
    missing = [c for c in columns if c not in names]
    if missing:
        raise RateFileError([RateRowProblem(MISSING_COLUMN, 1, c) for c in missing])
    index = {c: names.index(c) for c in columns}
    date_column, rate_columns = columns[0], columns[1:]

    rows: list[_Row] = []
    problems: list[RateRowProblem] = []
    seen: set[date] = set()
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        cells = [*cells, *([""] * (len(names) - len(cells)))]
        raw_date = cells[index[date_column]].strip()
        day = parse_date(raw_date)
        found = len(problems)
        if day is None:
            problems.append(RateRowProblem(BAD_DATE, line, date_column, raw_date))
        elif half_year_dates and not is_half_year_start(day):
            problems.append(RateRowProblem(NOT_HALF_YEAR_START, line, date_column, raw_date))
        elif day in seen:
            problems.append(RateRowProblem(DUPLICATE_DATE, line, date_column, raw_date))
        rates: list[Decimal] = []
        for column in rate_columns:
            raw_rate = cells[index[column]].strip()
            rate = _parse_rate(raw_rate)
            if rate is None:
                problems.append(RateRowProblem(BAD_RATE, line, column, raw_rate))
            else:
                rates.append(rate)
        if len(problems) == found and day is not None:
            seen.add(day)
            rows.append(build(day, rates))
    if problems:
        raise RateFileError(problems)
    return rows


def _parse_rate(text: str) -> Decimal | None:
    """A percentage such as '2.65' or '2,65' (a spreadsheet in French); never through float."""
    text = text.removesuffix("%").strip()
    if not _RATE.match(text):
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern already filters
        return None
