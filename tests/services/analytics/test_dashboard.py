"""Dashboard key figures and the "this week" lists, on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

from tests.services.analytics.builders import AS_OF, Ledger, days
from tests.services.analytics.test_analytics import _chronic


def test_key_figures_per_currency(services) -> None:  # type: ignore[no-untyped-def]
    ledger = Ledger(services)
    shop = ledger.client("A01", "Atelier Bleu")
    ledger.invoice(shop, AS_OF - days(10), "1000.00")  # issued AS_OF - 40: in the 90 days
    ledger.invoice(shop, AS_OF + days(10), "500.00", disputed=True)
    ledger.pay(shop, AS_OF - days(3), "50.00")  # unapplied credit
    paid = ledger.invoice(shop, AS_OF - days(200), "70.00")
    ledger.pay(shop, AS_OF - days(190), "70.00", paid)  # 10 days late
    abroad = ledger.client("U01", "Yankee Inc")
    ledger.invoice(abroad, AS_OF - days(100), "200.00", currency="USD")
    _chronic(ledger)
    ledger.promise(shop, AS_OF + days(2), "300.00")
    ledger.done()
    figures = services.analytics.key_figures(AS_OF)
    eur, usd = figures.key.by_currency["EUR"], figures.key.by_currency["USD"]
    # Chronic client: 1200 + 800 overdue, issued in the 90 days; not in the shop's figures.
    assert eur.total_receivable == Decimal("3450.00")
    assert eur.overdue_amount == Decimal("3000.00")
    assert eur.overdue_count == 3
    assert eur.overdue_share == Decimal("0.8696")
    assert eur.dso_days == 135  # 3450 / (1000 + 500 + 800 invoiced in the 90 days) * 90
    assert eur.amount_at_risk == Decimal("2000.00")  # the chronic late payer, grade E
    assert (usd.total_receivable, usd.overdue_count, usd.dso_days) == (Decimal("200.00"), 1, None)
    assert figures.promises_due == 1
    assert figures.disputes_open == 1
    late_days = [35, 28, 40, 31, 25, 38, 30, 33, 10]
    assert figures.key.average_days_late == (Decimal(sum(late_days)) / len(late_days)).quantize(
        Decimal("0.1")
    )
    report = services.aging.report(AS_OF)
    assert report.totals["EUR"].total == eur.total_receivable
    assert report.totals["USD"].total == usd.total_receivable


def test_this_week_lists(services) -> None:  # type: ignore[no-untyped-def]
    ledger = Ledger(services)
    client = ledger.client("B01", "Brasserie du Port")
    late = ledger.invoice(client, AS_OF - days(10), "400.00", number="F-LATE")
    other = ledger.client("B02", "Bistrot Gris")
    ledger.invoice(other, AS_OF - days(9), "75.00", number="F-OTHER")
    paid = ledger.invoice(client, AS_OF - days(40), "90.00", number="F-PAID")
    ledger.pay(client, AS_OF - days(1), "90.00", paid)
    ledger.invoice(client, AS_OF - days(5), "120.00", number="F-DISPUTE", disputed=True)
    settled_dispute = ledger.invoice(client, AS_OF - days(50), "60.00", disputed=True)
    ledger.pay(client, AS_OF - days(2), "60.00", settled_dispute)
    ledger.promise(client, AS_OF - days(1), "400.00", late)  # Tuesday of this week
    ledger.promise(client, AS_OF + days(3), None, paid)  # invoice paid since: nothing to do
    ledger.promise(client, AS_OF + days(4), "50.00", outcome="kept")
    ledger.promise(client, AS_OF + days(6), "10.00")  # next Tuesday: next week
    ledger.done()
    week = services.analytics.this_week(AS_OF)
    assert (week.first, week.last) == (AS_OF - days(2), AS_OF + days(4))
    assert [(p.day, p.invoice_numbers, p.amount) for p in week.promises] == [
        (AS_OF - days(1), ("F-LATE",), Decimal("400.00"))
    ]
    assert [(d.invoice_numbers, d.amount, d.detail) for d in week.disputes] == [
        (("F-DISPUTE",), Decimal("120.00"), "quality")
    ]
    assert week.reminders, "an invoice 10 days late has a reminder to send"
    assert {(r.kind, r.client_code, r.invoice_numbers) for r in week.reminders} == {
        ("reminder", "B02", ("F-OTHER",))
    }  # the promise holds back the reminders of F-LATE
