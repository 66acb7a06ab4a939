"""Export writes the import format: export → import into an empty dossier → export is identical."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.db.models import Client, Invoice, Payment, PaymentLine
from app.db.repositories.ledger import recompute_allocations
from app.domain.errors import InvalidInput

AS_OF = date(2026, 11, 22)
KINDS = ("clients", "invoices", "payments")


def _source(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A demo dossier plus the payments the import cannot produce by itself."""
    from app.bootstrap import build

    built = build(str(tmp_path / "source.relance"), "en")
    built.demo.generate(clients=25, invoices=400, seed=3, as_of=AS_OF)
    with built.uow() as uow:
        session = uow.session
        client = session.query(Client).filter_by(code="C0002").one()
        invoices = session.query(Invoice).filter_by(client_id=client.id, kind="invoice").all()
        unnamed = Payment(client_id=client.id, date=AS_OF, amount=Decimal("3.00"), reference="")
        twin_a = Payment(client_id=client.id, date=AS_OF, amount=Decimal("1.00"), reference="CHQ 1")
        twin_b = Payment(client_id=client.id, date=AS_OF, amount=Decimal("2.00"), reference="CHQ 1")
        session.add_all([unnamed, twin_a, twin_b])
        session.flush()
        session.add_all(
            [
                PaymentLine(payment_id=unnamed.id, invoice_id=invoices[0].id, amount=Decimal("1")),
                PaymentLine(payment_id=unnamed.id, invoice_id=None, amount=Decimal("1.50")),
                PaymentLine(payment_id=twin_a.id, invoice_id=invoices[1].id, amount=Decimal("1")),
            ]
        )
        recompute_allocations(session, [client.id])
        uow.commit()
        ids = (unnamed.id, twin_a.id, twin_b.id)
    return built, ids


def _export_all(services, folder: Path) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    folder.mkdir()
    for kind in KINDS:
        services.exporter.export_file(kind, folder / f"{kind}.csv")
    return {kind: (folder / f"{kind}.csv").read_bytes() for kind in KINDS}


def test_round_trip_gives_the_same_files(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source, (unnamed, twin_a, twin_b) = _source(tmp_path)
    try:
        first = _export_all(source, tmp_path / "first")
        source_aging = source.aging.report(AS_OF).to_json()
    finally:
        source.close()
    for kind in KINDS:
        services.importer.import_file(kind, tmp_path / "first" / f"{kind}.csv")
    second = _export_all(services, tmp_path / "second")
    assert second == first
    assert services.aging.report(AS_OF).to_json() == source_aging

    rows = list(csv.DictReader((tmp_path / "first" / "payments.csv").open(encoding="utf-8")))
    by_reference: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_reference.setdefault(row["reference"], []).append(row)
    generated = by_reference[f"PAY-{unnamed}"]
    assert [(r["amount"], r["invoice_number"] != "") for r in generated] == [
        ("1.00", True),
        ("1.50", False),
        ("0.50", False),  # the part of the amount no line accounts for
    ]
    assert [r["amount"] for r in by_reference[f"CHQ 1 #{twin_a}"]] == ["1.00"]
    assert [r["amount"] for r in by_reference[f"CHQ 1 #{twin_b}"]] == ["2.00"]


def test_export_format(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.services.transfer.csv_helpers import CLIENTS, write_csv

    services.importer.import_file("clients", write_csv(tmp_path, "c.csv", CLIENTS))
    invoices = (
        "number;client_code;issue_date;total;late_interest_rate;description\n"
        'F1;C001;05/01/2026;"1 234,5 €";12,40;"Pose, réglage\net essai"\n'
    )
    services.importer.import_file("invoices", write_csv(tmp_path, "i.csv", invoices, "cp1252"))
    assert services.exporter.export_file("invoices", tmp_path / "out.csv") == 1
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == (
        "number,client_code,issue_date,due_date,total,currency,kind,applies_to,net_amount,"
        "tax_amount,reference,description,late_interest_rate\n"
        'F1,C001,2026-01-05,2026-02-19,1234.50,EUR,invoice,,,,,"Pose, réglage\net essai",12.4\n'
    )
    assert services.exporter.export_file("payments", tmp_path / "none.csv") == 0
    assert (tmp_path / "none.csv").read_text() == (
        "date,client_code,amount,invoice_number,reference,method,currency\n"
    )


def test_unknown_kind(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput):
        services.exporter.export_file("reminders", tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()


def test_an_unwritable_target_is_reported(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(InvalidInput) as caught:
        services.exporter.export_file("clients", blocker / "clients.csv")
    assert caught.value.problems[0].file == str(blocker / "clients.csv")
    with pytest.raises(InvalidInput):
        services.backup.backup(blocker / "copy.relance")
