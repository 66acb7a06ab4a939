"""File ▸ Import…: a bookkeeper brings a French CSV of clients and an XLSX of invoices in,
through the file choice, the columns, the dry run and the import."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from sqlalchemy import select

from app.db.models import Client, Invoice, Payment
from app.ui.features.imports.wizard import ImportWizard
from app.ui.main_window import MainWindow
from tests.services.transfer.fec_samples import fec_text, lines, write_fec

TODAY = date(2026, 11, 22)
CLIENTS = (
    "Compte;Raison sociale;Téléphone;Code postal;Ville;Pays;N° TVA;Remarque\r\n"
    "C001;Boulangerie Hérault;01 23 45 67 89;75002;Paris;FR;FR40123456789;x\r\n"
    "C002;Garage Lefèvre;;69001;Lyon;FR;;\r\n"
)


@pytest.fixture
def window(qtbot, sqlite_services):  # type: ignore[no-untyped-def]
    win = MainWindow(sqlite_services)
    win.context.today = lambda: TODAY
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.tasks.idle, timeout=10000)
    yield win
    win.tasks.wait()


def _cell(year: int, month: int, day: int) -> datetime:
    return datetime.combine(date(year, month, day), time())


def _next(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=10000)
    wizard.next()


def _choose(wizard, header: str, column: str) -> None:  # type: ignore[no-untyped-def]
    page = wizard.page_mapping
    combo = page.combos[page.headers.index(header)]
    combo.setCurrentIndex(combo.findData(column))


def _read_as(wizard) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return wizard.mapping()


def test_a_french_csv_then_an_xlsx_through_the_wizard(
    qtbot, window, sqlite_services, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    clients = tmp_path / "clients.csv"
    clients.write_bytes(CLIENTS.encode("cp1252"))
    wizard = window.import_files([clients])
    assert wizard.kind == "clients"  # guessed from the headers
    _next(qtbot, wizard)
    page = wizard.page_mapping
    assert "encoding cp1252, delimiter « ; »" in page.info.text()
    assert page.sample.rowCount() == 2
    assert _read_as(wizard)["Raison sociale"] == "name"
    assert _read_as(wizard)["Compte"] == ""  # not an alias of code for clients
    assert not page.isComplete()
    assert "code" in page.missing.text()
    _choose(wizard, "Compte", "code")
    assert page.isComplete()
    page.preset_name.setText("Export Sage")
    page.save_preset()
    wizard.grab().save(str(tmp_path / "mapping.png"))
    _next(qtbot, wizard)
    dry = wizard.page_dry_run
    qtbot.waitUntil(lambda: dry.result is not None, timeout=10000)
    assert "To create: 2 clients." in dry.status.text()
    assert "Remarque" in dry.status.text()  # a column left out is said
    with sqlite_services.uow() as uow:
        assert uow.session.scalars(select(Client)).all() == []  # the dry run wrote nothing
    _next(qtbot, wizard)
    confirm = wizard.page_confirm
    confirm.import_button.click()
    qtbot.waitUntil(lambda: confirm.result is not None, timeout=10000)
    assert confirm.progress.value() == confirm.progress.maximum()
    assert "Created: 2 clients." in confirm.status.text()
    wizard.accept()
    with sqlite_services.uow() as uow:
        found = {
            c.code: (c.name, c.postcode, c.vat_number) for c in uow.session.scalars(select(Client))
        }
    assert found == {
        "C001": ("Boulangerie Hérault", "75002", "FR40123456789"),
        "C002": ("Garage Lefèvre", "69001", ""),
    }
    saved = json.loads((sqlite_services.paths.config / "import_presets.json").read_text("utf-8"))
    assert saved["presets"][0]["mapping"]["Compte"] == "code"

    # The same export next month: the saved mapping is offered and applied.
    again = tmp_path / "clients-december.csv"
    again.write_bytes(CLIENTS.replace("C002;Garage", "C003;Garage").encode("cp1252"))
    wizard = window.import_files([again])
    _next(qtbot, wizard)
    assert wizard.page_mapping.preset_combo.currentText() == "Export Sage"
    assert _read_as(wizard)["Compte"] == "code"
    wizard.reject()

    invoices = tmp_path / "factures.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["N° facture", "Code client", "Date", "Échéance", "Montant TTC", "Solde dû"])
    sheet.append(["FA-1", "C001", _cell(2026, 9, 1), _cell(2026, 10, 1), 1234.56, 234.56])
    sheet.append(["FA-2", "C002", _cell(2026, 11, 2), _cell(2026, 12, 2), 0.1 + 0.2, 0.3])
    book.save(invoices)
    wizard = window.import_files([invoices])
    assert wizard.kind == "invoices"
    _next(qtbot, wizard)
    assert "row 1" in wizard.page_mapping.info.text()
    assert _read_as(wizard) == {
        "N° facture": "number",
        "Code client": "client_code",
        "Date": "issue_date",
        "Échéance": "due_date",
        "Montant TTC": "total",
        "Solde dû": "balance",
    }
    _next(qtbot, wizard)
    dry = wizard.page_dry_run
    qtbot.waitUntil(lambda: dry.result is not None, timeout=10000)
    assert "To create: 2 invoices or credit notes." in dry.status.text()
    assert "1 payment of 1,000.00" in dry.status.text()
    wizard.grab().save(str(tmp_path / "dry_run.png"))
    _next(qtbot, wizard)
    wizard.page_confirm.import_button.click()
    qtbot.waitUntil(lambda: wizard.page_confirm.result is not None, timeout=10000)
    qtbot.waitUntil(window.tasks.idle, timeout=10000)
    with sqlite_services.uow() as uow:
        totals = {i.number: i.total for i in uow.session.scalars(select(Invoice))}
        paid = [(p.date, p.amount) for p in uow.session.scalars(select(Payment))]
    assert totals == {"FA-1": Decimal("1234.56"), "FA-2": Decimal("0.30")}
    assert paid == [(date(2026, 10, 1), Decimal("1000.00"))]


def test_problems_are_listed_by_line_and_column_and_block_the_import(
    qtbot, window, sqlite_services, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "factures.csv"
    bad.write_text(
        "N° facture;Code client;Date de facture;Montant TTC\nF1;NOPE;31/02/2026;dix\n",
        encoding="utf-8",
    )
    wizard = window.import_files([bad])
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    dry = wizard.page_dry_run
    qtbot.waitUntil(lambda: dry.problems != [], timeout=10000)
    table = dry.table
    rows = [tuple(table.item(r, c).text() for c in range(2)) for r in range(table.rowCount())]
    assert rows == [("2", "Code client"), ("2", "Date de facture"), ("2", "Montant TTC")]
    assert "3 problems" in dry.status.text()
    assert not dry.isComplete()
    wizard.grab().save(str(tmp_path / "problems.png"))
    wizard.reject()
    with sqlite_services.uow() as uow:
        assert uow.session.scalars(select(Invoice)).all() == []


def test_a_file_dropped_on_the_window_opens_the_wizard(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    clients = tmp_path / "clients.csv"
    clients.write_bytes(CLIENTS.encode("cp1252"))
    assert window.action_import.shortcut().toString() == "Ctrl+I"
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(clients))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    assert window.acceptDrops()
    assert window.file_drop.eventFilter(window, event)  # what Qt calls when the drop lands
    wizards = window.findChildren(ImportWizard)
    opened = [w for w in wizards if w.path == clients]
    assert len(opened) == 1
    assert opened[0].kind == "clients"
    for wizard in wizards:
        wizard.reject()


def test_a_fec_goes_straight_to_the_dry_run(qtbot, window, sqlite_services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fec = write_fec(tmp_path, fec_text(lines()))
    wizard = window.import_files([fec])
    assert wizard.kind == "fec"  # told by its 18-column header, whatever the extension
    _next(qtbot, wizard)
    dry = wizard.page_dry_run
    assert wizard.currentPage() is dry  # no columns to map
    qtbot.waitUntil(lambda: dry.result is not None, timeout=10000)
    assert "4 clients created" in dry.status.text()
    assert "6 invoices imported" in dry.status.text()
    with sqlite_services.uow() as uow:
        assert uow.session.scalars(select(Invoice)).all() == []
    _next(qtbot, wizard)
    wizard.page_confirm.import_button.click()
    qtbot.waitUntil(lambda: wizard.page_confirm.result is not None, timeout=10000)
    with sqlite_services.uow() as uow:
        numbers = sorted(i.number for i in uow.session.scalars(select(Invoice)))
    assert numbers == ["AV001", "F001", "F002", "F003", "F004", "F005", "F006"]


def test_cancel_during_the_import_writes_nothing(
    qtbot, window, sqlite_services, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    clients = tmp_path / "clients.csv"
    rows = "".join(f"K{n:05d};Client {n}\r\n" for n in range(5000))
    clients.write_text("Code client;Raison sociale\r\n" + rows, encoding="utf-8")
    wizard = window.import_files([clients])
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.page_dry_run.result is not None, timeout=20000)
    _next(qtbot, wizard)
    confirm = wizard.page_confirm
    confirm.import_button.click()
    wizard.reject()  # Cancel while it runs: the wizard stays open to say what happened
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: not confirm.running, timeout=20000)
    assert confirm.result is None
    assert confirm.status.text() == "Import cancelled: nothing was written."
    assert confirm.import_button.isEnabled()
    with sqlite_services.uow() as uow:
        assert uow.session.scalars(select(Client)).all() == []
    wizard.reject()
    assert not wizard.isVisible()


def test_a_workbook_with_several_sheets_offers_its_sheets(
    qtbot, window, sqlite_services, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    book = openpyxl.Workbook()
    book.active.title = "Lisez-moi"
    book.active.append(["Export de la comptabilité du 30/11/2026"])
    sheet = book.create_sheet("Clients")
    sheet.append(["Code client", "Raison sociale", "Ville"])
    sheet.append(["C001", "Boulangerie Hérault", "Paris"])
    path = tmp_path / "export.xlsx"
    book.save(path)
    wizard = window.import_files([path])
    page = wizard.page_file
    assert not page.sheet_combo.isHidden()
    assert [page.sheet_combo.itemText(i) for i in range(page.sheet_combo.count())] == [
        "Lisez-moi",
        "Clients",
    ]
    page.sheet_combo.setCurrentIndex(1)
    page.sheet_combo.activated.emit(1)
    assert page.sheet() == "Clients"
    assert wizard.kind == "clients"  # guessed again from the chosen sheet's headers
    wizard.grab().save(str(tmp_path / "sheets.png"))
    _next(qtbot, wizard)
    assert _read_as(wizard)["Raison sociale"] == "name"
    _next(qtbot, wizard)
    dry = wizard.page_dry_run
    qtbot.waitUntil(lambda: dry.result is not None, timeout=10000)
    _next(qtbot, wizard)
    wizard.page_confirm.import_button.click()
    qtbot.waitUntil(lambda: wizard.page_confirm.result is not None, timeout=10000)
    wizard.accept()
    with sqlite_services.uow() as uow:
        assert [c.code for c in uow.session.scalars(select(Client))] == ["C001"]


def test_a_csv_shows_no_sheet_choice(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "clients.csv"
    path.write_bytes(CLIENTS.encode("cp1252"))
    wizard = window.import_files([path])
    assert wizard.page_file.sheet_combo.isHidden()
    assert wizard.page_file.sheet() is None
    wizard.reject()
