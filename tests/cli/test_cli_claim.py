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
        "damages": "0.00",
        "disputed": False,
        "limitation_date": "2031-10-06",  # C. com. L110-4: 5 years from the due date
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


# ---- the law, everywhere (issue 11) -------------------------------------------------------


def _remind(services, invoice_id: int, on: date, level: str, channel: str) -> None:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        reminder = Reminder(
            client_id=1,
            level_code=level,
            channel=channel,
            planned_date=on,
            done_on=on,
            status="done",
        )
        uow.session.add(reminder)
        uow.session.flush()
        uow.session.add(ReminderInvoice(reminder_id=reminder.id, invoice_id=invoice_id))
        uow.commit()


def _pay(services, invoice_id: int, on: date, amount: str) -> None:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        payment = Payment(client_id=1, date=on, amount=Decimal(amount))
        uow.session.add(payment)
        uow.session.flush()
        uow.session.add(
            PaymentLine(payment_id=payment.id, invoice_id=invoice_id, amount=Decimal(amount))
        )
        recompute_allocations(uow.session, [1])
        uow.commit()


def _company(services, **changes: object) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    services.dossier.update(replace(services.dossier.settings(), **changes))


def _table(services, capsys, *args: str) -> str:  # type: ignore[no-untyped-def]
    url = services.url.render_as_string(hide_password=False)
    assert main(["--database", url, "claim", *args]) == 0
    return capsys.readouterr().out


def test_not_yet_late_the_principal_is_the_open_balance(services, capsys) -> None:  # type: ignore[no-untyped-def]
    invoice_id = _dossier(services)
    _pay(services, invoice_id, date(2026, 9, 20), "200.00")
    got = _run(services, capsys, "F2026-0042", "--as-of", "2026-10-06")  # due that day
    assert (got["principal"], got["interest"], got["fixed_indemnity"], got["total"]) == (
        "1000.00",
        "0.00",
        "0.00",
        "1000.00",
    )
    assert (got["days_late"], got["interest_periods"]) == (0, [])


def test_paid_late_still_owes_interest_and_indemnity(services, capsys) -> None:  # type: ignore[no-untyped-def]
    invoice_id = _dossier(services)
    _pay(services, invoice_id, date(2026, 10, 16), "1200.00")
    got = _run(services, capsys, "F2026-0042", "--as-of", "2026-11-22")
    # 10 days at 12.40 % on 1,200.00 = 4.08; the EUR 40 is owed although nothing is left
    assert (got["principal"], got["interest"], got["fixed_indemnity"], got["total"]) == (
        "0.00",
        "4.08",
        "40.00",
        "44.08",
    )
    assert got["days_late"] == 10


def test_disputed_invoice_says_so(services, capsys) -> None:  # type: ignore[no-untyped-def]
    invoice_id = _dossier(services)
    with services.uow() as uow:
        uow.session.get(Invoice, invoice_id).disputed = True
        uow.commit()
    assert _run(services, capsys, "F2026-0042", "--as-of", "2026-11-22")["disputed"] is True
    out = _table(services, capsys, "F2026-0042", "--as-of", "2026-11-22")
    assert "Disputed invoice: claim nothing before the dispute is settled." in out


def test_limitation_restarts_on_a_partial_payment_and_a_promise(services, capsys) -> None:  # type: ignore[no-untyped-def]
    from app.db.models import Activity

    invoice_id = _dossier(services)
    _pay(services, invoice_id, date(2027, 2, 1), "100.00")
    got = _run(services, capsys, "F2026-0042", "--as-of", "2027-03-01")
    assert got["limitation_date"] == "2032-02-01"
    with services.uow() as uow:
        uow.session.add(
            Activity(client_id=1, invoice_id=None, kind="promise", date=date(2027, 4, 2))
        )
        uow.commit()
    assert _run(services, capsys, "F2026-0042", "--as-of", "2027-03-01")["limitation_date"] == (
        "2032-02-01"  # the promise is not known yet on that day
    )
    got = _run(services, capsys, "F2026-0042", "--as-of", "2027-05-01")
    assert got["limitation_date"] == "2032-04-02"


def test_time_barred_claim_warns_in_the_table(services, capsys) -> None:  # type: ignore[no-untyped-def]
    _dossier(services, client_type="consumer")
    out = _table(services, capsys, "F2026-0042", "--as-of", "2028-07-01")
    assert "becomes time-barred on 06/09/2028 (C. consom. art. L218-2)" in out
    out = _table(services, capsys, "F2026-0042", "--as-of", "2028-09-07")
    assert "may be time-barred since 06/09/2028" in out


def test_belgian_consumer_wait_starts_with_a_written_reminder_only(services, capsys) -> None:  # type: ignore[no-untyped-def]
    _company(services, country="BE", consumer_damages_clause=True)
    invoice_id = _dossier(services, client_type="consumer")
    _remind(services, invoice_id, date(2026, 10, 10), "reminder_1", "phone")
    got = _run(services, capsys, "F2026-0042", "--as-of", "2026-11-22")
    assert (got["interest"], got["damages"], got["total"]) == ("0.00", "0.00", "1200.00")
    assert got["limitation_date"] == "2027-09-06"  # 1 year from the issue date
    _remind(services, invoice_id, date(2026, 10, 20), "reminder_2", "email")
    got = _run(services, capsys, "F2026-0042", "--as-of", "2026-11-22")
    # the email's period runs 21/10 → 3/11; interest from 4/11 (19 days at 10.50 %)
    assert got["interest_periods"][0]["from"] == "2026-11-04"
    assert (got["interest"], got["fixed_indemnity"], got["damages"]) == ("6.56", "0.00", "100.00")
    assert got["total"] == "1306.56"


