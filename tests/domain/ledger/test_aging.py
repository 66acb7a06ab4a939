from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.ledger.aging import (
    BUCKETS,
    OpenItem,
    age,
    bucket_for,
    bucket_index,
    bucket_names,
    due_date_bounds,
)

AS_OF = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (-10, "current"),
        (0, "current"),
        (1, "1-30"),
        (30, "1-30"),
        (31, "31-60"),
        (60, "31-60"),
        (61, "61-90"),
        (90, "61-90"),
        (91, "over_90"),
        (1000, "over_90"),
    ],
)
def test_bucket_boundaries(days: int, bucket: str) -> None:
    assert bucket_for(AS_OF - timedelta(days=days), AS_OF) == bucket


def test_default_bucket_names_are_the_contract_names() -> None:
    assert bucket_names() == BUCKETS


def test_custom_limits_name_their_buckets() -> None:
    assert bucket_names((15, 45)) == ("current", "1-15", "16-45", "over_45")
    assert bucket_index(16, (15, 45)) == 2


@given(st.integers(min_value=-400, max_value=4000))
def test_sql_bounds_agree_with_bucket_rule(days: int) -> None:
    """The due-date bounds bound in SQL put every date in the bucket the rule gives."""
    due = AS_OF - timedelta(days=days)
    bounds = due_date_bounds(AS_OF)
    if due >= bounds[0]:
        index = 0
    else:
        index = next(
            (i for i in range(1, len(bounds)) if bounds[i] <= due < bounds[i - 1]), len(bounds)
        )
    assert index == bucket_index(days)


def test_age_totals_and_unapplied() -> None:
    items = [
        OpenItem("C2", "Beta", "EUR", AS_OF, Decimal("100.00")),
        OpenItem("C1", "Alpha", "EUR", AS_OF - timedelta(days=45), Decimal("50.50")),
        OpenItem("C1", "Alpha", "USD", AS_OF - timedelta(days=5), Decimal("10.00")),
        OpenItem("C3", "Gamma", "EUR", AS_OF, Decimal("0.00")),
    ]
    rows = age(items, {("C1", "EUR"): Decimal("20.00")}, AS_OF)
    assert [(r.client_code, r.currency) for r in rows] == [
        ("C1", "EUR"),
        ("C1", "USD"),
        ("C2", "EUR"),
    ]
    assert rows[0].buckets["31-60"] == Decimal("50.50")
    assert rows[0].total == Decimal("30.50")
    assert rows[2].buckets["current"] == Decimal("100.00")
