"""The XLSX reader and the header aliases, below the import: exact cells, rows as numbered."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest

from app.domain.errors import InvalidInput
from app.services.transfer.importers import aliases, xlsx
from app.services.transfer.importers.reading import read_table
from app.services.transfer.presets import MappingPresets, Preset
from app.services.transfer.preview import preview

KNOWN = ("number", "client_code", "issue_date", "due_date", "total", "balance")
ROWS: list[list[object]] = [
    ["Invoice #", "Customer", None, "Due", "Amount", "Paid?"],
    ["A-1", "K1", None, datetime.combine(date(2026, 1, 31), time()), 0.1 + 0.2, True],
    [],
    ["A-2", 42, "texte", date(2026, 2, 28), 1e16, False],
    [None, None, None, None, 3 * 1234.56, "=SUM(E2:E4)"],
]


def _book(path: Path, write_only: bool) -> Path:
    book = openpyxl.Workbook(write_only=write_only)
    sheet = book.create_sheet() if write_only else book.active
    for row in ROWS:
        sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize("write_only", [True, False], ids=["inline strings", "shared strings"])
def test_the_direct_reader_gives_what_openpyxl_gives(tmp_path: Path, write_only: bool) -> None:
    data = _book(tmp_path / "s.xlsx", write_only).read_bytes()
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = book.worksheets[0]
    direct = [(line, cells) for line, cells in xlsx._sheet_rows(book, sheet) if any(cells)]
    slow = [(n, c) for n, c in xlsx._numbered(sheet.iter_rows(values_only=True), "f") if any(c)]
    assert [(n, c + [""] * (6 - len(c))) for n, c in direct] == [
        (n, c + [""] * (6 - len(c))) for n, c in slow
    ]
    assert direct[1] == (2, ["A-1", "K1", "", "2026-01-31", "0.3", "True"])
    assert direct[2][0] == 4  # the empty row still counts
    assert direct[2][1][1:] == ["42", "texte", "2026-02-28", "10000000000000000", "False"]
    assert direct[3][1][4:] == ["3703.68", ""]  # a formula never computed has no value


def test_headers_match_without_case_accents_or_punctuation() -> None:
    assert aliases.normalize("  N° de Facture ") == "n de facture"
    assert aliases.normalize("DATE D'ÉCHÉANCE") == "date d echeance"
    resolved = aliases.resolve(
        "invoices",
        KNOWN,
        ["n° FACTURE", "Code client", "Client", "date de facture", "Montant T.T.C.", "Solde"],
        None,
        "f.csv",
    )
    assert resolved.columns == ["number", "client_code", "", "issue_date", "total", "balance"]
    assert [str(w) for w in resolved.warnings] == [
        "f.csv:1:Client: already read as client_code from 'Code client', ignored"
    ]
    assert resolved.labels["number"] == "n° FACTURE"


def test_a_title_above_the_header_and_bad_files(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Relevé des factures au 22/11/2026"])
    sheet.append(["N° facture", "Code client", "Date de facture", "Montant TTC"])
    sheet.append(["F1", "C1", datetime.combine(date(2026, 1, 5), time()), 12.5])
    book.save(tmp_path / "f.xlsx")
    table = read_table(
        tmp_path / "f.xlsx", KNOWN, ("number", "client_code", "issue_date"), "invoices"
    )
    assert table.encoding == "xlsx"
    assert [(r.line, r.cells) for r in table.records] == [
        (3, {"number": "F1", "client_code": "C1", "issue_date": "2026-01-05", "total": "12.5"})
    ]
    head = preview(tmp_path / "f.xlsx")
    assert (head.header_line, head.best_kind()) == (2, "invoices")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(InvalidInput, match=r"old Excel \.xls"):
        read_table(old, KNOWN, (), "invoices")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InvalidInput, match="cannot read this spreadsheet"):
        read_table(broken, KNOWN, (), "invoices")


def test_presets_are_offered_for_the_same_headers(tmp_path: Path) -> None:
    presets = MappingPresets(tmp_path / "config")
    assert presets.all() == []
    presets.save(Preset("Sage", "clients", ("Compte", "Nom"), {"Compte": "code", "Nom": "name"}))
    presets.save(Preset("Sage", "clients", ("Compte", "Nom"), {"Compte": "code", "Nom": ""}))
    assert [p.mapping["Nom"] for p in presets.all()] == [""]
    assert [p.name for p in presets.for_file("clients", ["NOM", "compte", ""])] == ["Sage"]
    assert presets.for_file("clients", ["Compte", "Nom", "Ville"]) == []
    assert presets.for_file("invoices", ["Compte", "Nom"]) == []
