"""Typed cells: each parser returns the value or records a located problem and returns None."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache

from app.domain.errors import Problem
from app.domain.money import minor_units, parse_amount
from app.domain.validation import parse_date
from app.i18n import _, ngettext
from app.services.transfer.importers.reading import Record

_CURRENCY = re.compile(r"^[A-Z]{3}$")
MAX_PROBLEMS = 500
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
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


@dataclass
class Cells:
    """Reads the cells of one file, collecting every problem instead of stopping at the first."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    overflow: int = 0

    def problem(self, record: Record | int, column: str | None, message: str) -> None:
        line = record.line if isinstance(record, Record) else record
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(message, file=self.file, line=line, column=column))
        else:
            self.overflow += 1

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
            self.problem(record, column, _("a value is required"))
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
                self.problem(record, column, _("a date is required"))
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problem(
                record,
                column,
                _("not a date: '{value}' (expected YYYY-MM-DD or DD/MM/YYYY)").format(value=value),
            )
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
                self.problem(record, column, _("an amount is required"))
            return None
        try:
            amount = parse_amount(value)
        except ValueError:
            self.problem(record, column, _("not an amount: '{value}'").format(value=value))
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
        return amount.quantize(Decimal("0.01"))

    def percent(self, record: Record, column: str) -> Decimal | None:
        value = record.get(column).rstrip("%").strip()
        if not value:
            return None
        try:
            rate = parse_amount(value)
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
        if not re.fullmatch(r"\d+", value) or not low <= int(value) <= high:
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
