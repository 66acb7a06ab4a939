"""Typed cells: each parser returns the value or records a located problem and returns None."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache

from app.domain.errors import Problem
from app.domain.money import (
    MAX_AMOUNT,
    AmbiguousAmount,
    BadGrouping,
    amount_of,
    minor_units,
    parse_rate,
    read_amount_text,
)
from app.domain.validation import MAX_YEAR, MIN_YEAR, parse_date
from app.i18n import _, ngettext
from app.services.transfer.importers.reading import CsvTable, Record
from app.services.transfer.importers.xlsx import UnsavedFormula

_CURRENCY = re.compile(r"^[A-Z]{3}$")
_PLAIN_AMOUNT = re.compile(r"-?[0-9]{1,15}(?:[.,][0-9]{1,2})?\Z")
MAX_PROBLEMS = 500
_TENDER_FROM, _TENDER_TO = date(2010, 1, 1), date(2100, 1, 1)
_NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})  # Babel's pseudo-regions


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes (Babel's territory list, without the numeric regions)."""
    from babel import Locale

    codes = {
        code
        for code in Locale("en").territories
        if isinstance(code, str) and re.fullmatch("[A-Z]{2}", code)
    }
    return frozenset(codes - _NOT_COUNTRIES)


@cache
def currency_codes() -> frozenset[str]:
    """ISO 4217 codes legal tender somewhere since 2010 (Babel's territory currencies): the
    historic ones (FRF, DEM) and the non-currencies (XXX, XTS) are refused."""
    from babel.numbers import get_territory_currencies

    codes: set[str] = set()
    for territory in country_codes():
        codes.update(
            get_territory_currencies(
                territory, start_date=_TENDER_FROM, end_date=_TENDER_TO, tender=True
            )
        )
    return frozenset(codes)


@dataclass
class Cells:
    """Reads the cells of one file, collecting every problem instead of stopping at the first."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    overflow: int = 0
    decimal: str | None = None  # the decimal separator the file's amounts settle, if they do
    settle: Callable[[], str | None] | None = None  # finds `decimal` at the first ambiguity
    flagged: set[tuple[int, str]] = field(default_factory=set)  # cells already refused

    def problem(self, record: Record | int, column: str | None, message: str) -> None:
        line = record.line if isinstance(record, Record) else record
        if column is not None and (line, column) in self.flagged:
            return  # one problem per cell: its characters were already refused
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(message, file=self.file, line=line, column=column))
        else:
            self.overflow += 1

    def missing(self, record: Record, column: str, message: str) -> None:
        """A required cell left empty; a spreadsheet's formula with no result kept says so."""
        if isinstance(record.cells.get(column), UnsavedFormula):
            message = _(
                "the cell holds a formula whose result the file does not keep: open the "
                "workbook in Excel or LibreOffice, save it, and import it again"
            )
        self.problem(record, column, message)

    def all_problems(self) -> list[Problem]:
        if not self.overflow:
            return list(self.problems)
        text = ngettext("… and {count} more problem", "… and {count} more problems", self.overflow)
        more = Problem(text.format(count=self.overflow), file=self.file)
        return [*self.problems, more]

    def text(
        self, record: Record, column: str, *, required: bool = False, max_length: int = 0
    ) -> str | None:
        value = record.get(column)
        if required and not value:
            self.missing(record, column, _("a value is required"))
            return None
        if max_length and len(value) > max_length:
            self.problem(
                record,
                column,
                _("too long: {length} characters, at most {limit}").format(
                    length=len(value), limit=max_length
                ),
            )
            return None
        return value

    def date(self, record: Record, column: str, *, required: bool = False) -> date | None:
        value = record.get(column)
        if not value:
            if required:
                self.missing(record, column, _("a date is required"))
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problem(
                record,
                column,
                _("not a date: '{value}' (expected YYYY-MM-DD or DD/MM/YYYY)").format(value=value),
            )
        elif not MIN_YEAR <= parsed.year <= MAX_YEAR:
            self.problem(
                record,
                column,
                _("the year of '{value}' is not between {low} and {high}").format(
                    value=value, low=MIN_YEAR, high=MAX_YEAR
                ),
            )
            return None
        return parsed

    def amount(
        self,
        record: Record,
        column: str,
        *,
        required: bool = False,
        positive: bool = False,
        currency: str = "EUR",
    ) -> Decimal | None:
        """An amount in the currency's minor unit (at most two decimals: cents are stored)."""
        value = record.get(column)
        if not value:
            if required:
                self.missing(record, column, _("an amount is required"))
            return None
        amount = self._number(record, column, value, currency)
        if amount is None:
            return None
        decimals = min(2, minor_units(currency))
        if amount != amount.quantize(Decimal(1).scaleb(-decimals)):
            self.problem(
                record,
                column,
                _("'{value}' has more than {decimals} decimals").format(
                    value=value, decimals=decimals
                ),
            )
            return None
        if positive and amount <= 0:
            self.problem(
                record, column, _("the amount must be positive: '{value}'").format(value=value)
            )
            return None
        if amount < 0:
            self.problem(record, column, _("a negative amount is not allowed here"))
            return None
        if amount > MAX_AMOUNT:
            self.problem(
                record,
                column,
                _("'{value}' is beyond the largest amount accepted ({limit})").format(
                    value=value, limit=MAX_AMOUNT
                ),
            )
            return None
        return amount.quantize(Decimal("0.01"))

    def _number(self, record: Record, column: str, value: str, currency: str) -> Decimal | None:
        """The amount as written, its separators and currency mark checked; None if refused."""
        if _PLAIN_AMOUNT.match(value):  # '1234', '1234.5', '1234,56': the usual export
            return Decimal(value.replace(",", "."))
        try:
            written = read_amount_text(value)
            if written.currencies is not None and currency not in written.currencies:
                self.problem(
                    record,
                    column,
                    _(
                        "'{value}' is written in {mark}, but the currency of this row is {currency}"
                    ).format(value=value, mark=written.mark, currency=currency),
                )
                return None
            try:
                return amount_of(written, self.decimal)
            except AmbiguousAmount:
                if self.settle is None:
                    raise
                self.decimal, self.settle = self.settle(), None
                return amount_of(written, self.decimal)
        except AmbiguousAmount:
            self.problem(
                record,
                column,
                _(
                    "ambiguous amount '{value}': its only separator may group thousands or mark "
                    "decimals, and the file's other amounts do not settle which; write it "
                    "without a thousands separator, or with two decimals"
                ).format(value=value),
            )
        except BadGrouping:
            self.problem(
                record,
                column,
                _(
                    "badly grouped amount '{value}': thousands come in groups of three digits"
                ).format(value=value),
            )
        except ValueError:
            self.problem(record, column, _("not an amount: '{value}'").format(value=value))
        return None

    def percent(self, record: Record, column: str) -> Decimal | None:
        value = record.get(column).rstrip("%").strip()
        if not value:
            return None
        try:
            rate = parse_rate(value, self.decimal)
        except ValueError:
            self.problem(record, column, _("not a percentage: '{value}'").format(value=value))
            return None
        if not Decimal(0) <= rate <= Decimal(100) or rate != rate.quantize(Decimal("0.001")):
            self.problem(
                record,
                column,
                _("a percentage from 0 to 100 is expected, got '{value}'").format(value=value),
            )
            return None
        return rate

    def integer(self, record: Record, column: str, *, low: int, high: int) -> int | None:
        value = record.get(column)
        if not value:
            return None
        if not re.fullmatch(r"[0-9]{1,9}", value) or not low <= int(value) <= high:
            self.problem(
                record,
                column,
                _("a whole number from {low} to {high} is expected, got '{value}'").format(
                    low=low, high=high, value=value
                ),
            )
            return None
        return int(value)

    def choice(self, record: Record, column: str, allowed: tuple[str, ...], default: str) -> str:
        value = record.get(column).lower()
        if not value:
            return default
        if value not in allowed:
            self.problem(
                record,
                column,
                _("'{value}' is not one of: {allowed}").format(
                    value=value, allowed=", ".join(allowed)
                ),
            )
            return default
        return value

    def country(self, record: Record, column: str, default: str) -> str:
        value = record.get(column).upper()
        if not value:
            return default
        if value not in country_codes():
            self.problem(
                record,
                column,
                _("'{value}' is not an ISO 3166 country code such as FR or BE").format(value=value),
            )
            return default
        return value

    def currency(self, record: Record, column: str, default: str) -> str:
        value = record.get(column).upper()
        if not value:
            return default
        if not _CURRENCY.match(value) or value not in currency_codes():
            self.problem(
                record,
                column,
                _("'{value}' is not an ISO 4217 currency code such as EUR").format(value=value),
            )
            return default
        return value


