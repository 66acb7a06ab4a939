"""Edit ▸ Undo (Ctrl+Z) takes back the last done / skip / snooze recorded in the window."""

from __future__ import annotations

import functools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.ui.context import ViewContext
from app.ui.main_window import MainWindow
from tests.services.followup.data import TODAY, FakeMail, by_client, seed
from tests.ui.test_reminders_view import settle


@pytest.fixture
def window(qtbot, sqlite_services, monkeypatch):  # type: ignore[no-untyped-def]
    ids = seed(sqlite_services)
    sqlite_services.reminders.mail_opener = FakeMail()
    monkeypatch.setattr(
        "app.ui.main_window.ViewContext", functools.partial(ViewContext, today=lambda: TODAY)
    )
    win = MainWindow(sqlite_services)
    qtbot.addWidget(win)
    win.show()
    win.show_view("reminders")
    view = win.views["reminders"]
    settle(qtbot, view)
    yield win, view, ids
    win.tasks.wait()


def _statuses(services, client_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.status for e in services.reminders.history(client_id)]


def test_ctrl_z_takes_back_the_last_done_and_nothing_else(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win, view, ids = window
    services = win.services
    undo = win.edit_undo.action
    assert not undo.isEnabled()
    view.set_mode("review")
    review = view.review
    review.table.setFocus()
    qtbot.keyClick(review.table, Qt.Key.Key_S)  # C002 first (the larger amount): snooze
    view.controller.dialog.accept()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: review.done_count == 1)
    assert "snooze (" in undo.text()
    planned = [i.key for i in by_client(view.controller.plan.items, "C001")]
    assert review.current().client.code == "C001"
    win.activateWindow()  # the snooze dialog had the focus
    review.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is review.table)
    qtbot.keyClick(review.table, Qt.Key.Key_D)  # then C001: done
    settle(qtbot, view)
    qtbot.waitUntil(lambda: review.done_count == 2)
    assert _statuses(services, ids["C001"]) == ["done"]
    assert undo.isEnabled()
    assert undo.text() == "&Undo done (Boulangerie Martin)"

    qtbot.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, view)

    assert _statuses(services, ids["C001"]) == []  # its history row is gone
    assert _statuses(services, ids["C002"]) == ["snoozed"]  # the earlier snooze stays
    assert [i.key for i in by_client(view.controller.plan.items, "C001")] == planned
    qtbot.waitUntil(lambda: review.done_count == 1)  # the row is open again in the review
    assert not undo.isEnabled()
    assert "Undone: done (Boulangerie Martin)" in win.statusBar().currentMessage()
    qtbot.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # once only
    settle(qtbot, view)
    assert _statuses(services, ids["C002"]) == ["snoozed"]


def test_a_call_cannot_be_undone_and_hides_the_older_undo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from app.services.followup.service import CallOutcome

    win, view, ids = window
    undo = win.edit_undo.action
    items = view.controller.plan.items
    view.controller.skip(by_client(items, "C001")[0], "paid at the counter")
    settle(qtbot, view)
    assert undo.isEnabled()
    call = by_client(view.controller.plan.items, "C002")[0]
    view.controller.call(call, CallOutcome("wrong_contact", "autre abonné"))
    settle(qtbot, view)
    assert not undo.isEnabled()
    assert _statuses(win.services, ids["C001"]) == ["skipped"]
