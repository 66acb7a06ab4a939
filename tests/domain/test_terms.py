from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.terms import PaymentTerms, effective_terms, exceeds_legal_cap, parse_terms


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("30", PaymentTerms(30)),
        ("30 jours", PaymentTerms(30)),
        ("60j", PaymentTerms(60)),
        ("45 days end of month", PaymentTerms(45, True)),
        ("45 jours fin de mois", PaymentTerms(45, True)),
        ("45 FDM", PaymentTerms(45, True)),
        ("45eom", PaymentTerms(45, True)),
        ("comptant", PaymentTerms(0)),
        ("soon", None),
        ("400", None),
        ("", None),
    ],
)
def test_parse(text: str, terms: PaymentTerms | None) -> None:
    assert parse_terms(text) == terms


def test_end_of_month_after_the_days() -> None:
    assert PaymentTerms(45, True).due_date(date(2026, 1, 20)) == date(2026, 3, 31)
    assert PaymentTerms(30, True).due_date(date(2026, 1, 31)) == date(2026, 3, 31)
    assert PaymentTerms(30).due_date(date(2026, 1, 31)) == date(2026, 3, 2)


def test_legal_cap_and_defaults() -> None:
    assert exceeds_legal_cap(PaymentTerms(61))
    assert not exceeds_legal_cap(PaymentTerms(45, True))
    assert exceeds_legal_cap(PaymentTerms(50, True))
    assert effective_terms(None, True, 30) == PaymentTerms(30)
    assert effective_terms(45, True, 30) == PaymentTerms(45, True)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 1, 1)),
    st.integers(min_value=0, max_value=365),
    st.booleans(),
)
def test_due_date_properties(issued: date, days: int, eom: bool) -> None:
    due = PaymentTerms(days, eom).due_date(issued)
    assert due >= issued + timedelta(days=days)
    if eom:
        assert (due + timedelta(days=1)).day == 1
        assert due - (issued + timedelta(days=days)) < timedelta(days=31)
    assert parse_terms(PaymentTerms(days, eom).code) == PaymentTerms(days, eom)


def test_the_cap_binds_french_creditors_and_business_debtors_only() -> None:
    from app.domain.terms import terms_beyond_cap

    assert terms_beyond_cap(PaymentTerms(90), "FR", "business")
    assert not terms_beyond_cap(PaymentTerms(90), "FR", "consumer")
    assert not terms_beyond_cap(PaymentTerms(90), "BE", "business")
    assert not terms_beyond_cap(PaymentTerms(60), "FR", "business")
    assert terms_beyond_cap(PaymentTerms(60, True), "FR", "business")


def test_invoice_due_date_beyond_every_reading_of_the_cap() -> None:
    from app.domain.terms import due_date_beyond_cap, latest_lawful_due_date

    # issued 1 January: +60 = 2 March; 15 Feb → end of month 28 Feb; 31 Jan + 45 = 17 March
    assert latest_lawful_due_date(date(2026, 1, 1)) == date(2026, 3, 17)
    assert not due_date_beyond_cap(date(2026, 1, 1), date(2026, 3, 17), "FR", "business")
    assert due_date_beyond_cap(date(2026, 1, 1), date(2026, 3, 18), "FR", "business")
    assert not due_date_beyond_cap(date(2026, 1, 1), date(2026, 6, 1), "FR", "consumer")
    # issued 20 January: +60 = 21 March, 31 Jan + 45 = 17 March, 6 March → end of month wins
    assert latest_lawful_due_date(date(2026, 1, 20)) == date(2026, 3, 31)