AMOUNT_COLUMNS = ("total", "net_amount", "tax_amount", "amount", "credit_limit")
FREE_TEXT = frozenset({"address", "description", "note"})  # may span lines
# Invisible characters that reorder or hide text (Trojan Source, zero-width look-alikes).
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]")


def file_decimal(table: CsvTable) -> str | None:
    """The decimal separator the file's amounts agree on (see docs/import-rules.md)."""
    from app.domain.money import settle_decimal

    present = [c for c in AMOUNT_COLUMNS if c in table.columns]
    return settle_decimal(r.get(c) for r in table.records for c in present)


def check_characters(table: CsvTable, known: tuple[str, ...], cells: Cells) -> None:
    """Refuse control characters, line breaks outside free text, and invisible characters."""
    columns = [c for c in table.columns if c in known]
    for record in table.records:
        for column in columns:
            value = record.get(column)
            if value.isprintable():
                continue
            rules = [_CONTROL, _INVISIBLE] + ([] if column in FREE_TEXT else [_LINE_BREAK])
            found = [m for m in (rule.search(value) for rule in rules) if m]
            if not found:
                continue
            first = min(found, key=lambda m: m.start())
            cells.problem(
                record,
                column,
                _(
                    "contains an invisible or control character ({code}) at position "
                    "{position}: retype the value"
                ).format(code=f"U+{ord(first.group()):04X}", position=first.start() + 1),
            )
            cells.flagged.add((record.line, column))


def check_email(cells: Cells, record: Record, column: str, value: str | None) -> None:
    """One address: no list (',' ';'), no spaces or line breaks (no header injection)."""
    from app.domain.validation import Invalid
    from app.domain.validation import check_email as valid_email

    if not value:
        return
    try:
        valid_email(value)
    except Invalid:
        cells.problem(
            record,
            column,
            _("'{value}' is not one email address (one address, no list, no spaces)").format(
                value=value
            ),
        )
