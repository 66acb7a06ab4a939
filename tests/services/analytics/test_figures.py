"""The first dashboard figures, summed by the database, equal the snapshot's figures (all but
the amount at risk), credit-note-only settlements and write-offs included."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from tests.services.analytics.builders import AS_OF, Ledger, days
from tests.services.analytics.test_analytics import _chronic


def test_first_figures_equal_the_snapshot_figures(services) -> None:  # type: ignore[no-untyped-def]
    ledger = Ledger(services)
    shop = ledger.client("A01", "Atelier Bleu")
    ledger.invoice(shop, AS_OF - days(10), "1000.00")
    ledger.invoice(shop, AS_OF + days(10), "500.00", disputed=True)
    ledger.pay(shop, AS_OF - days(3), "50.00")
    paid = ledger.invoice(shop, AS_OF - days(200), "70.00")
    ledger.pay(shop, AS_OF - days(190), "70.00", paid)
    cancelled = ledger.invoice(shop, AS_OF - days(90), "40.00")  # settled by a credit note
    ledger.invoice(
        shop,
        AS_OF - days(90),
        "40.00",
        kind="credit_note",
        applies_to=cancelled,
        issued=AS_OF - days(60),
    )
    ledger.invoice(shop, AS_OF - days(150), "65.00", written_off_on=AS_OF - days(20))
    part = ledger.invoice(shop, AS_OF - days(30), "300.00")
    ledger.pay(shop, AS_OF - days(25), "120.00", part)
    abroad = ledger.client("U01", "Yankee Inc")
    ledger.invoice(abroad, AS_OF - days(100), "200.00", currency="USD")
    ledger.pay(abroad, AS_OF - days(1), "20.00", currency="USD")
    _chronic(ledger)
    ledger.promise(shop, AS_OF + days(2), "300.00")
    ledger.done()
    full = services.analytics.key_figures(AS_OF)
    first = services.analytics.figures(AS_OF)
    assert not first.graded
    assert full.graded
    assert full.key.by_currency["EUR"].amount_at_risk > Decimal(0)
    without_risk = {
        c: replace(f, amount_at_risk=Decimal(0)) for c, f in full.key.by_currency.items()
    }
    assert first.key.by_currency == without_risk
    assert first.key.average_days_late == full.key.average_days_late
    assert (first.promises_due, first.disputes_open) == (full.promises_due, full.disputes_open)
    for past in (AS_OF - days(26), AS_OF - days(200)):
        then, now = services.analytics.figures(past), services.analytics.key_figures(past)
        assert then.key.by_currency == {
            c: replace(f, amount_at_risk=Decimal(0)) for c, f in now.key.by_currency.items()
        }
        assert then.key.average_days_late == now.key.average_days_late
