"""The amount and date parsers of imports: both conventions read back exactly, ambiguous and
badly grouped amounts refused, never a float, ASCII digits only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.domain.money import (
    AmbiguousAmount,
    BadGrouping,
    parse_amount,
    read_amount_text,
    settle_decimal,
)
from app.domain.validation import MAX_YEAR, MIN_YEAR, parse_date

amounts = st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2)
THOUSANDS = {",": ".", ".": ","}  # the thousands separator of each decimal separator


def written(amount: Decimal, decimal: str, group: str | None) -> str:
    whole, _, fraction = f"{amount:.2f}".partition(".")
    if group is not None:
        whole = f"{int(whole):,}".replace(",", group)
    return f"{whole}{decimal}{fraction}"


@given(amounts, st.sampled_from([",", "."]), st.booleans(), st.sampled_from(["", " €", "€"]))
def test_written_amounts_read_back_exactly(
    amount: Decimal, decimal: str, grouped: bool, mark: str
) -> None:
    text = written(amount, decimal, THOUSANDS[decimal] if grouped else None)
    text = f"{mark}{text}" if mark == "€" else f"{text}{mark}"
    value = parse_amount(text)  # two decimals: never ambiguous
    assert isinstance(value, Decimal)
    assert value == amount
    assert read_amount_text(text).decimal == decimal


@given(amounts, st.sampled_from([" ", "\u00a0", "\u202f", "'"]), st.sampled_from([",", "."]))
def test_spaces_group_thousands_in_either_convention(
    amount: Decimal, space: str, decimal: str
) -> None:
    assert parse_amount(written(amount, decimal, space)) == amount


@given(st.integers(1, 999), st.integers(0, 999), st.sampled_from([",", "."]), st.booleans())
def test_one_separator_before_three_digits_is_ambiguous(
    head: int, tail: int, separator: str, negative: bool
) -> None:
    text = f"{'-' if negative else ''}{head}{separator}{tail:03d}"
    with pytest.raises(AmbiguousAmount):
        parse_amount(text)
    sign = -1 if negative else 1
    assert parse_amount(text, separator) == sign * (head + Decimal(tail) / 1000)
    assert parse_amount(text, THOUSANDS[separator]) == sign * (head * 1000 + tail)
    assert settle_decimal([text]) is None


@given(st.integers(1, 999), st.integers(0, 999), st.sampled_from([",", "."]), amounts)
def test_another_amount_settles_the_convention(
    head: int, tail: int, separator: str, other: Decimal
) -> None:
    ambiguous = f"{head}{separator}{tail:03d}"
    for decimal in (",", "."):
        settling = written(other, decimal, None)
        assert settle_decimal([ambiguous, settling]) == decimal
        assert (
            settle_decimal([ambiguous, settling, written(other, THOUSANDS[decimal], None)]) is None
        )


@given(
    st.lists(st.integers(0, 9999), min_size=2, max_size=5),
    st.sampled_from([",", ".", " "]),
    st.sampled_from([",", "."]),
)
def test_groups_other_than_three_digits_are_refused(
    groups: list[int], separator: str, decimal: str
) -> None:
    parts = [str(g) for g in groups]
    assume(any(len(p) != 3 for p in parts[1:]) or not 1 <= len(parts[0]) <= 3)
    assume(separator != decimal)
    with pytest.raises(BadGrouping):
        parse_amount(f"{separator.join(parts)}{decimal}50")


@pytest.mark.parametrize("text", ["1,2.3", "12 34", "1.000,000.5", "1,000,00", "1..0"])
def test_badly_grouped(text: str) -> None:
    with pytest.raises(BadGrouping):
        parse_amount(text)


@given(st.text(max_size=30))
def test_any_text_is_an_amount_or_a_value_error(text: str) -> None:
    try:
        value = parse_amount(text, ",")
    except ValueError:
        return
    assert isinstance(value, Decimal)
    assert value.is_finite()


@given(st.integers(0, 10**20), st.sampled_from(["\u0660", "\u06f0", "\u0966", "\uff10"]))
def test_digits_other_than_ascii_are_refused(number: int, zero: str) -> None:
    foreign = "".join(chr(ord(zero) + int(d)) for d in str(number))
    with pytest.raises(ValueError):
        parse_amount(foreign)
    assert parse_date(f"{foreign[:4]:0>4}-01-01") is None


def test_large_amounts_stay_exact() -> None:
    assert parse_amount("12 345 678 901 234 567,89") == Decimal("12345678901234567.89")


@pytest.mark.parametrize(
    ("text", "currencies"),
    [
        ("$50", {"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"}),
        ("£100", {"GBP"}),
        ("50 USD", {"USD"}),
        ("50,00 €", {"EUR"}),
        ("eur 50", {"EUR"}),
        ("50", None),
    ],
)
def test_currency_marks_are_kept(text: str, currencies: set[str] | None) -> None:
    found = read_amount_text(text).currencies
    assert (set(found) if found is not None else None) == currencies


@given(st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(MAX_YEAR, 12, 31)))
def test_both_date_formats_round_trip(day: date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d/%m/%Y")) == day
    assert parse_date(f"{day.isoformat()}\n") is None


@given(st.text(max_size=12))
def test_any_text_is_a_date_or_none(text: str) -> None:
    parsed = parse_date(text)
    assert parsed is None or isinstance(parsed, date)
