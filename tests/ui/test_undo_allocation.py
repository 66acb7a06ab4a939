"""Ctrl+Z takes back the last allocation by hand: a credit applied, or one taken off."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.services.ledger.payments import CREDIT, PaymentDraft
from app.ui.features.invoices.detail import InvoiceDetailDialog
from app.ui.features.payments.credit import ApplyCreditDialog
from app.ui.main_window import MainWindow
from tests.ui.ledger_fixtures import TODAY, seed


@pytest.fixture
def window(qtbot, sqlite_services):  # type: ignore[no-untyped-def]
    ids = seed(sqlite_services)
    sqlite_services.payments.record(
        PaymentDraft(
            ids["martin"], TODAY, Decimal("300.00"), reference="VIR 300", allocation=CREDIT
        )
    )
    win = MainWindow(sqlite_services)
    win.context.today = lambda: TODAY
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.tasks.idle)
    yield win, ids
    win.tasks.wait()


def _allocations(services, client_id: int):  # type: ignore[no-untyped-def]
    return [
        (a.invoice_id, a.source_kind, a.source_id, a.date, a.amount)
        for a in services.payments.allocations(client_id=client_id)
    ]


def _ctrl_z(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(win.tasks.idle)


def test_ctrl_z_takes_back_a_credit_applied_by_hand(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win, ids = window
    services = win.services
    before = _allocations(services, ids["martin"])
    undo = win.edit_undo.action
    assert not undo.isEnabled()
    apply = ApplyCreditDialog(services, win.context, ids["martin"])
    qtbot.addWidget(apply)
    qtbot.waitUntil(lambda: apply.credits.rowCount() == 1 and win.tasks.idle())
    apply.amount.setText("250")
    apply.save()
    qtbot.waitUntil(lambda: apply.result() == 1)
    qtbot.waitUntil(win.tasks.idle)
    assert services.invoices.get(ids["late"], TODAY).balance == Decimal("950.00")
    assert undo.isEnabled()
    assert undo.text() == "&Undo allocation of €250.00 to F2026-001"
    _ctrl_z(qtbot, win)
    assert _allocations(services, ids["martin"]) == before
    assert services.invoices.get(ids["late"], TODAY).balance == Decimal("1200.00")
    assert "Undone: allocation of €250.00 to F2026-001" in win.statusBar().currentMessage()
    assert not undo.isEnabled()
    _ctrl_z(qtbot, win)  # once only
    assert _allocations(services, ids["martin"]) == before


def test_ctrl_z_puts_back_an_allocation_taken_off(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    win, ids = window
    services = win.services
    credit = services.payments.credits(ids["martin"])[0]
    services.payments.apply_credit(
        "payment", credit.source_id, ids["late"], Decimal("120.00"), TODAY
    )
    before = _allocations(services, ids["martin"])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    detail = InvoiceDetailDialog(services, win.context, ids["late"])
    qtbot.addWidget(detail)
    qtbot.waitUntil(lambda: detail.undo.isEnabled() and win.tasks.idle())
    detail.table.selectRow(0)
    qtbot.mouseClick(detail.undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(win.tasks.idle)
    assert services.invoices.get(ids["late"], TODAY).balance == Decimal("1200.00")
    assert win.edit_undo.action.text() == "&Undo allocation taken off F2026-001"
    detail.close()
    _ctrl_z(qtbot, win)
    assert _allocations(services, ids["martin"]) == before
    assert services.invoices.get(ids["late"], TODAY).balance == Decimal("1080.00")


def test_ctrl_z_takes_back_a_payment_recorded_by_hand(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from app.ui.features.payments.dialogs import PaymentDialog

    win, ids = window
    services = win.services
    before = _allocations(services, ids["martin"])
    payments = services.payments.payments(ids["martin"])
    dialog = PaymentDialog(services, win.context)
    qtbot.addWidget(dialog)
    dialog.client.set_client(ids["martin"], "C001", "Boulangerie Martin")
    qtbot.waitUntil(win.tasks.idle)
    dialog.amount.setText("200")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == 1)
    qtbot.waitUntil(win.tasks.idle)
    assert services.invoices.get(ids["late"], TODAY).balance == Decimal("1000.00")
    assert win.edit_undo.action.text() == "&Undo payment of €200.00 recorded"
    _ctrl_z(qtbot, win)
    assert _allocations(services, ids["martin"]) == before
    assert services.invoices.get(ids["late"], TODAY).balance == Decimal("1200.00")
    assert services.payments.payments(ids["martin"]) == payments
