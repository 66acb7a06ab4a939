"""Amounts, dates, rates and lists written the way the letter's language writes them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import cache

from app import i18n


class LetterFormat:
    """Formatting and translation in one letter's language (not the window's)."""

    def __init__(self, language: str, currency: str = "EUR") -> None:
        self.language = language
        self.currency = currency
        catalogue = i18n.translator(language)
        self.tr = catalogue.gettext
        self.ntr = catalogue.ngettext

    def money(self, amount: Decimal) -> str:
        return i18n.format_money(amount, self.currency, self.language)

    def day(self, value: date) -> str:
        return i18n.format_date(value, self.language)

    def long_day(self, value: date) -> str:
        """'1er décembre 2026', kept on one line."""
        return i18n.format_date(value, self.language, "long").replace(" ", "\u00a0")

    def percent(self, rate_percent: Decimal) -> str:
        """'12,40 %' (no-break space) in French, '12.40%' in English."""
        from babel.numbers import format_percent

        return format_percent(
            rate_percent / 100,
            format=_percent_pattern(self.language),
            locale=i18n.babel_locale(self.language),
        )

    def listing(self, items: Sequence[str]) -> str:
        """'F1, F2 et F3' / 'F1, F2 and F3'."""
        from babel.lists import format_list

        return format_list(list(items), locale=i18n.babel_locale(self.language)) if items else ""


@cache
def _percent_pattern(language: str) -> str:
    from babel import Locale

    pattern: str = Locale.parse(i18n.babel_locale(language)).percent_formats[None].pattern
    return pattern.replace("#,##0", "#,##0.00", 1)


def group_iban(iban: str) -> str:
    """'FR76 3000 6000 0112 3456 7890 189': the printed form banks use."""
    compact = "".join(iban.split()).upper()
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
