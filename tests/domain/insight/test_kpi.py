from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.insight.kpi import (
    ClientExposure,
    CurrencyAggregate,
    LatenessAggregate,
    amount_at_risk,
    average_days_late,
    days_sales_outstanding,
    key_figures,
    overdue_share,
)
from app.domain.insight.risk import Grade


@pytest.mark.parametrize(
    ("receivable", "sales", "dso"),
    [
        ("30000.00", "45000.00", 60),
        ("10000.00", "90000.00", 10),
        ("1000.00", "3000.00", 30),
        ("100.00", "1800.00", 5),
        ("50.00", "1800.00", 3),  # 2.5 days, rounded half up
        ("100.00", "0.00", None),
        ("-20.00", "1000.00", 0),
    ],
)
def test_dso_is_receivable_over_90_days_of_sales(
    receivable: str, sales: str, dso: int | None
) -> None:
    assert days_sales_outstanding(Decimal(receivable), Decimal(sales)) == dso


def test_overdue_share() -> None:
    assert overdue_share(Decimal("250.00"), Decimal("1000.00")) == Decimal("0.2500")
    assert overdue_share(Decimal("1.00"), Decimal("3.00")) == Decimal("0.3333")
    assert overdue_share(Decimal("0"), Decimal("0")) is None


def test_amount_at_risk_counts_d_and_e_per_currency() -> None:
    exposures = [
        ClientExposure(1, "EUR", Decimal("100.00")),
        ClientExposure(2, "EUR", Decimal("250.00")),
        ClientExposure(2, "USD", Decimal("40.00")),
        ClientExposure(3, "EUR", Decimal("999.00")),
        ClientExposure(4, "EUR", Decimal("500.00")),
    ]
    grades = {1: Grade.D, 2: "E", 3: Grade.NEW, 4: Grade.C}
    assert amount_at_risk(exposures, grades) == {
        "EUR": Decimal("350.00"),
        "USD": Decimal("40.00"),
    }


def test_average_days_late() -> None:
    assert average_days_late(LatenessAggregate(3, 40)) == Decimal("13.3")
    assert average_days_late(LatenessAggregate(0, 0)) is None


def test_key_figures_per_currency() -> None:
    figures = key_figures(
        [
            CurrencyAggregate("USD", Decimal("500.00"), Decimal("0"), 0, Decimal("0")),
            CurrencyAggregate(
                "EUR", Decimal("12000.00"), Decimal("3000.00"), 4, Decimal("36000.00")
            ),
        ],
        [ClientExposure(1, "EUR", Decimal("2000.00")), ClientExposure(2, "USD", Decimal("5"))],
        {1: Grade.E, 2: Grade.A},
        LatenessAggregate(10, 125),
    )
    assert list(figures.by_currency) == ["EUR", "USD"]
    eur = figures.by_currency["EUR"]
    assert eur.overdue_share == Decimal("0.2500")
    assert eur.overdue_count == 4
    assert eur.dso_days == 30
    assert eur.amount_at_risk == Decimal("2000.00")
    usd = figures.by_currency["USD"]
    assert usd.dso_days is None
    assert usd.amount_at_risk == 0
    assert figures.average_days_late == Decimal("12.5")
