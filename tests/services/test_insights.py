"""Behaviour, risk and forecast from dossier data, on both databases."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

from app.cli import main
from app.db.models import Client, Invoice, Payment, PaymentLine
from app.services.ledger import recompute_allocations

AS_OF = date(2026, 11, 23)  # Monday


def _late_payer(services, delay: int, open_due: date) -> int:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        s = uow.session
        client = Client(code="C001", name="Retard SARL")
        s.add(client)
        s.flush()
        for n in range(6):
            due = AS_OF - timedelta(days=300 - 40 * n)
            inv = Invoice(number=f"P{n}", client_id=client.id, issue_date=due - timedelta(30),
                          due_date=due, total=Decimal("100.00"))
            s.add(inv)
            s.flush()
            pay = Payment(client_id=client.id, date=due + timedelta(days=delay),
                          amount=Decimal("100.00"))
            s.add(pay)
            s.flush()
            s.add(PaymentLine(payment_id=pay.id, invoice_id=inv.id, amount=Decimal("100.00")))
        s.add(Invoice(number="OPEN", client_id=client.id, issue_date=open_due - timedelta(30),
                      due_date=open_due, total=Decimal("500.00")))
        s.flush()
        recompute_allocations(s, [client.id])
        uow.commit()
        return client.id


def test_chronic_late_payer_is_graded_and_forecast_late(services, capsys) -> None:  # type: ignore[no-untyped-def]
    client_id = _late_payer(services, delay=40, open_due=AS_OF + timedelta(days=3))
    data = services.insights.insights(AS_OF)
    behaviour = data.behaviours[client_id]
    assert behaviour.median_days_late == Decimal("40.0") or behaviour.median_days_late == 40
    assert data.risks[client_id].grade in ("C", "D", "E")
    url = services.url.render_as_string(hide_password=False)
    assert main(["--database", url, "forecast", "--as-of", AS_OF.isoformat(), "--weeks", "12",
                 "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    weeks = out["currencies"]["EUR"]["weeks"]
    expected_week = (AS_OF + timedelta(days=43)).isocalendar()
    hit = [w for w in weeks if w["expected"] != "0.00"]
    assert [date.fromisoformat(w["week_start"]).isocalendar()[:2] for w in hit] == [
        expected_week[:2]]
    assert hit[0]["expected"] == "500.00"
    assert all(date.fromisoformat(w["week_start"]).weekday() == 0 for w in weeks)


def test_punctual_payer_is_grade_a(services) -> None:  # type: ignore[no-untyped-def]
    client_id = _late_payer(services, delay=0, open_due=AS_OF + timedelta(days=10))
    assert services.insights.insights(AS_OF).risks[client_id].grade == "A"
