"""Ctrl+K / Ctrl+Shift+F: search clients, invoices and payments from any screen, open one."""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from app.services.ledger.payments import PaymentDraft
from app.ui.context import ViewContext
from app.ui.main_window import MainWindow
from tests.services.ledger.helpers import TODAY, add_client, add_invoice


@pytest.fixture
def window(qtbot, sqlite_services, monkeypatch):  # type: ignore[no-untyped-def]
    s = sqlite_services
    helene = add_client(s, "C001", name="Boulangerie Hélène", city="Lyon")
    garage = add_client(s, "C002", name="Garage de l'Étoile", city="Nantes")
    add_invoice(s, helene, "F2026-0042", "1234.50", date(2026, 9, 1), date(2026, 10, 1))
    add_invoice(s, garage, "F2026-0043", "80.00", date(2026, 11, 1), date(2026, 12, 31))
    s.payments.record(PaymentDraft(garage, date(2026, 11, 10), Decimal("30.00"), reference="VIR 7"))
    s.payments.record(PaymentDraft(garage, date(2026, 11, 20), Decimal("10.00"), reference="CHQ 9"))
    monkeypatch.setattr(
        "app.ui.main_window.ViewContext", functools.partial(ViewContext, today=lambda: TODAY)
    )
    win = MainWindow(s)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.tasks.idle)
    yield win, {"helene": helene, "garage": garage}
    win.tasks.wait()


def _search(qtbot, win, text: str):  # type: ignore[no-untyped-def]
    popup = win.search_popup
    popup.field.clear()
    if text.isascii():
        qtbot.keyClicks(popup.field, text)
    else:  # the test driver types ASCII keys only
        popup.field.setText(text)
    qtbot.waitUntil(lambda: popup.results is not None and popup.results.text == text.strip())
    qtbot.waitUntil(win.tasks.idle)
    return popup


def _rows(popup) -> list[list[str]]:  # type: ignore[no-untyped-def]
    tree = popup.tree
    return [
        [tree.topLevelItem(i).text(c) for c in range(5)] for i in range(tree.topLevelItemCount())
    ]


@pytest.mark.parametrize("keys", ["Ctrl+K", "Ctrl+Shift+F"])
def test_the_shortcuts_open_the_search_from_any_screen(qtbot, window, keys) -> None:  # type: ignore[no-untyped-def]
    win, _ids = window
    win.show_view("aging")
    modifiers = Qt.KeyboardModifier.ControlModifier
    if "Shift" in keys:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    key = Qt.Key.Key_K if keys.endswith("K") else Qt.Key.Key_F
    qtbot.keyClick(win, key, modifiers)
    qtbot.waitUntil(lambda: getattr(win, "search_popup", None) is not None)
    assert win.search_popup.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.search_popup.field)


def test_typing_lists_matches_grouped_with_their_facts(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win, _ids = window
    win.action_search.trigger()
    popup = _search(qtbot, win, "helene")
    assert _rows(popup)[0][0] == "Clients (1)"
    assert _rows(popup)[1][:3] == [
        "Boulangerie Hélène",
        "C001 · Lyon · c001@example.fr",
        "€1,234.50",
    ]
    popup = _search(qtbot, win, "1 234,50")
    rows = _rows(popup)
    assert rows[0][0] == "Invoices (1)"
    assert rows[1] == ["F2026-0042", "Boulangerie Hélène", "€1,234.50", "01/10/2026", "Overdue"]
    popup = _search(qtbot, win, "zzzz")
    assert popup.tree.topLevelItemCount() == 0
    assert popup.status.text() == "Nothing found for “zzzz”."


def test_enter_opens_the_client_page(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win, ids = window
    win.action_search.trigger()
    popup = _search(qtbot, win, "étoile")
    qtbot.keyClick(popup.field, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert win.current_view_key() == "clients"
    clients = win.views["clients"]
    assert clients.stack.currentWidget() is clients.detail
    assert clients.detail.client_id == ids["garage"]


def test_a_payment_opens_the_payers_payments_on_that_payment(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win, ids = window
    win.action_search.trigger()
    popup = _search(qtbot, win, "VIR 7")
    payment = next(
        popup.tree.topLevelItem(i)
        for i in range(popup.tree.topLevelItemCount())
        if popup.tree.topLevelItem(i).text(0) == "VIR 7"
    )
    popup.tree.setCurrentItem(payment)
    qtbot.keyClick(popup.field, Qt.Key.Key_Return)
    clients = win.views["clients"]
    assert clients.detail.client_id == ids["garage"]
    detail = clients.detail
    table = detail.payments_table
    qtbot.waitUntil(lambda: bool(table.selectionModel().selectedRows()), timeout=10000)
    tabs = detail.tabs
    assert tabs.tabText(tabs.currentIndex()) == "Payments and credit"
    rows = table.selectionModel().selectedRows()
    assert [detail.payments_model.row(r.row()).label for r in rows] == ["VIR 7"]
    assert detail.payments_model.row(0).label == "CHQ 9"  # the newer one, listed first
    assert detail.payment_to_show is None


def test_an_invoice_opens_its_details_over_the_list(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win, _ids = window
    win.action_search.trigger()
    popup = _search(qtbot, win, "0043")
    shown: list[str] = []

    def close_details() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        shown.append(dialog.windowTitle())
        dialog.reject()

    QTimer.singleShot(200, close_details)
    qtbot.keyClick(popup.field, Qt.Key.Key_Down)
    qtbot.keyClick(popup.field, Qt.Key.Key_Return)
    assert len(shown) == 1
    assert "F2026-0043" in shown[0]
    assert win.current_view_key() == "invoices"
    assert win.views["invoices"].filter.text == "F2026-0043"
