"""Cash forecast from the dossier: predicted dates, payment plans, what-ifs."""

from __future__ import annotations

from decimal import Decimal

from app.domain.insight.forecast import ForecastOptions, week_start
from tests.services.analytics.builders import AS_OF, Ledger, days
from tests.services.analytics.test_analytics import _chronic


def _weeks(result, currency: str = "EUR") -> dict:  # type: ignore[no-untyped-def]
    return {w.week_start: w.expected for w in result[currency].weeks if w.expected}


def test_late_payer_is_expected_after_its_usual_delay(services) -> None:  # type: ignore[no-untyped-def]
    ledger = Ledger(services)
    chronic = _chronic(ledger)
    ledger.invoice(chronic, AS_OF + days(3), "500.00")
    ledger.done()
    result = services.analytics.forecast(AS_OF, 12)
    # Median delay 32 days (8 invoices: 25 28 30 31 | 33 35 38 40); the overdue invoices are
    # expected 32 days after their due date but never before today.
    assert _weeks(result) == {
        week_start(AS_OF): Decimal("1200.00"),  # 75 days late already
        week_start(AS_OF + days(-20 + 32)): Decimal("800.00"),
        week_start(AS_OF + days(3 + 32)): Decimal("500.00"),
    }
    assert result["EUR"].total.expected == Decimal("2500.00")


def test_payment_plan_instalments_replace_the_invoice(services) -> None:  # type: ignore[no-untyped-def]
    ledger = Ledger(services)
    client = ledger.client("P01")
    invoice = ledger.invoice(client, AS_OF - days(20), "900.00")
    ledger.plan(
        invoice,
        [(AS_OF - days(5), "300.00"), (AS_OF + days(30), "300.00"), (AS_OF + days(60), "300.00")],
    )
    ledger.pay(client, AS_OF - days(6), "400.00", invoice)
    ledger.done()
    result = services.analytics.forecast(AS_OF, 12, ForecastOptions(pay_on_due_date=True))
    assert _weeks(result) == {
        week_start(AS_OF + days(30)): Decimal("200.00"),
        week_start(AS_OF + days(60)): Decimal("300.00"),
    }


def test_what_ifs(services) -> None:  # type: ignore[no-untyped-def]
    ledger = Ledger(services)
    chronic = _chronic(ledger)
    client = ledger.client("D01")
    ledger.invoice(client, AS_OF + days(14), "700.00", disputed=True)
    ledger.invoice(client, AS_OF + days(14), "50.00", currency="USD")
    ledger.invoice(client, AS_OF - days(400), "30.00")  # too late to predict: doubtful
    ledger.done()
    snapshot = services.analytics.snapshot(AS_OF)
    assert snapshot.risks[chronic].grade == "E"
    plain = services.analytics.forecast(AS_OF, 12, snapshot=snapshot)
    assert plain["EUR"].doubtful == Decimal("30.00")
    assert set(plain) == {"EUR", "USD"}
    no_dispute = services.analytics.forecast(
        AS_OF, 12, ForecastOptions(exclude_disputed=True), snapshot
    )
    assert no_dispute["EUR"].excluded == Decimal("700.00")
    no_e = services.analytics.forecast(AS_OF, 12, ForecastOptions(exclude_grade_e=True), snapshot)
    assert no_e["EUR"].excluded == Decimal("2000.00")
    on_time = services.analytics.forecast(
        AS_OF, 12, ForecastOptions(pay_on_due_date=True), snapshot
    )
    assert _weeks(on_time) == {
        week_start(AS_OF): Decimal("2030.00"),
        week_start(AS_OF + days(14)): Decimal("700.00"),
    }
    assert _weeks(on_time, "USD") == {week_start(AS_OF + days(14)): Decimal("50.00")}
