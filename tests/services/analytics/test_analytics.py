"""Behaviour and risk grades from dossier histories, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.domain.insight.behaviour import Trend
from tests.services.analytics.builders import AS_OF, Ledger, days, french_with_pending


def _perfect(ledger: Ledger) -> int:
    client = ledger.client("P01", "Boulangerie Exacte")
    for n, delay in enumerate([0, -2, 0, -5, 0, -1, 0, 0, -3, 0]):
        ledger.settled(client, AS_OF - days(20 + 30 * n), delay)
    ledger.invoice(client, AS_OF + days(10), "250.00")
    return client


def _chronic(ledger: Ledger) -> int:
    client = ledger.client("L01", "Retard & Fils")
    for n, delay in enumerate([35, 28, 40, 31, 25, 38, 30, 33]):
        invoice = ledger.settled(client, AS_OF - days(60 + 35 * n), delay)
        ledger.reminder(client, [invoice], AS_OF - days(60 + 35 * n) + days(7))
        ledger.reminder(client, [invoice], AS_OF - days(60 + 35 * n) + days(15))
    ledger.invoice(client, AS_OF - days(75), "1200.00")
    ledger.invoice(client, AS_OF - days(20), "800.00")
    return client


def _new(ledger: Ledger) -> int:
    client = ledger.client("N01", "Jeune Pousse")
    ledger.settled(client, AS_OF - days(40), 3)
    ledger.settled(client, AS_OF - days(70), 0)
    ledger.invoice(client, AS_OF + days(20))
    return client


def test_grades_follow_the_crafted_histories(services) -> None:  # type: ignore[no-untyped-def]
    ledger = Ledger(services)
    perfect, chronic, new = _perfect(ledger), _chronic(ledger), _new(ledger)
    ledger.done()
    grades = services.analytics.risk_grades(AS_OF)
    assert (grades[perfect].grade, grades[chronic].grade, grades[new].grade) == ("A", "E", "new")
    grade, reasons = services.analytics.client_risk(chronic, AS_OF)
    assert grade == "E"
    assert 2 <= len(reasons) <= 4
    assert reasons[0] == "Pays 33 days late on average"
    assert "1 invoice over 60 days late" in reasons
    grade, reasons = services.analytics.client_risk(new, AS_OF)
    assert grade == "new"
    assert reasons[0] == "History too short: 2 settled invoices of the 3 required"
    assert services.analytics.client_risk(perfect, AS_OF) == (
        "A",
        ["Pays 100% of invoices by the due date", "No overdue invoice"],
    )


def test_risk_reasons_in_french(services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ledger = Ledger(services)
    chronic = _chronic(ledger)
    ledger.done()
    french_with_pending(monkeypatch)
    grade, reasons = services.analytics.client_risk(chronic, AS_OF)
    assert grade == "E"
    assert reasons[0] == "Paie en moyenne 33 jours en retard"


def test_one_client_is_measured_alone_as_in_the_whole_dossier(services) -> None:  # type: ignore[no-untyped-def]
    ledger = Ledger(services)
    _perfect(ledger)
    chronic = _chronic(ledger)
    ledger.done()
    behaviour, risk = services.analytics.client_assessment(chronic, AS_OF)
    snapshot = services.analytics.snapshot(AS_OF)
    assert snapshot.behaviours[chronic] == behaviour
    assert snapshot.risks[chronic] == risk
    assert behaviour.reminders_per_invoice == Decimal("1.6")  # 16 reminders / 10 invoices
    assert behaviour.over_60_days_count == 1


def test_paid_date_is_the_allocation_that_closed_the_invoice(services) -> None:  # type: ignore[no-untyped-def]
    ledger = Ledger(services)
    client = ledger.client("C01")
    due = AS_OF - days(100)
    split = ledger.invoice(client, due, "100.00")
    ledger.pay(client, due + days(5), "40.00", split)
    ledger.pay(client, due + days(20), "60.00", split)
    cancelled = ledger.invoice(client, AS_OF - days(60), "80.00")
    ledger.invoice(client, AS_OF - days(55), "80.00", kind="credit_note", applies_to=cancelled)
    ledger.settled(client, AS_OF - days(400), 0)  # paid more than 12 months ago: not counted
    early = ledger.invoice(client, AS_OF - days(30), "50.00")
    ledger.reminder(client, [early], AS_OF - days(32))  # before the due date: not counted
    ledger.pay(client, AS_OF - days(33), "50.00", early)
    ledger.done()
    behaviour, _risk = services.analytics.client_assessment(client, AS_OF)
    assert behaviour.settled_count == 2
    assert sorted(behaviour.delays) == [-3, 20]
    assert behaviour.reminders_per_invoice == Decimal("0.0")
    assert behaviour.open_count == 0


def test_a_past_date_reproduces_what_was_known_then(services) -> None:  # type: ignore[no-untyped-def]
    ledger = Ledger(services)
    client = ledger.client("C01")
    due = AS_OF - days(50)
    invoice = ledger.invoice(client, due, "300.00")
    ledger.pay(client, AS_OF - days(5), "300.00", invoice)
    ledger.done()
    then, _risk = services.analytics.client_assessment(client, AS_OF - days(10))
    now, _risk = services.analytics.client_assessment(client, AS_OF)
    assert (then.open_count, then.overdue_count, then.settled_count) == (1, 1, 0)
    assert (now.open_count, now.settled_count, now.delays) == (0, 1, (45,))


def test_trend_of_a_client_paying_later(services) -> None:  # type: ignore[no-untyped-def]
    ledger = Ledger(services)
    client = ledger.client("W01")
    for n in range(4):
        ledger.settled(client, AS_OF - days(300 - 20 * n), 2)
    for n in range(4):
        ledger.settled(client, AS_OF - days(120 - 20 * n), 25)
    ledger.done()
    behaviour, risk = services.analytics.client_assessment(client, AS_OF)
    assert behaviour.trend is Trend.WORSENING
    sentences = services.analytics.client_risk(client, AS_OF)[1]
    assert "Pays 23 days later than six months ago" in sentences
    assert risk.grade in ("B", "C")


def test_clients_without_history_have_no_grade(services) -> None:  # type: ignore[no-untyped-def]
    ledger = Ledger(services)
    idle = ledger.client("I01")
    ledger.done()
    assert idle not in services.analytics.risk_grades(AS_OF)
    assert services.analytics.client_risk(idle, AS_OF)[0] == "new"


def test_credit_limit_counts_in_the_company_currency(services) -> None:  # type: ignore[no-untyped-def]
    ledger = Ledger(services)
    client = ledger.client("K01", credit_limit="1000.00")
    for n in range(3):
        ledger.settled(client, AS_OF - days(40 + 30 * n), 0)
    ledger.invoice(client, AS_OF + days(15), "1100.00")
    ledger.invoice(client, AS_OF + days(15), "5000.00", currency="USD")
    ledger.done()
    grade, reasons = services.analytics.client_risk(client, AS_OF)
    assert "Credit limit exceeded (110%)" in reasons
    assert grade == "B"
    assert date(2026, 11, 25) == AS_OF
