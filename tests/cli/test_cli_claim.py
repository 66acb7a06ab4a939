from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli import main
from app.db.models import Client, Invoice, Payment, PaymentLine, Reminder, ReminderInvoice
from app.db.repositories.ledger import recompute_allocations


def _dossier(services, client_type: str = "business") -> int:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        client = Client(code="C001", name="Boulangerie Martin", client_type=client_type)
        uow.session.add(client)
        uow.session.flush()
        invoice = Invoice(
            number="F2026-0042",
            client_id=client.id,
            issue_date=date(2026, 9, 6),
            due_date=date(2026, 10, 6),
            total=Decimal("1200.00"),
        )
        uow.session.add(invoice)
        uow.session.add(
            Invoice(
                number="AV-1",
                kind="credit_note",
                client_id=client.id,
                issue_date=date(2026, 9, 10),
                due_date=date(2026, 9, 10),
                total=Decimal("10.00"),
            )
        )
        uow.commit()
        return invoice.id


def _run(services, capsys, *args: str) -> dict:  # type: ignore[no-untyped-def]
    url = services.url.render_as_string(hide_password=False)
    code = main(["--database", url, "claim", *args, "--format", "json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)


def test_contract_example(services, capsys: pytest.CaptureFixture[str]) -> None:
    _dossier(services)
    got = _run(services, capsys, "F2026-0042", "--as-of", "2026-11-22")
    assert got == {
        "invoice": "F2026-0042",
        "client": "C001",
        "currency": "EUR",
        "as_of": "2026-11-22",
        "jurisdiction": "FR",
        "client_type": "business",
        "principal": "1200.00",
        "days_late": 47,
        "interest_periods": [
            {
                "from": "2026-10-07",
                "to": "2026-11-22",
                "rate_percent": "12.40",
                "days": 47,
                "principal": "1200.00",
                "interest": "19.16",
            }
        ],
        "interest": "19.16",
        "fixed_indemnity": "40.00",
        "fees": "0.00",
        "total": "1259.16",
    }


def test_partial_payment_splits_the_period(services, capsys: pytest.CaptureFixture[str]) -> None:
    invoice_id = _dossier(services)
    with services.uow() as uow:
        payment = Payment(client_id=1, date=date(2026, 11, 1), amount=Decimal("200.00"))
        uow.session.add(payment)
        uow.session.flush()
        uow.session.add(
            PaymentLine(payment_id=payment.id, invoice_id=invoice_id, amount=Decimal("200.00"))
        )
        recompute_allocations(uow.session, [1])
        uow.commit()
    got = _run(services, capsys, "F2026-0042", "--as-of", "2026-11-22")
    periods = [(p["from"], p["to"], p["days"], p["principal"]) for p in got["interest_periods"]]
    assert periods == [
        ("2026-10-07", "2026-11-01", 26, "1200.00"),
        ("2026-11-02", "2026-11-22", 21, "1000.00"),
    ]
    assert got["principal"] == "1000.00"
    assert got["interest"] == "17.73"  # 10.60 + 7.13, each period rounded
    assert got["total"] == "1057.73"


def test_french_consumer_claims_from_the_formal_notice(services, capsys) -> None:  # type: ignore[no-untyped-def]
    invoice_id = _dossier(services, client_type="consumer")
    got = _run(services, capsys, "F2026-0042", "--as-of", "2026-11-22")
    assert (got["interest"], got["fixed_indemnity"], got["interest_periods"]) == (
        "0.00",
        "0.00",
        [],
    )
    with services.uow() as uow:
        reminder = Reminder(
            client_id=1,
            level_code="formal_notice",
            channel="formal_notice",
            planned_date=date(2026, 11, 2),
            done_on=date(2026, 11, 2),
            status="done",
        )
        uow.session.add(reminder)
        uow.session.flush()
        uow.session.add(ReminderInvoice(reminder_id=reminder.id, invoice_id=invoice_id))
        uow.commit()
    got = _run(services, capsys, "F2026-0042", "--as-of", "2026-11-22")
    assert [(p["from"], p["rate_percent"]) for p in got["interest_periods"]] == [
        ("2026-11-03", "2.75")
    ]
    assert got["fixed_indemnity"] == "0.00"


def test_unknown_invoice_and_credit_note_are_rejected(services, capsys) -> None:  # type: ignore[no-untyped-def]
    _dossier(services)
    url = services.url.render_as_string(hide_password=False)
    assert main(["--database", url, "claim", "NOPE"]) == 3
    assert "NOPE" in capsys.readouterr().err
    assert main(["--database", url, "claim", "AV-1"]) == 3
    assert "credit note" in capsys.readouterr().err


def test_table_output_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.bootstrap import build
    from app.services.dossier import CompanySettings

    db = str(tmp_path / "fr.relance")
    services = build(db, "fr")
    services.dossier.init(CompanySettings(name="X"))
    _dossier(services)
    services.close()
    assert (
        main(["--database", db, "--lang", "fr", "claim", "F2026-0042", "--as-of", "2026-11-22"])
        == 0
    )
    out = capsys.readouterr().out
    assert "1\u202f259,16\xa0€" in out
    assert "Indemnité forfaitaire" in out
