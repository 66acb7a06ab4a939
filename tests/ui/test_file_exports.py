"""File ▸ Export from the window: the list on screen as Excel opens it, with the same figures."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app import i18n
from app.db.models import Client, Invoice
from app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, sqlite_services):  # type: ignore[no-untyped-def]
    with sqlite_services.uow() as uow:
        first = Client(code="C001", name="Boulangerie Martin", city="Lyon")
        second = Client(code="C002", name="=cmd|' /C calc'!A0", city="Nantes")
        uow.session.add_all([first, second])
        uow.session.flush()
        for number, client, total in (("F1", first, "1200.00"), ("F2", second, "80.50")):
            uow.session.add(
                Invoice(
                    number=number,
                    client_id=client.id,
                    issue_date=date(2026, 1, 1),
                    due_date=date(2026, 1, 31),
                    total=Decimal(total),
                )
            )
        uow.commit()
    win = MainWindow(sqlite_services)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.tasks.idle, timeout=10000)
    yield win
    win.tasks.wait()


def _save_as(monkeypatch, path, chosen):  # type: ignore[no-untyped-def]
    asked: list[tuple] = []

    def dialog(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(args)
        return str(path), chosen

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return asked


def _written(qtbot, window, path) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: path.exists() and window.tasks.idle(), timeout=10000)


def test_ctrl_e_on_invoices_writes_a_french_csv_with_the_list_figures(
    qtbot, window, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    view = window.views["invoices"]
    window.show_view("invoices")
    qtbot.waitUntil(lambda: view.model.rowCount() == 2 and not view.model.loading)
    target = tmp_path / "factures.csv"
    asked = _save_as(monkeypatch, target, "CSV for Excel (*.csv)")
    i18n.set_language("fr")
    try:
        qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        _written(qtbot, window, target)
    finally:
        i18n.set_language("en")
    assert "Excel" in asked[0][3]
    assert "xlsx" in asked[0][3]
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    shown = {view.model.rows[i].line.number: view.model.rows[i].line for i in range(2)}
    for row in rows[1:]:
        line = shown[row[0]]
        assert row[3] == line.issue_date.strftime("%d/%m/%Y")
        assert Decimal(row[6].replace(",", ".")) == line.total
    assert {r[6] for r in rows[1:]} == {"1200,00", "80,50"}
    assert "2" in window.statusBar().currentMessage()


def test_clients_as_xlsx_keep_the_search_and_neutralise_formulas(
    qtbot, window, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    view = window.views["clients"]
    window.show_view("clients")
    target = tmp_path / "clients"
    _save_as(monkeypatch, target, "Excel workbook (*.xlsx)")
    window.file_actions.export_current.trigger()
    written = tmp_path / "clients.xlsx"
    _written(qtbot, window, written)
    sheet = load_workbook(written).active
    rows = list(sheet.iter_rows(min_row=2))
    assert [r[0].value for r in rows] == ["C001", "C002"]
    assert rows[1][1].value == "=cmd|' /C calc'!A0"
    assert rows[1][1].data_type == "s"
    assert Decimal(str(rows[0][8].value)) == Decimal("1200.00")
    assert rows[0][8].number_format == "#,##0.00"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold

    view.search.setText("nantes")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.model.loading, timeout=5000)
    qtbot.waitUntil(lambda: view.filter.text == "nantes", timeout=5000)
    written.unlink()
    window.file_actions.export_current.trigger()
    _written(qtbot, window, written)
    rows = list(load_workbook(written).active.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["C002"]


def test_payments_aging_and_agenda_from_the_export_menu(
    qtbot, window, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    aging = window.views["aging"]
    qtbot.waitUntil(lambda: aging.controller.chart is not None, timeout=10000)
    for which in ("payments", "aging", "agenda"):
        target = tmp_path / f"{which}.xlsx"
        _save_as(monkeypatch, target, "Excel workbook (*.xlsx)")
        window.file_actions.export_lists[which].trigger()
        _written(qtbot, window, target)
    totals = list(load_workbook(tmp_path / "aging.xlsx").active.iter_rows(values_only=True))[-1]
    assert totals[0] == "Total"
    assert Decimal(str(totals[-1])) == Decimal("1280.50")
    agenda = list(load_workbook(tmp_path / "agenda.xlsx").active.iter_rows(values_only=True))
    assert {r[1] for r in agenda[1:]} == {"C001", "C002"}  # both overdue: to catch up
    assert len(list(load_workbook(tmp_path / "payments.xlsx").active.iter_rows())) == 1


def test_the_dashboard_has_no_list_to_export(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: said.append(a[2]))
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: pytest.fail("no file asked")
    )
    window.show_view("dashboard")
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert said
    assert "File" in said[0]


def test_cancelled_dialog_writes_nothing(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _save_as(monkeypatch, "", "")
    window.show_view("invoices")
    window.file_actions.export_current.trigger()
    qtbot.waitUntil(window.tasks.idle)
    assert list(tmp_path.glob("*.csv")) == []
