"""The 12-month overdue trend equals the aging report recomputed on each of its dates."""

from __future__ import annotations

import random
from datetime import date

import pytest

from app.services.analytics.service import trend_days
from tests.services.analytics.builders import AS_OF, Ledger, days


def test_trend_days_are_month_ends_then_as_of() -> None:
    assert trend_days(date(2026, 3, 15), 4) == [
        date(2025, 12, 31),
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 15),
    ]
    assert trend_days(AS_OF)[0] == date(2025, 12, 31)
    assert len(trend_days(AS_OF)) == 12


def _random_ledger(ledger: Ledger, rng: random.Random, points: list[date]) -> None:
    """Dates often fall on the trend's own days, where off-by-one mistakes show."""
    clients = [ledger.client(f"R{n:02d}") for n in range(5)]

    def when(low: int, high: int) -> date:
        if rng.random() < 0.3:
            return rng.choice(points) + days(rng.choice([-1, 0, 1]))
        return AS_OF - days(rng.randint(low, high))

    for _n in range(40):
        client = rng.choice(clients)
        currency = rng.choice(["EUR", "EUR", "USD"])
        issued = when(0, 450)
        due = issued + days(rng.choice([0, 15, 30, 45]))
        written_off = issued + days(rng.randint(20, 200)) if rng.random() < 0.1 else None
        total = rng.choice(["100.00", "250.50", "999.99", "40.00"])
        invoice = ledger.invoice(
            client, due, total, issued=issued, currency=currency, written_off_on=written_off
        )
        roll = rng.random()
        if roll < 0.5:
            ledger.pay(client, due + days(rng.randint(-10, 120)), total, invoice, currency)
        elif roll < 0.7:
            ledger.pay(client, issued + days(rng.randint(0, 90)), "30.00", invoice, currency)
        elif roll < 0.8:
            ledger.invoice(
                client,
                due,
                "25.00",
                issued=issued + days(rng.randint(0, 60)),
                currency=currency,
                kind="credit_note",
                applies_to=invoice,
            )
    for _n in range(6):
        client = rng.choice(clients)
        ledger.pay(client, when(0, 400), "55.00", currency=rng.choice(["EUR", "USD"]))
        ledger.invoice(
            client,
            AS_OF,
            "15.00",
            issued=when(0, 400),
            kind="credit_note",
            currency=rng.choice(["EUR", "USD"]),
        )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_trend_matches_aging_on_every_date(services, seed: int) -> None:  # type: ignore[no-untyped-def]
    points = trend_days(AS_OF)
    ledger = Ledger(services)
    _random_ledger(ledger, random.Random(seed), points)
    ledger.done()
    trend = services.analytics.overdue_trend(AS_OF)
    for currency, series in trend.items():
        assert [p.day for p in series] == points
        for point in series:
            report = services.aging.report(point.day)
            total = report.totals.get(currency)
            expected_total = total.total if total else 0
            expected_overdue = (
                sum(v for k, v in total.buckets.items() if k != "current") if total else 0
            )
            assert (point.day, point.receivable, point.overdue) == (
                point.day,
                expected_total,
                expected_overdue,
            )
    currencies = {c for p in points for c in services.aging.report(p).totals}
    assert currencies <= set(trend)