def test_belgian_consumer_damages_need_the_company_clause(services, capsys) -> None:  # type: ignore[no-untyped-def]
    _company(services, country="BE")
    invoice_id = _dossier(services, client_type="consumer")
    _remind(services, invoice_id, date(2026, 10, 20), "reminder_1", "letter")
    got = _run(services, capsys, "F2026-0042", "--as-of", "2026-11-22")
    assert (got["fixed_indemnity"], got["damages"]) == ("0.00", "0.00")
    out = _table(services, capsys, "F2026-0042", "--as-of", "2026-11-22")
    assert "no CDE XIX.4 clause" in out
    assert "indemnity" not in out.lower()
    _company(services, consumer_damages_clause=True)
    assert _run(services, capsys, "F2026-0042", "--as-of", "2026-11-22")["damages"] == "100.00"
    out = _table(services, capsys, "F2026-0042", "--as-of", "2026-11-22")
    assert "Fixed damages (Code of Economic Law, art. XIX.4)" in out


def test_the_admin_fee_is_claimed_only_where_the_rules_allow(services, capsys) -> None:  # type: ignore[no-untyped-def]
    invoice_id = _dossier(services)
    _remind(services, invoice_id, date(2026, 10, 21), "reminder_2", "email")
    assert _run(services, capsys, "F2026-0042", "--as-of", "2026-11-22")["fees"] == "0.00"
    _company(services, admin_fee_enabled=True)  # 0.00: the default figure
    got = _run(services, capsys, "F2026-0042", "--as-of", "2026-11-22")
    assert (got["fees"], got["total"]) == ("10.00", "1269.16")
    _company(services, admin_fee=Decimal("15.00"))
    assert _run(services, capsys, "F2026-0042", "--as-of", "2026-11-22")["fees"] == "15.00"
    assert _run(services, capsys, "F2026-0042", "--as-of", "2026-10-20")["fees"] == "0.00"
    with services.uow() as uow:
        uow.session.get(Client, 1).client_type = "consumer"
        uow.commit()
    assert _run(services, capsys, "F2026-0042", "--as-of", "2026-11-22")["fees"] == "0.00"


def test_consumer_table_never_names_an_indemnity(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from app.bootstrap import build
    from app.services.dossier import CompanySettings

    db = str(tmp_path / "fr.relance")
    services = build(db, "fr")
    services.dossier.init(CompanySettings(name="X"))
    invoice_id = _dossier(services, client_type="consumer")
    _remind(services, invoice_id, date(2026, 11, 2), "formal_notice", "formal_notice")
    services.close()
    args = ["--database", db, "--lang", "fr", "claim", "F2026-0042", "--as-of", "2026-11-22"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "ndemnité" not in out  # "Intérêts au taux légal": tests/services/claims
    assert (
        main([*args[:-4], "claim", "F2026-0042", "--as-of", "2026-11-22", "--format", "json"]) == 0
    )
    assert json.loads(capsys.readouterr().out)["fixed_indemnity"] == "0.00"


def test_the_fee_follows_the_stored_policy_levels_and_is_charged_once_per_letter(
    services, capsys
) -> None:  # type: ignore[no-untyped-def]
    from app.services.followup.policies import PolicyBook

    invoice_id = _dossier(services)
    with services.uow() as uow:
        other = Invoice(
            number="F2026-0050",
            client_id=1,
            issue_date=date(2026, 9, 20),
            due_date=date(2026, 10, 20),
            total=Decimal("300.00"),
        )
        uow.session.add(other)
        uow.commit()
        other_id = other.id
    _company(services, admin_fee_enabled=True, admin_fee=Decimal("12.00"))
    PolicyBook(services.uow).ensure()  # the stored default ladder charges at reminder_2
    # one email about both invoices: one fee, on the first invoice it names
    with services.uow() as uow:
        reminder = Reminder(
            client_id=1,
            level_code="reminder_2",
            channel="email",
            planned_date=date(2026, 11, 4),
            done_on=date(2026, 11, 4),
            status="done",
        )
        uow.session.add(reminder)
        uow.session.flush()
        for number in (invoice_id, other_id):
            uow.session.add(ReminderInvoice(reminder_id=reminder.id, invoice_id=number))
        uow.commit()
    assert _run(services, capsys, "F2026-0042", "--as-of", "2026-11-22")["fees"] == "12.00"
    assert _run(services, capsys, "F2026-0050", "--as-of", "2026-11-22")["fees"] == "0.00"
    # a reminder at a level without a fee charges nothing
    _remind(services, other_id, date(2026, 11, 10), "reminder_1", "email")
    assert _run(services, capsys, "F2026-0050", "--as-of", "2026-11-22")["fees"] == "0.00"
