"""Importing a FEC: clients, invoices, credit notes, payments and lettering; rejections."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.models import Allocation, Client, CreditApplication, Invoice, Payment, PaymentLine
from app.domain.errors import InvalidInput
from tests.services.transfer.csv_helpers import problems_of
from tests.services.transfer.fec_samples import (
    credit_note,
    fec_text,
    lines,
    receipt,
    sale,
    write_fec,
)


def _state(services) -> dict[str, object]:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        s = uow.session
        numbers = dict(s.execute(select(Invoice.id, Invoice.number)).tuples().all())
        invoices = {
            i.number: (
                i.kind,
                i.total,
                i.allocated,
                i.issue_date.isoformat(),
                i.due_date.isoformat(),
            )
            for i in s.scalars(select(Invoice))
        }
        clients = dict(s.execute(select(Client.code, Client.name)).tuples().all())
        payments = {p.reference: (p.amount, p.date.isoformat()) for p in s.scalars(select(Payment))}
        parts = sorted(
            (numbers.get(line.invoice_id) or "", line.amount)
            for line in s.scalars(select(PaymentLine))
        )
        allocations = sorted(
            (numbers[a.invoice_id], a.amount) for a in s.scalars(select(Allocation))
        )
    return {
        "clients": clients,
        "invoices": invoices,
        "payments": payments,
        "parts": parts,
        "allocations": allocations,
    }


D = Decimal


def test_a_fec_becomes_clients_invoices_payments_and_allocations(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_fec(tmp_path, fec_text(lines()))
    dry = services.importer.import_fec(path, dry_run=True)
    assert dry.dry_run
    assert dry.counts["clients_created"] == 4
    assert dry.counts["invoices"] == 6
    assert dry.counts["credit_notes"] == 1
    assert dry.counts["payments"] == 4
    assert dry.counts["lettered"] == 5
    assert dry.counts["supplier_lines"] == 1
    assert dry.counts["other_lines"] == 18
    assert any("no due dates" in note and "30 days" in note for note in dry.notes)
    assert _state(services)["invoices"] == {}  # a dry run writes nothing

    result = services.importer.import_fec(path)
    assert (result.created, result.unchanged) == (15, 0)
    assert not result.dry_run
    assert result.changes.invoices
    state = _state(services)
    assert state["clients"] == {
        "C001": "Boulangerie Martin",
        "C002": "Garage Dubois",
        "C003": "Jeanne Petit",
        "C004": "Hôtel de l'Œuvre",
    }
    assert state["invoices"] == {
        "F001": ("invoice", D("1200.00"), D("1200.00"), "2026-09-01", "2026-10-01"),
        "F002": ("invoice", D("600.00"), D("250.00"), "2026-10-01", "2026-10-31"),
        "F003": ("invoice", D("480.00"), D("80.00"), "2026-10-10", "2026-11-09"),
        "AV001": ("credit_note", D("80.00"), D("80.00"), "2026-10-20", "2026-10-20"),
        "F004": ("invoice", D("300.00"), D("0.00"), "2026-11-10", "2026-12-10"),
        "F005": ("invoice", D("100.00"), D("100.00"), "2026-08-01", "2026-08-31"),
        "F006": ("invoice", D("200.00"), D("200.00"), "2026-08-15", "2026-09-14"),
    }
    assert state["payments"] == {
        "VIR 881 (BQ 1)": (D("1200.00"), "2026-09-20"),
        "CHQ 12 (BQ 2)": (D("250.00"), "2026-10-15"),
        "VIR 990 (BQ 3)": (D("150.00"), "2026-11-05"),
        "VIR 7 (BQ 4)": (D("300.00"), "2026-09-10"),
    }
    # One payment lettered with two invoices is one line for each; an unlettered one, none.
    assert state["parts"] == [
        ("", D("150.00")),
        ("F001", D("1200.00")),
        ("F002", D("250.00")),
        ("F005", D("100.00")),
        ("F006", D("200.00")),
    ]
    assert state["allocations"] == [
        ("F001", D("1200.00")),
        ("F002", D("250.00")),
        ("F003", D("80.00")),
        ("F005", D("100.00")),
        ("F006", D("200.00")),
    ]


def test_importing_the_same_fec_again_adds_nothing(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_fec(tmp_path, fec_text(lines()))
    services.importer.import_fec(path)
    before = _state(services)
    again = services.importer.import_fec(path)
    assert again.created == 0
    assert again.counts["invoices_known"] == 6
    assert again.counts["credit_notes_known"] == 1
    assert again.counts["payments_known"] == 4
    assert again.counts["clients_known"] == 4
    assert again.counts["lettered"] == 0
    assert _state(services) == before
    # The next month's FEC: the year so far plus a new receipt lettered with F004.
    more = lines() + receipt("5", "20261201", "C003", "Jeanne Petit", "VIR 1001", "150,00")
    later = services.importer.import_fec(write_fec(tmp_path, fec_text(more), name="dec.txt"))
    assert (later.created, later.counts["payments"]) == (1, 1)
    assert _state(services)["payments"]["VIR 1001 (BQ 5)"] == (D("150.00"), "2026-12-01")


def test_a_credit_note_lettered_with_two_invoices_settles_both(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = (
        sale("1", "20261001", "C9", "Multi", "F10", "100,00", "Z")
        + sale("2", "20261002", "C9", "Multi", "F11", "100,00", "Z")
        + credit_note("3", "20261005", "C9", "Multi", "AV10", "150,00", "Z")
    )
    services.importer.import_fec(write_fec(tmp_path, fec_text(rows)))
    state = _state(services)
    assert state["allocations"] == [("F10", D("100.00")), ("F11", D("50.00"))]
    with services.uow() as uow:
        applied = sorted(a.amount for a in uow.session.scalars(select(CreditApplication)))
    assert applied == [D("50.00"), D("100.00")]


def test_pipes_and_iso_8859_15_are_read(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = fec_text(lines(), separator="|").replace("Prestations", "Prestations 1 €")
    path = write_fec(tmp_path, text, encoding="iso-8859-15")
    assert path.read_bytes().count(b"\xa4")  # € in ISO-8859-15
    services.importer.import_fec(path)
    assert _state(services)["clients"]["C004"] == "Hôtel de l'Œuvre"


def test_an_unbalanced_entry_rejects_the_file(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = lines()
    rows[1] = (*rows[1][:11], "0,00", "990,00", "", "")  # 706 credit 990 instead of 1000
    path = write_fec(tmp_path, fec_text(rows))
    with pytest.raises(InvalidInput) as caught:
        services.importer.import_fec(path)
    assert problems_of(caught.value) == [(2, "EcritureNum")]
    assert "entry 1 of journal VT is not balanced: debits 1200.00, credits 1190.00" in str(
        caught.value
    )
    assert _state(services)["clients"] == {}


def test_wrong_columns_dates_and_amounts_are_located(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = fec_text(lines()).splitlines()
    text[2] = text[2].rsplit("\t", 1)[0]  # 17 fields
    text[3] = text[3].replace("20260901", "20260931", 1)
    text[4] = text[4].replace("\t0,00\t", "\tdouze\t", 1)
    path = write_fec(tmp_path, "\n".join(text))
    with pytest.raises(InvalidInput) as caught:
        services.importer.import_fec(path)
    assert problems_of(caught.value) == [(3, None), (4, "EcritureDate"), (5, "Credit")]
    messages = [p.message for p in caught.value.problems]
    assert messages[0] == "17 fields on this line where the FEC has 18 columns"
    assert "'20260931'" in messages[1]
    assert _state(services)["clients"] == {}


def test_a_header_that_is_not_a_fec_is_refused(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    header = fec_text([]).replace("\tIdevise", "")
    with pytest.raises(InvalidInput) as caught:
        services.importer.import_fec(write_fec(tmp_path, header))
    assert problems_of(caught.value) == [(1, "Idevise"), (1, None)]
    with pytest.raises(InvalidInput) as caught:
        services.importer.import_fec(write_fec(tmp_path, "a;b;c\n1;2;3\n", name="x.csv"))
    assert "tabs or vertical bars" in str(caught.value)


def test_lettering_done_after_a_first_import_applies_what_was_there(
    services, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first = (
        sale("1", "20261001", "C7", "Lent", "F70", "300,00")
        + sale("2", "20261002", "C7", "Lent", "F71", "100,00")
        + credit_note("3", "20261003", "C7", "Lent", "AV70", "40,00")
        + receipt("1", "20261105", "C7", "Lent", "VIR 5", "150,00")
    )
    services.importer.import_fec(write_fec(tmp_path, fec_text(first), name="oct.txt"))
    assert _state(services)["allocations"] == []
    # The bookkeeper letters the receipt with F70 and the credit note with F71, then exports.
    later = (
        sale("1", "20261001", "C7", "Lent", "F70", "300,00", "K")
        + sale("2", "20261002", "C7", "Lent", "F71", "100,00", "L")
        + credit_note("3", "20261003", "C7", "Lent", "AV70", "40,00", "L")
        + receipt("1", "20261105", "C7", "Lent", "VIR 5", "150,00", "K")
    )
    path = write_fec(tmp_path, fec_text(later), name="nov.txt")
    result = services.importer.import_fec(path)
    assert (result.created, result.updated, result.counts["lettered"]) == (0, 2, 2)
    expected = [("F70", D("150.00")), ("F71", D("40.00"))]
    assert _state(services)["allocations"] == expected
    again = services.importer.import_fec(path)
    assert again.counts["lettered"] == 0
    assert _state(services)["allocations"] == expected
    with services.uow() as uow:
        assert len(list(uow.session.scalars(select(CreditApplication)))) == 2


def test_opening_balances_and_a_bounced_payment_keep_each_balance(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    opening = [
        ("AN", "A nouveaux", "1", "20260101", "411000", "Clients", code, name, "AN2026",
         "20260101", "Report à nouveau", amount, "0,00", "", "")
        for code, name, amount in (("C10", "Ancien Un", "500,00"), ("C11", "Ancien Deux", "300,00"))
    ] + [
        ("AN", "A nouveaux", "1", "20260101", "110000", "Report à nouveau", "", "", "AN2026",
         "20260101", "Report à nouveau", "0,00", "800,00", "", ""),
    ]  # fmt: skip
    bounced = [
        ("BQ", "Banque", "9", "20261001", "411000", "Clients", "C10", "Ancien Un", "CHQ 5",
         "20261001", "Chèque impayé", "120,00", "0,00", "", ""),
        ("BQ", "Banque", "9", "20261001", "512000", "Banque", "", "", "CHQ 5", "20261001",
         "Chèque impayé", "0,00", "120,00", "", ""),
    ]  # fmt: skip
    rows = (
        opening
        + sale("2", "20260905", "C10", "Ancien Un", "CHQ 5", "120,00", "M")
        + receipt("3", "20260915", "C10", "Ancien Un", "CHQ 5", "120,00", "M")
        + bounced
    )
    result = services.importer.import_fec(write_fec(tmp_path, fec_text(rows)))
    assert any("3 customer debits outside a sales entry" in n for n in result.notes)
    invoices = _state(services)["invoices"]
    assert {n: v[:3] for n, v in invoices.items()} == {
        "AN2026-C10": ("invoice", D("500.00"), D("0.00")),
        "AN2026-C11": ("invoice", D("300.00"), D("0.00")),
        "CHQ 5": ("invoice", D("120.00"), D("120.00")),
        "CHQ 5-BQ9": ("invoice", D("120.00"), D("0.00")),
    }


def test_a_known_invoice_with_another_total_is_left_with_a_warning(
    services, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    services.importer.import_fec(
        write_fec(
            tmp_path, fec_text(sale("1", "20261001", "C5", "Cinq", "F50", "100,00")), name="a.txt"
        )
    )
    path = write_fec(tmp_path, fec_text(sale("1", "20261001", "C5", "Cinq", "F50", "110,00")))
    result = services.importer.import_fec(path)
    assert result.warnings == [
        f"{path}:2: F50 is already in the dossier with a total of 100.00, the file says 110.00: "
        "left as it is"
    ]
    assert _state(services)["invoices"]["F50"][1] == D("100.00")


def _montant_sens(text: str) -> str:
    rows = [line.split("\t") for line in text.splitlines()]
    rows[0][11:13] = ["Montant", "Sens"]
    for row in rows[1:]:
        debit, credit = row[11], row[12]
        row[11:13] = [debit, "D"] if debit != "0,00" else [credit, "C"]
    return "\n".join("\t".join(row) for row in rows)


def test_the_montant_and_sens_layout_and_windows_text_are_read(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = _montant_sens(fec_text(lines())).replace("Garage Dubois", "Garage – Dubois")
    path = write_fec(tmp_path, text, encoding="cp1252")
    assert b"\x96" in path.read_bytes()  # the en dash of Windows-1252
    services.importer.import_fec(path)
    state = _state(services)
    assert state["clients"]["C002"] == "Garage – Dubois"
    assert state["allocations"][0] == ("F001", D("1200.00"))
    assert len(state["invoices"]) == 7
    with services.uow() as uow:
        label = uow.session.scalar(select(Invoice.description).where(Invoice.number == "F001"))
    assert label == "Facture F001"
    bad = _montant_sens(fec_text(lines())).replace("\tD\t", "\tX\t", 1)
    with pytest.raises(InvalidInput) as caught:
        services.importer.import_fec(write_fec(tmp_path, bad, name="bad.txt"))
    assert problems_of(caught.value) == [(2, "Sens")]
