"""Analytics results are kept while the dossier is unchanged, and only then."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.db.uow import state_token
from app.services.ledger.payments import PaymentDraft
from tests.services.ledger.helpers import TODAY, add_client, add_invoice


def _token(services) -> str:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        return state_token(uow.session)


def test_results_are_kept_until_a_write(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services)
    add_invoice(services, client, "F1", "100.00", date(2026, 9, 1), date(2026, 10, 1))
    analytics = services.analytics
    first = analytics.snapshot(TODAY)
    aging = analytics.aging(TODAY)
    trend = analytics.overdue_trend(TODAY)
    assert analytics.snapshot(TODAY) is first
    assert analytics.aging(TODAY).report is aging.report
    assert analytics.overdue_trend(TODAY) == trend
    assert analytics.snapshot(date(2026, 11, 1)) is not first

    token = _token(services)
    services.payments.record(PaymentDraft(client, date(2026, 11, 2), Decimal("40.00")))
    assert _token(services) != token
    again = analytics.snapshot(TODAY)
    assert again is not first
    assert [r.balance for r in again.open] == [Decimal("60.00")]
    assert analytics.aging(TODAY).totals.total == Decimal("60.00")
    assert analytics.overdue_trend(TODAY)["EUR"][-1].receivable == Decimal("60.00")
