"""Amounts are Decimal, quantised to the currency's minor unit; never float."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache

ZERO = Decimal("0")

# ISO 4217 minor units for the currencies a French or Belgian business meets; others: 2.
_MINOR_UNITS = {
    "JPY": 0,
    "KRW": 0,
    "ISK": 0,
    "CLP": 0,
    "XOF": 0,
    "XAF": 0,
    "XPF": 0,
    "BHD": 3,
    "KWD": 3,
    "OMR": 3,
    "TND": 3,
    "JOD": 3,
}

# A currency sign names these currencies; an ISO code written next to the amount names itself.
CURRENCY_SIGNS: dict[str, frozenset[str]] = {
    "€": frozenset({"EUR"}),
    "£": frozenset({"GBP"}),
    "¥": frozenset({"JPY", "CNY"}),
    "$": frozenset({"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"}),
}
# Largest amount a cell may hold: far below the database's integer cents (9.2e16 cents).
MAX_AMOUNT = Decimal("999999999999.99")
_GROUP = " \u00a0\u202f\u2009'"  # spaces and the Swiss apostrophe only ever group thousands
_SPACE = "[ \u00a0\u202f\u2009]*"
_MARK = "[€£¥$]|[A-Za-z]{3}"
_SHAPE = re.compile(
    rf"^(?P<s1>[+-]?){_SPACE}(?P<pre>{_MARK})?{_SPACE}(?P<s2>[+-]?)"
    rf"(?P<num>[0-9][0-9.,{_GROUP}]*[0-9]|[0-9]){_SPACE}(?P<post>{_MARK})?$"
)


class AmbiguousAmount(ValueError):
    """'1,000' or '2.500': the only separator may group thousands or mark decimals."""


class BadGrouping(ValueError):
    """'1,2.3', '12 34': thousands separators that do not part groups of three digits."""


@dataclass(frozen=True)
class AmountText:
    """What an amount's text says about itself before it becomes a number."""

    sign: str
    digits: str  # digits, ',' '.' and ' ' (every grouping space made a plain space)
    currencies: frozenset[str] | None  # the currencies its sign or code allows; None: no mark
    mark: str  # the sign or code as written ('' without one)

    @property
    def decimal(self) -> str | None:
        """The decimal separator the text proves by itself ('.' or ','), else None."""
        return _decimal_of(self.digits)


def read_amount_text(text: str) -> AmountText:
    """Split an amount's text into sign, digits and currency mark; ValueError if not shaped
    like an amount (ASCII digits only, one sign, at most a currency sign or code each side)."""
    match = _SHAPE.match(text.strip())
    if match is None or (match["s1"] and match["s2"]):
        raise ValueError(f"not an amount: {text!r}")
    marks = [m for m in (match["pre"], match["post"]) if m]
    allowed: frozenset[str] | None = None
    for mark in marks:
        names = CURRENCY_SIGNS.get(mark) or frozenset({mark.upper()})
        allowed = names if allowed is None else allowed & names
    digits = re.sub(f"[{_GROUP}]", " ", match["num"])
    return AmountText(match["s1"] or match["s2"], digits, allowed, " ".join(marks))


def _decimal_of(digits: str) -> str | None:
    commas, dots = digits.count(","), digits.count(".")
    if commas and dots:
        return "," if digits.rfind(",") > digits.rfind(".") else "."
    if commas + dots == 0:
        return None
    sep = "," if commas else "."
    other = "." if sep == "," else ","
    if commas + dots > 1:
        return other  # repeated: it groups thousands, so the other one marks decimals
    before, after = digits.split(sep)
    if " " in before or len(after) != 3:
        return sep
    if before.startswith("0") or len(before) > 3:
        return sep  # '0,125' or '1234,567' cannot be grouped thousands
    return None


def settle_decimal(texts: Iterable[str]) -> str | None:
    """The decimal separator the amounts of one file agree on, or None if they do not say
    (or contradict each other)."""
    seen: set[str] = set()
    for text in texts:
        try:
            found = read_amount_text(text).decimal
        except ValueError:
            continue
        if found:
            seen.add(found)
    return seen.pop() if len(seen) == 1 else None


def parse_amount(text: str, decimal: str | None = None) -> Decimal:
    """Parse '1 234,56 €', '1,234.56', '-12.5', '1.234,56' into a Decimal, without float.

    `decimal` (',' or '.') settles an amount whose only separator is followed by exactly
    three digits ('1,000'); without it such an amount raises AmbiguousAmount. Thousands must
    come in groups of three (BadGrouping). Raises ValueError when the text is not an amount.
    """
    return amount_of(read_amount_text(text), decimal)


def parse_rate(text: str, decimal: str | None = None) -> Decimal:
    """A percentage: '8,125' or '3.150' read with that separator as the decimal one, since a
    thousands reading would be over 100 %."""
    parsed = read_amount_text(text)
    try:
        return amount_of(parsed, decimal)
    except AmbiguousAmount:
        return amount_of(parsed, "," if "," in parsed.digits else ".")


def amount_of(parsed: AmountText, decimal: str | None = None) -> Decimal:
    digits = parsed.digits
    point = parsed.decimal
    if point is None and ("," in digits or "." in digits):
        # one ',' or '.' followed by exactly three digits: thousands or decimals?
        if decimal is None:
            raise AmbiguousAmount(digits)
        point = decimal
    if point and point not in digits:
        point = None  # '1.000.000' proves '.' groups; there is no decimal part
    whole, _sep, fraction = digits.partition(point) if point else (digits, "", "")
    if point and not fraction.isdigit():
        raise BadGrouping(digits)
    marks = {c for c in whole if not c.isdigit()}
    if len(marks) > 1:
        raise BadGrouping(digits)
    if marks:
        groups = whole.split(marks.pop())
        if not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
            raise BadGrouping(digits)
        whole = "".join(groups)
    if not whole.isascii() or not whole.isdigit():
        raise ValueError(f"not an amount: {digits!r}")
    try:
        return Decimal(f"{parsed.sign}{whole}.{fraction}" if point else f"{parsed.sign}{whole}")
    except InvalidOperation as exc:  # pragma: no cover - the checks above already filter
        raise ValueError(f"not an amount: {digits!r}") from exc


def minor_units(currency: str) -> int:
    """Number of decimals of the currency (2 for EUR)."""
    return _MINOR_UNITS.get(currency.upper(), 2)


@cache
def quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-minor_units(currency))


def quantize(amount: Decimal, currency: str = "EUR") -> Decimal:
    """Round half up to the currency's minor unit (the rounding of French invoices)."""
    return amount.quantize(quantum(currency), rounding=ROUND_HALF_UP)


def format_plain(amount: Decimal, currency: str = "EUR") -> str:
    """Machine form: '1234.50', '-0.10' (the JSON and CSV contract)."""
    text = f"{quantize(amount, currency):f}"
    return "0.00" if text in ("-0.00",) else text
