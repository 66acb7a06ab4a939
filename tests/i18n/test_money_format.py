"""`format_money` writes exactly what Babel writes, in both languages, for any amount."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_currency
from hypothesis import given, settings
from hypothesis import strategies as st

from app.i18n import babel_locale, format_money

AMOUNTS = st.decimals(
    min_value=Decimal("-1e13"), max_value=Decimal("1e13"), places=2, allow_nan=False
) | st.decimals(min_value=Decimal(-1000), max_value=Decimal(1000), places=3, allow_nan=False)


@settings(max_examples=400, deadline=None)
@given(
    amount=AMOUNTS,
    lang=st.sampled_from(["fr", "en"]),
    currency=st.sampled_from(["EUR", "USD", "CHF", "GBP", "JPY"]),
)
def test_same_text_as_babel(amount: Decimal, lang: str, currency: str) -> None:
    expected = format_currency(amount, currency, locale=babel_locale(lang))
    assert format_money(amount, currency, lang) == expected


@pytest.mark.parametrize(
    "text", ["0", "-0", "-0.00", "0.005", "-0.005", "1E+3", "1.000", "999999.995", "-1234567.8"]
)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_edges_as_babel(text: str, lang: str) -> None:
    amount = Decimal(text)
    assert format_money(amount, "EUR", lang) == format_currency(
        amount, "EUR", locale=babel_locale(lang)
    )


def test_french_and_english_forms() -> None:
    assert format_money(Decimal("1234.5"), "EUR", "fr") == "1\u202f234,50\xa0€"
    assert format_money(Decimal("-1234.5"), "EUR", "en") == "-€1,234.50"
