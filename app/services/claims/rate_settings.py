"""Keeping the rate tables current from the window: the bundled rows, the user's own rows, and
adding or removing a row of the user's (a new ECB or legal rate each half-year).

The user's rows live in user_config_dir()/rates/ in the bundled files' format, so that what
the window writes and what a user copies there by hand are read the same way.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from app.domain.claims import rate_files
from app.domain.claims.rates import half_year_label, half_year_start, is_half_year_start
from app.domain.errors import InvalidInput, NotFound, Problem
from app.domain.validation import parse_date
from app.i18n import N_, _
from app.services.claims.rates import (
    BE_LATE_FILE,
    ECB_FILE,
    FR_LEGAL_FILE,
    RATE_FILES,
    bundled_rates_dir,
    describe_problem,
    load_rate_tables,
    user_rates_dir,
)

MIN_RATE = Decimal("-5")
MAX_RATE = Decimal("50")


@dataclass(frozen=True)
class TableSpec:
    file: str
    title: str  # marked with N_, translated by the caller
    short_title: str
    columns: tuple[str, ...]  # the date column first, then the rates
    half_yearly: bool


TABLES = {
    ECB_FILE: TableSpec(
        ECB_FILE,
        N_("ECB main refinancing rate"),
        N_("ECB rate"),
        rate_files.ECB_COLUMNS,
        half_yearly=False,
    ),
    FR_LEGAL_FILE: TableSpec(
        FR_LEGAL_FILE,
        N_("French legal interest rate"),
        N_("Legal rate (France)"),
        rate_files.FR_LEGAL_COLUMNS,
        half_yearly=True,
    ),
    BE_LATE_FILE: TableSpec(
        BE_LATE_FILE,
        N_("Belgian late-payment rate"),
        N_("Late-payment rate (Belgium)"),
        rate_files.BE_LATE_COLUMNS,
        half_yearly=True,
    ),
}


@dataclass(frozen=True)
class RateEntry:
    start: date
    rates: tuple[Decimal, ...]  # in the order of the table's rate columns
    source: str
    yours: bool  # added by the user (removable), else bundled with Relance


class RateSettings:
    def __init__(
        self,
        bundled: Callable[[], Path] = bundled_rates_dir,
        user: Callable[[], Path] = user_rates_dir,
    ) -> None:
        self._bundled = bundled
        self._user = user

    def entries(self, table: str) -> list[RateEntry]:
        """Every row in use, newest first; a row of the user's replaces the bundled one."""
        spec = _spec(table)
        rows = {e.start: e for e in _read(self._bundled() / spec.file, spec, yours=False)}
        rows.update({e.start: e for e in _read(self._user() / spec.file, spec, yours=True)})
        return sorted(rows.values(), key=lambda e: e.start, reverse=True)

    def missing(self, today: date) -> dict[str, str]:
        """The half-yearly tables without a row for today's half-year: file -> sentence."""
        start = half_year_start(today)
        return {
            spec.file: _(
                "No {table} for {half_year} yet: the claims use the last known rate "
                "until it is added."
            ).format(table=_(spec.title), half_year=half_year_label(start))
            for spec in TABLES.values()
            if spec.half_yearly and not any(e.start == start for e in self.entries(spec.file))
        }

    def save(
        self, table: str, start: date | None, rates: Sequence[Decimal | None], source: str
    ) -> RateEntry:
        """Add the row (or replace the user's row of that date); nothing is written when a
        value is wrong. Problems name the column of the table."""
        spec = _spec(table)
        entry = _checked(spec, start, rates, source)
        path = self._user() / spec.file
        kept = [e for e in _read(path, spec, yours=True) if e.start != entry.start]
        self._write(spec, path, [*kept, entry])
        return entry

    def remove(self, table: str, start: date) -> None:
        """Remove a row the user added (a bundled row cannot be removed, only replaced)."""
        spec = _spec(table)
        path = self._user() / spec.file
        rows = _read(path, spec, yours=True)
        kept = [e for e in rows if e.start != start]
        if len(kept) == len(rows):
            raise NotFound(_("only the rows you added can be removed"))
        self._write(spec, path, kept)

    def _write(self, spec: TableSpec, path: Path, rows: list[RateEntry]) -> None:
        """Write next to the file, check the whole set of tables reads, then replace."""
        if not rows:
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([*spec.columns, "source"])
        for row in sorted(rows, key=lambda e: e.start):
            writer.writerow([row.start.isoformat(), *(f"{r}" for r in row.rates), row.source])
        temporary = path.with_suffix(".new")
        temporary.write_text(buffer.getvalue(), encoding="utf-8")
        try:
            _parse(spec, buffer.getvalue())
        except rate_files.RateFileError as error:  # pragma: no cover - rows were checked
            temporary.unlink(missing_ok=True)
            raise InvalidInput(str(error)) from error
        os.replace(temporary, path)
        load_rate_tables(self._bundled(), self._user())


