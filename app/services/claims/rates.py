"""The late-payment rate tables: bundled files plus the user's own rows, loaded once.

The user keeps the tables current (a new ECB row each half-year) by putting files with the
same names in user_config_dir()/rates: their rows are added to the bundled ones, and a row
with the same date replaces the bundled row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from threading import Lock
from typing import Any

from app import paths
from app.domain.claims import rate_files
from app.domain.claims.rate_files import RateFileError, RateRowProblem
from app.domain.claims.rates import RateTables, RateUnavailable, half_year_label
from app.domain.errors import InvalidInput, Problem
from app.i18n import _

log = logging.getLogger(__name__)

ECB_FILE = "ecb_main_refinancing_rate.csv"
FR_LEGAL_FILE = "fr_legal_interest_rate.csv"
BE_LATE_FILE = "be_late_payment_rate.csv"
RATE_FILES = (ECB_FILE, FR_LEGAL_FILE, BE_LATE_FILE)

_PARSERS: dict[str, Callable[[str], list[Any]]] = {
    ECB_FILE: rate_files.parse_ecb_csv,
    FR_LEGAL_FILE: rate_files.parse_fr_legal_csv,
    BE_LATE_FILE: rate_files.parse_be_late_csv,
}

_cache: dict[tuple[object, ...], RateTables] = {}
_lock = Lock()


def bundled_rates_dir() -> Path:
    return paths.resources_dir() / "rates"


def user_rates_dir() -> Path:
    """Where the user's own rate files go (not created here: it is optional)."""
    return paths.user_config_dir() / "rates"


def rate_tables() -> RateTables:
    """The tables in use, reloaded only when a bundled or user file has changed on disk."""
    return load_rate_tables(bundled_rates_dir(), user_rates_dir())


def load_rate_tables(bundled: Path, overrides: Path | None = None) -> RateTables:
    """Read the three bundled files and, when present, the user's files of the same names.

    Raises InvalidInput naming the file and the line of every bad row.
    """
    key = (_signature(bundled), _signature(overrides) if overrides else None)
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            return cached
        rows: dict[str, list[Any]] = {}
        problems: list[Problem] = []
        for name in RATE_FILES:
            rows[name] = []
            for folder in (bundled, overrides):
                if folder is None:
                    continue
                path = folder / name
                if folder is overrides and not path.is_file():
                    continue
                try:
                    rows[name] += _read_rows(path)
                except InvalidInput as error:
                    problems += error.problems
        if problems:
            raise InvalidInput(problems)
        try:
            tables = RateTables.build(rows[ECB_FILE], rows[FR_LEGAL_FILE], rows[BE_LATE_FILE])
        except ValueError as error:  # pragma: no cover - the parsers already check every row
            raise InvalidInput(str(error)) from error
        _cache.clear()
        _cache[key] = tables
        log.info(
            "rate tables loaded: %d ECB, %d FR, %d BE rows",
            len(tables.ecb),
            len(tables.fr_legal),
            len(tables.be_late),
        )
        return tables


def clear_rate_tables_cache() -> None:
    """Forget the loaded tables (tests; the cache already notices edited files)."""
    with _lock:
        _cache.clear()


def describe_rate_unavailable(error: RateUnavailable) -> str:
    """The user's words for a date the tables do not cover."""
    tables = {
        "ecb": _("ECB main refinancing rate"),
        "fr_legal": _("French legal interest rate"),
        "be_late": _("Belgian late-payment rate"),
    }
    return _("No {table} is known for {half_year}; add it to the rate tables.").format(
        table=tables.get(error.table, error.table), half_year=half_year_label(error.day)
    )


def _read_rows(path: Path) -> list[Any]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        message = _("cannot read the file ({detail})").format(detail=error.strerror or error)
        raise InvalidInput(Problem(message, file=str(path))) from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    try:
        return _PARSERS[path.name](text)
    except RateFileError as error:
        raise InvalidInput([describe_problem(path, p) for p in error.problems]) from error


def describe_problem(path: Path, problem: RateRowProblem) -> Problem:
    """A bad row of a rate file in the user's words, with the file, line and column."""
    messages = {
        rate_files.EMPTY_FILE: _("the file is empty: a header row is expected"),
        rate_files.MISSING_COLUMN: _("required column missing from the header"),
        rate_files.BAD_DATE: _("'{value}' is not a date (YYYY-MM-DD)"),
        rate_files.NOT_HALF_YEAR_START: _(
            "{value} is not the first day of a half-year (1 January or 1 July)"
        ),
        rate_files.BAD_RATE: _("'{value}' is not a rate in percent"),
        rate_files.DUPLICATE_DATE: _("the date {value} appears twice"),
    }
    missing_value = problem.code in (rate_files.BAD_DATE, rate_files.BAD_RATE) and not problem.value
    template = _("a value is required") if missing_value else messages[problem.code]
    message = template.format(value=problem.value)
    return Problem(message, file=str(path), line=problem.line, column=problem.column)


def _signature(folder: Path) -> tuple[object, ...]:
    """The folder and each rate file's size and modification time (absent files: None)."""
    stamps: list[object] = [str(folder)]
    for name in RATE_FILES:
        try:
            stat = (folder / name).stat()
        except OSError:
            stamps.append(None)
        else:
            stamps.append((stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)
