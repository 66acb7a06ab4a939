"""Limitation warnings per client, fee figure and labels (data/README.md §2, §2.6)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from app.db.models import Activity, Client, Invoice, Payment, PaymentLine
from app.db.repositories.ledger import recompute_allocations
from app.domain.claims import limitation as lim
from app.services.claims.fees import admin_fee, claimed_fees, default_admin_fee
from app.services.claims.labels import indemnity_label, interest_label


def _client_with_invoices(services, client_type: str = "consumer") -> int:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        client = Client(code="C9", name="Mme Leroy", client_type=client_type)
        uow.session.add(client)
        uow.session.flush()
        for number, issued, total in (
            ("F1", date(2024, 12, 1), "100.00"),  # FR consumer: barred 1/12/2026
            ("F2", date(2025, 1, 20), "200.00"),  # barred 20/1/2027: within 90 days on 1/11
            ("F3", date(2025, 6, 1), "300.00"),  # far away
            ("F4", date(2024, 11, 1), "50.00"),  # paid: not listed
        ):
            uow.session.add(
                Invoice(
                    number=number,
                    client_id=client.id,
                    issue_date=issued,
                    due_date=issued.replace(day=28),
                    total=Decimal(total),
                )
            )
        uow.session.flush()
        payment = Payment(client_id=client.id, date=date(2024, 12, 1), amount=Decimal("50.00"))
        uow.session.add(payment)
        uow.session.flush()
        f4 = uow.session.query(Invoice).filter_by(number="F4").one()
        uow.session.add(PaymentLine(payment_id=payment.id, invoice_id=f4.id, amount=Decimal(50)))
        recompute_allocations(uow.session, [client.id])
        uow.commit()
        return client.id


def test_limitation_warnings_list_the_open_invoices_near_or_past_their_date(services) -> None:  # type: ignore[no-untyped-def]
    client_id = _client_with_invoices(services)
    warnings = services.claims.limitation_warnings(client_id, date(2026, 12, 2))
    assert [(w.number, w.date, w.status) for w in warnings] == [
        ("F1", date(2026, 12, 1), lim.PAST),
        ("F2", date(2027, 1, 20), lim.SOON),
    ]
    assert warnings[0].articles == ("C. consom. art. L218-2",)
    every = services.claims.client_limitations(client_id, date(2026, 12, 2))
    assert [x.number for x in every] == ["F1", "F2", "F3"]
    assert services.claims.limitation("F3", date(2026, 12, 2)).date == date(2027, 6, 1)


def test_a_promise_about_the_whole_account_restarts_every_open_invoice(services) -> None:  # type: ignore[no-untyped-def]
    client_id = _client_with_invoices(services)
    with services.uow() as uow:
        uow.session.add(Activity(client_id=client_id, kind="promise", date=date(2026, 11, 1)))
        uow.commit()
    assert services.claims.limitation_warnings(client_id, date(2026, 12, 2)) == []
    dates = [x.date for x in services.claims.client_limitations(client_id, date(2026, 12, 2))]
    assert dates == [date(2028, 11, 1)] * 3
    # the day before the promise, the warning was still there
    assert services.claims.limitation_warnings(client_id, date(2026, 10, 31))[0].number == "F1"


def test_one_admin_fee_figure(services) -> None:  # type: ignore[no-untyped-def]
    settings = services.dossier.settings()
    assert admin_fee(settings) is None
    enabled = replace(settings, admin_fee_enabled=True)
    assert admin_fee(enabled) == default_admin_fee() == Decimal("10.00")
    assert admin_fee(replace(enabled, admin_fee=Decimal("15.00"))) == Decimal("15.00")


def test_fees_where_the_rules_allow() -> None:
    day, end = date(2026, 11, 10), date(2026, 11, 1)
    fee = Decimal("15.00")
    kw = {"charged_on": [day], "period_end": end}
    assert claimed_fees(fee, jurisdiction="FR", client_type="business", **kw) == fee
    assert claimed_fees(fee, jurisdiction="FR", client_type="consumer", **kw) == 0
    assert claimed_fees(fee, jurisdiction="BE", client_type="consumer", **kw) == 0  # no clause
    capped = claimed_fees(fee, jurisdiction="BE", client_type="consumer", damages_clause=True, **kw)
    assert capped == Decimal("7.50")  # CDE XIX.2
    early = {"charged_on": [date(2026, 10, 30)], "period_end": end, "damages_clause": True}
    assert claimed_fees(fee, jurisdiction="BE", client_type="consumer", **early) == 0
    assert claimed_fees(None, jurisdiction="FR", client_type="business", **kw) == 0


def test_labels_never_call_a_consumer_debt_an_indemnity() -> None:
    assert interest_label("FR", "consumer") == "Interest at the legal rate"
    assert interest_label("FR", "business") == "Late interest"
    assert indemnity_label("FR", "consumer") is None
    assert indemnity_label("BE", "consumer") == "Fixed damages (Code of Economic Law, art. XIX.4)"
    assert (
        indemnity_label("FR", "business", "fr")
        == "Indemnité forfaitaire pour frais de recouvrement"
    )