def _spec(table: str) -> TableSpec:
    if table not in TABLES:
        raise NotFound(_("no such rate table: {name}").format(name=table))
    return TABLES[table]


def _checked(
    spec: TableSpec, start: date | None, rates: Sequence[Decimal | None], source: str
) -> RateEntry:
    date_column, rate_columns = spec.columns[0], spec.columns[1:]
    problems = []
    if start is None:
        problems.append(Problem(_("a date is required"), column=date_column))
    elif spec.half_yearly and not is_half_year_start(start):
        problems.append(Problem(_("a half-year starts on 1 January or 1 July"), column=date_column))
    if len(rates) != len(rate_columns):
        raise InvalidInput(f"{spec.file}: {len(rate_columns)} rates expected")
    for column, rate in zip(rate_columns, rates, strict=True):
        if rate is None:
            problems.append(Problem(_("a rate in percent is required"), column=column))
        elif not MIN_RATE <= rate <= MAX_RATE:
            problems.append(
                Problem(
                    _("a rate between {low} % and {high} % is expected").format(
                        low=MIN_RATE, high=MAX_RATE
                    ),
                    column=column,
                )
            )
    text = " ".join(source.split())
    if not text:
        problems.append(
            Problem(
                _("say where the rate comes from (official journal, ECB press release…)"),
                column="source",
            )
        )
    if problems:
        raise InvalidInput(problems)
    assert start is not None
    return RateEntry(start, tuple(r for r in rates if r is not None), text, yours=True)


def _parse(spec: TableSpec, text: str) -> Sequence[object]:
    parsers: dict[str, Callable[[str], Sequence[object]]] = {
        ECB_FILE: rate_files.parse_ecb_csv,
        FR_LEGAL_FILE: rate_files.parse_fr_legal_csv,
        BE_LATE_FILE: rate_files.parse_be_late_csv,
    }
    return parsers[spec.file](text)


def _read(path: Path, spec: TableSpec, *, yours: bool) -> list[RateEntry]:
    """The rows of one file with their sources (checked by the domain parser first)."""
    if not path.is_file():
        return []
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    try:
        parsed = _parse(spec, text)
    except rate_files.RateFileError as error:
        raise InvalidInput([describe_problem(path, p) for p in error.problems]) from error
    sources = _sources(text, spec.columns[0])
    entries = []
    for row in parsed:
        values = [getattr(row, name) for name in spec.columns]
        start = values[0]
        entries.append(RateEntry(start, tuple(values[1:]), sources.get(start, ""), yours))
    return entries


def _sources(text: str, date_column: str) -> dict[date, str]:
    """The `source` column by date (the parser does not keep it)."""
    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(
        io.StringIO(text), delimiter=";" if first.count(";") > first.count(",") else ","
    )
    found = {}
    for row in reader:
        names = {(k or "").strip().lower(): (v or "") for k, v in row.items()}
        day = parse_date(names.get(date_column, "").strip())
        if day is not None:
            found[day] = names.get("source", "").strip()
    return found


__all__ = ["RATE_FILES", "TABLES", "RateEntry", "RateSettings", "TableSpec"]
