"""Importing invoices and credit notes: defaults, targets, duplicates, all rows or none."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.models import Allocation, Invoice
from app.domain.errors import InvalidInput
from tests.services.transfer.csv_helpers import CLIENTS, problems_of, write_csv

HEADER = "number,client_code,issue_date,due_date,total,currency,kind,applies_to\n"


@pytest.fixture
def dossier(services, tmp_path: Path):  # type: ignore[no-untyped-def]
    services.importer.import_file("clients", write_csv(tmp_path, "clients.csv", CLIENTS))
    return services


def _invoices(services) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        rows = uow.session.execute(select(Invoice.__table__)).mappings().all()
        ids = {r["id"]: r["number"] for r in rows}
        return {r["number"]: {**r, "applies_to": ids.get(r["applies_to_id"])} for r in rows}


def test_due_date_defaults_to_client_then_company_terms(dossier, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = HEADER + (
        "F1,C001,2026-01-10,,100.00,,,\n"
        'F2,C002,10/01/2026,,"1 234,56 €",,,\n'
        "F3,C002,2026-01-10,2026-03-01,50,usd,invoice,\n"
    )
    result = dossier.importer.import_file("invoices", write_csv(tmp_path, "i.csv", text))
    assert (result.rows_read, result.created) == (3, 3)
    invoices = _invoices(dossier)
    assert invoices["F1"]["due_date"] == date(2026, 2, 24)  # client terms: 45 days
    assert invoices["F2"]["due_date"] == date(2026, 2, 9)  # company default: 30 days
    assert invoices["F2"]["total"] == Decimal("1234.56")
    assert invoices["F2"]["currency"] == "EUR"
    assert invoices["F3"]["due_date"] == date(2026, 3, 1)
    assert invoices["F3"]["currency"] == "USD"


def test_credit_notes_point_at_invoices_above_or_in_the_dossier(dossier, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = HEADER + "F1,C001,2026-01-10,,100.00,,,\n"
    dossier.importer.import_file("invoices", write_csv(tmp_path, "a.csv", first))
    text = HEADER + (
        "F2,C001,2026-01-11,,200.00,,,\n"
        "AV1,C001,2026-01-20,2030-01-01,30.00,,credit_note,F1\n"
        "AV2,C001,2026-01-21,,250.00,,credit_note,F2\n"
        "AV3,C001,2026-01-22,,10.00,,credit_note,\n"
    )
    dossier.importer.import_file("invoices", write_csv(tmp_path, "b.csv", text))
    invoices = _invoices(dossier)
    assert invoices["AV1"]["applies_to"] == "F1"
    assert invoices["AV1"]["due_date"] == date(2026, 1, 20)  # a credit note's due date is ignored
    assert invoices["AV2"]["applies_to"] == "F2"
    assert invoices["AV3"]["applies_to"] is None
    with dossier.uow() as uow:
        allocated = {
            (a.invoice_id, a.credit_note_id, a.amount)
            for a in uow.session.scalars(select(Allocation))
        }
    ids = {n: r["id"] for n, r in invoices.items()}
    assert allocated == {
        (ids["F1"], ids["AV1"], Decimal("30.00")),
        (ids["F2"], ids["AV2"], Decimal("200.00")),  # the 50.00 left is unapplied credit
    }


def test_every_problem_is_reported_and_nothing_written(dossier, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = HEADER + "F0,C001,2026-01-10,,100.00,,,\nF9,C002,2026-01-10,,100.00,,,\n"
    dossier.importer.import_file("invoices", write_csv(tmp_path, "a.csv", first))
    text = HEADER + (
        "F1,C001,2026-01-10,,100.00,,,\n"  # 2: fine
        "F1,C001,2026-01-10,,100.00,,,\n"  # 3: duplicate in the file
        "F0,C002,2026-01-10,,100.00,,,\n"  # 4: in the dossier, for another client
        "F2,C999,2026-01-10,,100.00,,,\n"  # 5: unknown client
        "F3,C001,2026-13-01,,-5,,,\n"  # 6: bad date, negative total
        "F4,C001,2026-01-10,2026-01-01,1.234,EURO,bill,\n"  # 7: due<issue, decimals, currency, kind
        "AV1,C001,2026-01-10,,10,,credit_note,F8\n"  # 8: target later in the file
        "F8,C001,2026-01-10,,10,,,\n"  # 9: fine
        "AV2,C001,2026-01-10,,10,,credit_note,F9\n"  # 10: another client's invoice
        "AV3,C001,2026-01-10,,10,USD,credit_note,F1\n"  # 11: another currency
        "AV4,C001,2026-01-10,,10,,credit_note,AV3\n"  # 12: a credit note is no target
        "F5,C001,2026-01-10,,10,,invoice,F1\n"  # 13: an invoice applies to nothing
        ",,,,,,,\n"  # blank: skipped
        "F6,,,,,,,\n"  # 15: required cells
    )
    with pytest.raises(InvalidInput) as caught:
        dossier.importer.import_file("invoices", write_csv(tmp_path, "b.csv", text))
    assert problems_of(caught.value) == [
        (3, "number"),
        (4, "number"),
        (5, "client_code"),
        (6, "issue_date"),
        (6, "total"),
        (7, "due_date"),
        (7, "total"),
        (7, "currency"),
        (7, "kind"),
        (8, "applies_to"),
        (10, "applies_to"),
        (11, "applies_to"),
        (12, "applies_to"),
        (13, "applies_to"),
        (15, "client_code"),
        (15, "issue_date"),
        (15, "total"),
    ]
    messages = [p.message for p in caught.value.problems]
    assert "line 2" in messages[0]
    assert "already in the dossier" in messages[1]
    assert "C999" in messages[2]
    assert set(_invoices(dossier)) == {"F0", "F9"}


def test_net_and_tax_must_add_up(dossier, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "number,client_code,issue_date,total,net_amount,tax_amount,late_interest_rate\n"
    text += 'F1,C001,2026-01-10,120.00,100.00,20.00,"12,5"\nF2,C001,2026-01-10,120,100,19,101\n'
    with pytest.raises(InvalidInput) as caught:
        dossier.importer.import_file("invoices", write_csv(tmp_path, "i.csv", text))
    assert problems_of(caught.value) == [(3, "total"), (3, "late_interest_rate")]
    good = text.splitlines()[0] + "\n" + text.splitlines()[1] + "\n"
    dossier.importer.import_file("invoices", write_csv(tmp_path, "j.csv", good))
    f1 = _invoices(dossier)["F1"]
    assert (f1["net_amount"], f1["tax_amount"]) == (Decimal("100.00"), Decimal("20.00"))
    assert f1["late_interest_rate"] == Decimal("12.5")


def test_dry_run_validates_without_writing(dossier, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = HEADER + "F1,C001,2026-01-10,,100.00,,,\n"
    result = dossier.importer.import_file("invoices", write_csv(tmp_path, "i.csv", text), True)
    assert result.dry_run
    assert result.created == 1
    assert _invoices(dossier) == {}


def test_a_large_file_is_imported_in_one_go(dossier, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [
        f"F{n:06d},C00{1 + n % 3},2026-01-{1 + n % 28:02d},,{n % 900 + 1}.50,,,\n"
        for n in range(5000)
    ]
    path = write_csv(tmp_path, "big.csv", HEADER + "".join(rows))
    seen: list[tuple[int, int]] = []
    result = dossier.importer.import_file(
        "invoices", path, progress=lambda d, t: seen.append((d, t))
    )
    assert result.created == 5000
    assert seen[0] == (0, 5000)
    assert seen[-1] == (5000, 5000)
    assert len(_invoices(dossier)) == 5000


def test_a_reimport_updates_and_creates_the_missing_clients(dossier, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = HEADER + "F1,C001,2026-01-10,,100.00,,,\nF2,C001,2026-01-11,,50.00,,,\n"
    dossier.importer.import_file("invoices", write_csv(tmp_path, "a.csv", first))
    text = (
        "number,client_code,client_name,issue_date,due_date,total\n"
        "F1,C001,,2026-01-10,2026-03-01,100.00\n"  # a new due date
        "F2,C001,,2026-01-11,,50.00\n"  # the same
        "F3,N001,Nouvelle Société,2026-01-12,,70.00\n"  # a client to create
    )
    path = write_csv(tmp_path, "b.csv", text)
    with pytest.raises(InvalidInput) as caught:
        dossier.importer.import_file("invoices", path)
    assert problems_of(caught.value) == [(4, "client_code")]
    dry = dossier.importer.import_file("invoices", path, dry_run=True, create_clients=True)
    assert (dry.created, dry.updated, dry.unchanged) == (1, 1, 1)
    assert dry.new_clients == [("N001", "Nouvelle Société")]
    assert set(_invoices(dossier)) == {"F1", "F2"}
    done = dossier.importer.import_file("invoices", path, create_clients=True)
    assert (done.created, done.updated, done.unchanged) == (1, 1, 1)
    invoices = _invoices(dossier)
    assert invoices["F1"]["due_date"] == date(2026, 3, 1)
    assert invoices["F3"]["total"] == Decimal("70.00")


def test_a_file_imported_again_unchanged_writes_nothing(dossier, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Nothing new: no write, so the figures kept for the dossier stay valid; one changed
    row writes as before."""
    from app.db.uow import state_token

    def token() -> str:
        with dossier.uow() as uow:
            return state_token(uow.session)

    text = HEADER + "F1,C001,2026-01-10,2026-02-10,100.00,,,\nF2,C002,2026-01-12,,50,,,\n"
    path = write_csv(tmp_path, "i.csv", text)
    assert dossier.importer.import_file("invoices", path).created == 2
    before = token()
    again = dossier.importer.import_file("invoices", path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert token() == before
    clients = dossier.importer.import_file("clients", write_csv(tmp_path, "c.csv", CLIENTS))
    assert (clients.created, clients.updated) == (0, 0)
    assert token() == before
    changed = write_csv(tmp_path, "i2.csv", text.replace("100.00", "120.00"))
    assert dossier.importer.import_file("invoices", changed).updated == 1
    assert token() != before
    assert _invoices(dossier)["F1"]["total"] == Decimal("120.00")
