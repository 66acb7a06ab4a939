"""A workbook whose data is not on its first sheet: the sheet is chosen by name."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.domain.errors import InvalidInput
from app.services.transfer.importers import xlsx
from app.services.transfer.importers.reading import read_table
from app.services.transfer.preview import preview

KNOWN = ("code", "name", "email")


def workbook(path: Path) -> Path:
    """A notes sheet first (as accounting exports often have), the clients on the second."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    notes.append(["Export du 30/11/2026"])
    clients = book.create_sheet("Clients")
    clients.append(["Code client", "Raison sociale", "E-mail"])
    clients.append(["C001", "Boulangerie Hérault", "compta@herault.fr"])
    clients.append(["C002", "Garage Lefèvre", ""])
    book.create_sheet("Vide")
    book.create_chartsheet("Graphique")
    book.save(path)
    return path


def test_the_sheet_names_are_the_worksheets_in_tab_order(tmp_path: Path) -> None:
    data = workbook(tmp_path / "export.xlsx").read_bytes()
    assert xlsx.sheet_names(data, "export.xlsx") == ["Notes", "Clients", "Vide"]


def test_a_named_sheet_is_read_and_the_first_stays_the_default(tmp_path: Path) -> None:
    path = workbook(tmp_path / "export.xlsx")
    table = read_table(path, KNOWN, ("code", "name"), "clients", sheet="Clients")
    assert [(r.get("code"), r.get("name")) for r in table.records] == [
        ("C001", "Boulangerie Hérault"),
        ("C002", "Garage Lefèvre"),
    ]
    with pytest.raises(InvalidInput) as first:
        read_table(path, KNOWN, ("code", "name"), "clients")
    assert "code" in str(first.value)  # the notes sheet has no client columns


def test_an_unknown_or_empty_sheet_is_named_in_the_message(tmp_path: Path) -> None:
    path = workbook(tmp_path / "export.xlsx")
    with pytest.raises(InvalidInput) as unknown:
        read_table(path, KNOWN, ("code",), "clients", sheet="Factures")
    assert "no sheet named 'Factures'" in str(unknown.value)
    assert "'Notes', 'Clients', 'Vide'" in str(unknown.value)
    with pytest.raises(InvalidInput) as empty:
        read_table(path, KNOWN, ("code",), "clients", sheet="Vide")
    assert "the sheet 'Vide' is empty" in str(empty.value)


def test_a_csv_has_no_sheet_to_choose(tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("code,name\nC1,A\n", "utf-8")
    with pytest.raises(InvalidInput) as error:
        read_table(path, KNOWN, ("code",), "clients", sheet="Clients")
    assert "not a spreadsheet" in str(error.value)


def test_the_preview_lists_the_sheets_and_reads_the_chosen_one(tmp_path: Path) -> None:
    path = workbook(tmp_path / "export.xlsx")
    first = preview(path)
    assert first.sheets == ["Notes", "Clients", "Vide"]
    assert first.sheet is None
    chosen = preview(path, sheet="Clients")
    assert chosen.headers == ["Code client", "Raison sociale", "E-mail"]
    assert chosen.best_kind() == "clients"
    assert len(chosen.rows) == 2
