from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.insight.behaviour import (
    ClientHistory,
    OpenInvoice,
    Trend,
    months_before,
    payment_behaviour,
)
from tests.domain.followup.histories import (
    AS_OF,
    chronic_late_payer,
    new_client,
    one_big_outlier,
    open_invoice,
    perfect_payer,
    settled,
    spread,
)


def test_perfect_payer_is_never_late_and_early_payment_counts_as_zero() -> None:
    b = payment_behaviour(perfect_payer(), AS_OF)
    assert b.settled_count == 10
    assert b.average_days_late == Decimal("0.0")
    assert b.median_days_late == Decimal("0.0")
    assert b.on_time_rate == Decimal("1.0000")
    # Days to pay from issue keep the early payments: 30-day terms, 12 days early in all.
    assert b.average_days_to_pay == Decimal("28.8")
    assert min(b.delays) == -5
    assert b.overdue_share is None
    assert b.has_enough_history


def test_chronic_late_payer() -> None:
    b = payment_behaviour(chronic_late_payer(), AS_OF)
    assert b.average_days_late == Decimal("32.5")
    assert b.median_days_late == Decimal("32.0")
    assert b.on_time_rate == Decimal("0.0000")
    assert b.reminders_per_invoice == Decimal("1.5")  # 16 reminders over 8 + 3 invoices
    assert (b.open_count, b.overdue_count, b.over_60_days_count) == (3, 2, 1)
    assert b.max_days_overdue == 75
    assert b.open_balance == Decimal("2100.00")
    assert b.overdue_balance == Decimal("2000.00")
    assert b.overdue_share == Decimal("0.9524")


def test_one_big_outlier_moves_the_average_not_the_median() -> None:
    b = payment_behaviour(one_big_outlier(), AS_OF)
    assert b.average_days_late == Decimal("15.2")
    assert b.median_days_late == Decimal("0.0")
    assert b.on_time_rate == Decimal("0.8000")


def test_new_client_has_too_little_history() -> None:
    b = payment_behaviour(new_client(), AS_OF)
    assert b.settled_count == 2
    assert not b.has_enough_history
    assert b.trend is Trend.UNKNOWN


def test_only_the_last_twelve_months_up_to_as_of_count() -> None:
    history = ClientHistory(
        settled=(
            settled(10, 30),
            settled(50, 400),  # paid more than 12 months ago
            settled(70, -3),  # paid after as_of: unknown on that date
            settled(90, 40, total="-50.00"),  # a credit note is never late
        )
    )
    b = payment_behaviour(history, AS_OF)
    assert b.settled_count == 1
    assert b.delays == (10,)


def test_nothing_to_measure_gives_none() -> None:
    b = payment_behaviour(ClientHistory(), AS_OF)
    assert b.settled_count == 0
    assert b.average_days_late is None
    assert b.on_time_rate is None
    assert b.reminders_per_invoice is None
    assert b.overdue_share is None
    assert b.credit_limit_usage is None


@pytest.mark.parametrize(
    ("recent", "earlier", "trend", "days"),
    [
        ([20] * 6, [0] * 6, Trend.WORSENING, Decimal("20.0")),
        ([0] * 6, [20] * 6, Trend.IMPROVING, Decimal("-20.0")),
        ([4] * 6, [0] * 6, Trend.STABLE, Decimal("4.0")),
        ([5] * 6, [0] * 6, Trend.WORSENING, Decimal("5.0")),
        ([20] * 6, [0], Trend.UNKNOWN, None),
    ],
)
def test_trend_compares_the_last_six_months_with_the_six_before(
    recent: list[int], earlier: list[int], trend: Trend, days: Decimal | None
) -> None:
    invoices = spread(recent, first=10, every=30) + spread(earlier, first=190, every=30)
    b = payment_behaviour(ClientHistory(settled=invoices), AS_OF)
    assert b.trend is trend
    assert b.trend_days == days


def test_trend_resists_one_outlier() -> None:
    recent = [0, 0, 120, 0, 0, 0]
    invoices = spread(recent, first=10, every=30) + spread([0] * 6, first=190, every=30)
    assert payment_behaviour(ClientHistory(settled=invoices), AS_OF).trend is Trend.STABLE


def test_credit_limit_usage_and_disputes_in_the_client_currency() -> None:
    history = ClientHistory(
        open=(
            open_invoice(10, "500.00", is_disputed=True),
            open_invoice(-5, "300.00"),
            open_invoice(40, "9999.00", currency="USD"),
        ),
        credit_limit=Decimal("1000.00"),
    )
    b = payment_behaviour(history, AS_OF)
    assert b.credit_limit_usage == Decimal("0.8000")
    assert b.open_balance == Decimal("800.00")
    assert b.overdue_share == Decimal("0.6250")
    assert b.open_disputes == 1
    assert b.overdue_count == 2  # the USD invoice counts, its amount does not


def test_invoice_due_on_as_of_is_not_overdue() -> None:
    history = ClientHistory(open=(OpenInvoice(AS_OF, Decimal("10.00")),))
    assert payment_behaviour(history, AS_OF).overdue_count == 0


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 11, 25), 12, date(2025, 11, 25)),
        (date(2026, 11, 25), 6, date(2026, 5, 25)),
        (date(2024, 3, 31), 1, date(2024, 2, 29)),
        (date(2026, 1, 15), 1, date(2025, 12, 15)),
    ],
)
def test_months_before(day: date, months: int, expected: date) -> None:
    assert months_before(day, months) == expected
