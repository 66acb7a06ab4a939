"""Payment plan from an invoice's page: split, edit, agree, the PDF to sign, cancel."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTableWidgetItem

from app.domain.ledger.instalments import Part
from app.ui.features.invoices import plan_dialog as plan_module
from app.ui.features.invoices.controller import InvoiceController
from app.ui.features.invoices.detail import InvoiceDetailDialog
from app.ui.features.invoices.plan_dialog import PaymentPlanDialog
from tests.ui.ledger_fixtures import make_context, seed, settle


@pytest.fixture
def setup(qtbot, sqlite_services, monkeypatch):  # type: ignore[no-untyped-def]
    ids = seed(sqlite_services)
    context = make_context()
    opened: list[Path] = []
    monkeypatch.setattr(plan_module, "open_file", opened.append)
    dialog = PaymentPlanDialog(sqlite_services, context, ids["late"])
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, context)
    yield sqlite_services, context, dialog, ids, opened
    context.tasks.wait()


def _cells(dialog) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    table = dialog.table
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


def test_split_edit_and_agree_then_the_pdf_and_cancel(qtbot, setup, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    services, context, dialog, ids, opened = setup
    assert "1,200.00" in dialog.heading.text()
    assert not dialog.cancel_button.isEnabled()
    dialog.count.setValue(7)
    dialog.first_due.setDate(QDate(2026, 12, 31))
    qtbot.mouseClick(dialog.split_button, Qt.MouseButton.LeftButton)
    cells = _cells(dialog)
    assert len(cells) == 7
    assert cells[0] == ("31/12/2026", "171.42")
    assert cells[1][0] == "31/01/2027"
    assert cells[2][0] == "28/02/2027"  # the month's last day
    assert cells[-1][1] == "171.48"  # the cents left over go on the last one
    # the user moves 100 from the last instalment to the first: the total says so at once
    dialog.table.setItem(0, 1, QTableWidgetItem("271,42"))
    assert "100.00" in dialog.total.text()
    dialog.table.setItem(6, 1, QTableWidgetItem("71.48"))
    assert "from what is left" not in dialog.total.text()
    dialog.note.setText("agreed by phone")
    dialog.grab().save("/tmp/payment_plan.png")
    qtbot.mouseClick(dialog.agree_button, Qt.MouseButton.LeftButton)
    settle(qtbot, context)
    assert context.errors == []
    plan = services.plans.current(ids["late"])
    assert plan.parts[0] == Part(date(2026, 12, 31), Decimal("271.42"))
    assert sum(p.amount for p in plan.parts) == Decimal("1200.00")
    assert plan.note == "agreed by phone"
    qtbot.waitUntil(dialog.pdf_button.isEnabled)
    assert "agreed on 23/11/2026" in dialog.in_force.text()

    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "accord"), "")
    )
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    settle(qtbot, context)
    assert opened == [tmp_path / "accord.pdf"]
    assert (tmp_path / "accord.pdf").read_bytes().startswith(b"%PDF")

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    settle(qtbot, context)
    assert services.plans.current(ids["late"]) is None
    assert "No plan in force" in dialog.in_force.text()


def test_an_unreadable_or_unbalanced_plan_is_refused(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    services, context, dialog, ids, _opened = setup
    dialog.table.setItem(1, 0, QTableWidgetItem("31/02/2027"))
    qtbot.mouseClick(dialog.agree_button, Qt.MouseButton.LeftButton)
    settle(qtbot, context)
    assert "2:Due date: not a date" in str(context.errors[-1].problems[0])
    dialog.split()
    dialog.table.setItem(0, 1, QTableWidgetItem("1"))
    qtbot.mouseClick(dialog.agree_button, Qt.MouseButton.LeftButton)
    settle(qtbot, context)
    assert "not to the 1200.00 left to pay" in str(context.errors[-1].problems[0])
    assert services.plans.current(ids["late"]) is None


def test_the_invoice_page_opens_the_plan(qtbot, sqlite_services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ids = seed(sqlite_services)
    context = make_context()
    shown: list[int] = []
    monkeypatch.setattr(PaymentPlanDialog, "exec", lambda self: shown.append(self.invoice_id))
    controller = InvoiceController(sqlite_services, context, None)
    detail = InvoiceDetailDialog(sqlite_services, context, ids["late"], controller)
    qtbot.addWidget(detail)
    settle(qtbot, context)
    qtbot.waitUntil(detail.buttons["plan"].isEnabled)
    qtbot.mouseClick(detail.buttons["plan"], Qt.MouseButton.LeftButton)
    settle(qtbot, context)
    assert shown == [ids["late"]]


def test_the_invoice_list_offers_the_plan(qtbot, sqlite_services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.ui.features.invoices.view import InvoicesView

    ids = seed(sqlite_services)
    context = make_context()
    shown: list[int] = []
    monkeypatch.setattr(PaymentPlanDialog, "exec", lambda self: shown.append(self.invoice_id))
    view = InvoicesView(sqlite_services, context)
    qtbot.addWidget(view)
    view.show()
    settle(qtbot, context)
    qtbot.waitUntil(lambda: view.model.rowCount() == 4 and not view.model.loading)
    row = next(i for i in range(4) if view.model.row(i).line.id == ids["late"])
    view.table.setCurrentIndex(view.model.index(row, 0))
    assert view.commands["plan"].isEnabled()
    view.commands["plan"].trigger()
    settle(qtbot, context)
    assert shown == [ids["late"]]
