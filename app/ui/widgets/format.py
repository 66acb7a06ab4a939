"""Text for amounts and dates in the UI language (Babel), never f"{x:.2f}"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.i18n import format_date, format_money


def money(amount: Decimal, currency: str = "EUR") -> str:
    return format_money(amount, currency)


def money_by_currency(amounts: dict[str, Decimal]) -> str:
    """'1 200,00 €' or '1 200,00 € · 50,00 $US'; an em dash when there is nothing."""
    parts = [format_money(v, c) for c, v in sorted(amounts.items()) if v]
    return " · ".join(parts) if parts else "—"


def day(value: date | None) -> str:
    return format_date(value) if value else ""
