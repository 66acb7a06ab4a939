"""Amounts are Decimal, quantised to the currency's minor unit; never float."""

from __future__ import annotations

import re
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

_CURRENCY_SIGNS = "€$£¥"
_SPACES = " \u00a0\u202f\u2009'"
_NUMBER = re.compile(r"^[+-]?(\d+)(\.\d+)?$")


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


def parse_amount(text: str) -> Decimal:
    """Parse '1 234,56 €', '1,234.56', '-12.5', '1.234,56' into a Decimal, without float.

    Raises ValueError with a short reason when the text is not an amount.
    """
    raw = text.strip()
    for sign in _CURRENCY_SIGNS:
        raw = raw.replace(sign, "")
    raw = raw.strip()
    if raw.upper().endswith("EUR"):
        raw = raw[:-3]
    for space in _SPACES:
        raw = raw.replace(space, "")
    if not raw:
        raise ValueError("empty amount")
    if "," in raw and "." in raw:
        # The last separator is the decimal one; the other groups thousands.
        if raw.rfind(",") > raw.rfind("."):
            raw = raw.replace(".", "").replace(",", ".")
        else:
            raw = raw.replace(",", "")
    elif "," in raw:
        if raw.count(",") > 1:
            raise ValueError(f"not an amount: {text!r}")
        raw = raw.replace(",", ".")
    elif raw.count(".") > 1:
        raise ValueError(f"not an amount: {text!r}")
    if not _NUMBER.match(raw):
        raise ValueError(f"not an amount: {text!r}")
    try:
        return Decimal(raw)
    except InvalidOperation as exc:  # pragma: no cover - the regex already filters
        raise ValueError(f"not an amount: {text!r}") from exc
