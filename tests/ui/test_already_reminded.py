""" "Already reminded…" on the client page: a reminder sent outside Relance becomes history and
the plan goes on from it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.ui.features.clients.reminded import AlreadyRemindedDialog
from app.ui.features.clients.view import ClientsView
from tests.ui.ledger_fixtures import TODAY, make_context, seed, settle


@pytest.fixture
def setup(qtbot, sqlite_services):  # type: ignore[no-untyped-def]
    ids = seed(sqlite_services)
    context = make_context()
    view = ClientsView(sqlite_services, context)
    qtbot.addWidget(view)
    settle(qtbot, context)
    yield sqlite_services, context, view, ids
    context.tasks.wait()


def _first(services, client_id: int):  # type: ignore[no-untyped-def]
    return next(
        i.action for i in services.reminders.plan(TODAY).items if i.action.client_id == client_id
    )


def test_already_reminded_is_history_and_the_plan_goes_on(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    services, context, view, ids = setup
    assert _first(services, ids["martin"]).level_code == "reminder_1"
    view.table.setCurrentIndex(view.model.index(0, 0))
    view.open_current()
    settle(qtbot, context)
    detail = view.detail
    button = detail.buttons["reminded"]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: detail.reminded_dialog is not None, timeout=10000)
    dialog = detail.reminded_dialog
    assert isinstance(dialog, AlreadyRemindedDialog)
    assert dialog.level.count() == 7  # the client's policy, nothing else
    for row in range(dialog.invoices.count()):  # only the late invoice was reminded
        item = dialog.invoices.item(row)
        if item.text() != "F2026-001":
            item.setCheckState(Qt.CheckState.Unchecked)
    dialog.level.setCurrentIndex(dialog.level.findData("reminder_2"))
    dialog.on.setDate(QDate(2026, 11, 10))
    dialog.channel.setCurrentIndex(dialog.channel.findData("letter"))
    qtbot.mouseClick(
        dialog.box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    settle(qtbot, context)

    def written() -> bool:
        events = services.reminders.history(ids["martin"])
        return [(e.level_code, e.on, e.channel, e.status) for e in events] == [
            ("reminder_2", date(2026, 11, 10), "letter", "done")
        ]

    qtbot.waitUntil(written, timeout=10000)
    first = _first(services, ids["martin"])
    assert (first.level_code, first.invoice_numbers) == ("firm_reminder", ("F2026-001",))


def test_already_reminded_can_be_undone(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    services, context, view, ids = setup
    offered: list = []
    context.bus.undoable.connect(offered.append)
    view.table.setCurrentIndex(view.model.index(0, 0))
    view.open_current()
    settle(qtbot, context)
    detail = view.detail
    qtbot.mouseClick(detail.buttons["reminded"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: detail.reminded_dialog is not None, timeout=10000)
    dialog = detail.reminded_dialog
    dialog.on.setDate(QDate(2026, 11, 10))
    qtbot.mouseClick(
        dialog.box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    settle(qtbot, context)
    qtbot.waitUntil(lambda: len(offered) == 1, timeout=10000)
    assert len(services.reminders.history(ids["martin"])) == 1
    assert offered[0].what.startswith("already reminded (")
    changes = offered[0].run()
    assert changes.client_ids == frozenset({ids["martin"]})
    assert services.reminders.history(ids["martin"]) == []
    assert _first(services, ids["martin"]).level_code == "reminder_1"
