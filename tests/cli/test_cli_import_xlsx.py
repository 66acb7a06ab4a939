"""`relance import` of real-world exports: French headers, cp1252, XLSX cells, --map, balances."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest

from app.cli import main

TODAY = "2026-11-22"

FRENCH_CLIENTS = (
    "Code client;Raison sociale;E-mail;Téléphone;Adresse;Code postal;Ville;Pays;N° TVA;SIRET\r\n"
    "C001;Boulangerie Hérault;compta@herault.fr;01 23 45 67 89;3 rue de la Paix;75002;Paris;FR;"
    "FR 40 123 456 789;12345678900012\r\n"
    "C002;Garage Lefèvre;;;;;Lyon;FR;;\r\n"
)
FRENCH_INVOICES = (
    "N° facture;Code client;Date de facture;Date d'échéance;Montant TTC;Reste à payer;Libellé\r\n"
    "FA-001;C001;01/09/2026;01/10/2026;1 234,56 €;1 234,56 €;Pains spéciaux\r\n"
    "FA-002;C001;15/10/2026;14/11/2026;\u00a0500,00\u00a0€;200,00 €;Viennoiseries\r\n"
    "FA-003;C002;01/11/2026;01/12/2026;99,90 €;0,00 €;Révision\r\n"
)


def _run(db: str, *argv: str) -> int:
    return main(["--database", db, "--today", TODAY, *argv])


def _aging(db: str, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, str]]:
    assert _run(db, "aging", "--as-of", TODAY, "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)["clients"]
    return {row["code"]: row for row in rows}


@pytest.fixture
def db(database_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert _run(database_url, "init", "--company", "Dupont") == 0
    capsys.readouterr()
    return database_url


def _cell(year: int, month: int, day: int) -> datetime:
    """A date cell as a spreadsheet holds it: a datetime at midnight, no time zone."""
    return datetime.combine(date(year, month, day), time())


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_a_french_csv_export_is_read_by_its_headers(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clients = tmp_path / "clients.csv"
    clients.write_bytes(FRENCH_CLIENTS.encode("cp1252"))
    invoices = tmp_path / "factures.csv"
    invoices.write_bytes(FRENCH_INVOICES.encode("cp1252"))
    assert _run(db, "import", "clients", str(clients)) == 0
    assert "2 clients created" in capsys.readouterr().out
    assert _run(db, "import", "invoices", str(invoices), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "nothing was written" in out
    assert "2 payments totalling 399.90 for the parts already paid" in out
    assert _aging(db, capsys) == {}
    assert _run(db, "import", "invoices", str(invoices)) == 0
    assert "3 invoices imported" in capsys.readouterr().out
    aging = _aging(db, capsys)
    assert set(aging) == {"C001"}  # FA-003 fully paid
    assert aging["C001"]["over_90"] == "0.00"
    assert aging["C001"]["31-60"] == "1234.56"
    assert aging["C001"]["1-30"] == "200.00"
    assert aging["C001"]["total"] == "1434.56"
    export = tmp_path / "out.csv"
    assert _run(db, "export", "clients", str(export)) == 0
    text = export.read_text(encoding="utf-8")
    assert "C001,Boulangerie Hérault,compta@herault.fr,01 23 45 67 89,3 rue de la Paix" in text
    assert "FR40123456789,12345678900012" in text


def test_an_xlsx_sheet_with_date_cells_and_float_amounts(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clients = _sheet(
        tmp_path / "clients.xlsx",
        [["Customer code", "Customer name", "Email"], ["K1", "Acme Ltd", "ap@acme.example"]],
    )
    invoices = _sheet(
        tmp_path / "invoices.xlsx",
        [
            ["Export of 2026-11-22"],  # a title above the header
            [],
            ["Invoice #", "Customer", "Invoice date", "Due date", "Amount", "Balance"],
            ["I-1", "K1", _cell(2026, 9, 1), date(2026, 10, 1), 1234.56, 1234.56],
            ["I-2", "K1", _cell(2026, 10, 20), _cell(2026, 11, 19), 0.1 + 0.2, 0.1],
            ["I-3", "K1", _cell(2026, 11, 1), _cell(2026, 12, 31), 3 * 1234.56, None],
        ],
    )
    assert _run(db, "import", "clients", str(clients)) == 0
    assert _run(db, "import", "invoices", str(invoices)) == 0
    out = capsys.readouterr().out
    assert "3 invoices imported" in out
    assert "1 payment of 0.20" in out
    aging = _aging(db, capsys)["K1"]
    assert aging["31-60"] == "1234.56"
    assert aging["1-30"] == "0.10"
    assert aging["current"] == "3703.68"  # 3703.6800000000003 in the cell
    export = tmp_path / "out.csv"
    assert _run(db, "export", "invoices", str(export)) == 0
    lines = export.read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("I-1,K1,2026-09-01,2026-10-01,1234.56,EUR")
    assert lines[2].startswith("I-2,K1,2026-10-20,2026-11-19,0.30,EUR")


def test_map_names_headers_the_aliases_do_not_know(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clients = tmp_path / "tiers.csv"
    clients.write_text("Compte;Nom;Divers\nT1;Tiers Un;x\n", encoding="utf-8")
    assert _run(db, "import", "clients", str(clients)) == 3
    assert "code: required column missing" in capsys.readouterr().err
    assert _run(db, "import", "clients", str(clients), "--map", "compte=code,Divers=") == 0
    captured = capsys.readouterr()
    assert "1 client created" in captured.out
    assert captured.err == ""
    assert _run(db, "import", "clients", str(clients), "--map", "Compte=numero") == 3
    assert "'numero' is not a column" in capsys.readouterr().err
    assert _run(db, "import", "clients", str(clients), "--map", "Compte") == 2


def test_bad_spreadsheets_are_refused_with_their_place(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_zip = tmp_path / "factures.xlsx"
    not_zip.write_text("N° facture;Code client\n", encoding="utf-8")
    assert _run(db, "import", "invoices", str(not_zip)) == 3
    assert f"{not_zip}: not an XLSX spreadsheet" in capsys.readouterr().err

    missing = _sheet(tmp_path / "missing.xlsx", [["N° facture", "Montant TTC"], ["F1", 10.0]])
    assert _run(db, "import", "invoices", str(missing)) == 3
    err = capsys.readouterr().err
    assert f"{missing}:1:client_code: required column missing from the header" in err
    assert f"{missing}:1:issue_date: required column missing from the header" in err

    clients = _sheet(tmp_path / "c.xlsx", [["Code client", "Raison sociale"], ["C1", "Un"]])
    assert _run(db, "import", "clients", str(clients)) == 0
    bad = _sheet(
        tmp_path / "bad.xlsx",
        [
            ["N° facture", "Code client", "Date de facture", "Montant TTC", "Reste à payer"],
            ["F1", "C1", _cell(2026, 1, 5), 100.0, 20.0],
            ["F2", "C1", "lundi", 12.345, 0.0],
            ["F3", "C1", _cell(2026, 1, 5), 50.0, 60.0],
        ],
    )
    capsys.readouterr()
    assert _run(db, "import", "invoices", str(bad)) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert [line.split(": ", 1)[0] for line in captured.err.strip().splitlines()] == [
        f"{bad}:3:Date de facture",
        f"{bad}:3:Montant TTC",
        f"{bad}:4:Reste à payer",
    ]
    assert _aging(db, capsys) == {}


def test_import_reads_the_sheet_named_by_sheet(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Lisez-moi"
    book.active.append(["Export de la comptabilité"])
    sheet = book.create_sheet("Clients")
    sheet.append(["Code client", "Raison sociale"])
    sheet.append(["C001", "Boulangerie Hérault"])
    path = tmp_path / "export.xlsx"
    book.save(path)
    assert _run(db, "import", "clients", str(path), "--sheet", "Factures") == 3
    assert "no sheet named 'Factures'" in capsys.readouterr().err
    assert _run(db, "import", "clients", str(path), "--sheet", "Clients") == 0
    assert "1 client created" in capsys.readouterr().out
    assert _run(db, "import", "fec", str(path), "--sheet", "Clients") == 2


def test_a_formula_whose_result_was_never_saved_says_how_to_fix_it(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A workbook written by a program keeps its formulas without their results: the amount
    is unknown, the import refuses it and says to save the file from a spreadsheet. A formula
    in a column that is not imported stops nothing."""
    clients = _sheet(tmp_path / "c.xlsx", [["Customer code", "Customer name"], ["K1", "Acme"]])
    assert _run(db, "import", "clients", str(clients)) == 0
    rows: list[list[object]] = [
        ["Invoice #", "Customer", "Invoice date", "Due date", "Amount", "Notes"],
        ["I-1", "K1", _cell(2026, 9, 1), _cell(2026, 10, 1), "=100*2", "ok"],
        ["I-2", "K1", _cell(2026, 9, 2), _cell(2026, 10, 2), 50, "=E3*2"],
    ]
    invoices = _sheet(tmp_path / "invoices.xlsx", rows)
    capsys.readouterr()
    assert _run(db, "import", "invoices", str(invoices)) == 3
    err = capsys.readouterr().err
    assert (
        "invoices.xlsx:2:Amount: the cell holds a formula whose result the file does not keep"
        in (err)
    )
    assert "open the workbook in Excel or LibreOffice, save it" in err
    assert ":3:" not in err  # the formula in Notes, a column not imported
    rows[1][4] = 200
    assert _run(db, "import", "invoices", str(_sheet(tmp_path / "fixed.xlsx", rows))) == 0
    assert "2 invoices imported" in capsys.readouterr().out
