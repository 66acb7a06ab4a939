"""The reminder calendar driven like a user: do, snooze, skip, log a call; the history follows."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.ui.changes import ChangeBus
from app.ui.context import ViewContext
from app.ui.features.reminders.dialogs import CallOutcomeDialog, SkipDialog, SnoozeDialog
from app.ui.features.reminders.view import RemindersView
from app.ui.tasks import TaskRunner
from tests.services.followup.data import TODAY, FakeMail, by_client, seed


def make_view(qtbot, services, today: date = TODAY):  # type: ignore[no-untyped-def]
    errors: list[Exception] = []
    context = ViewContext(TaskRunner(), ChangeBus(), today=lambda: today, show_error=errors.append)
    view = RemindersView(services, context)
    view.errors = errors  # type: ignore[attr-defined]
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    settle(qtbot, view)
    return view


def settle(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    def idle() -> bool:
        tasks = view.context.tasks
        controller = view.controller
        return (
            tasks.reads.activeThreadCount() == 0
            and tasks.writes.activeThreadCount() == 0
            and not controller.busy
            and not controller.writing
            and controller.plan is not None
        )

    qtbot.waitUntil(idle, timeout=15000)
    qtbot.wait(20)


@pytest.fixture
def dossier(sqlite_services):  # type: ignore[no-untyped-def]
    ids = seed(sqlite_services)
    sqlite_services.reminders.mail_opener = FakeMail()
    return sqlite_services, ids


def _history(services, client_id: int):  # type: ignore[no-untyped-def]
    return services.reminders.history(client_id)


def test_month_shows_the_day_and_the_catch_up(qtbot, dossier) -> None:  # type: ignore[no-untyped-def]
    services, _ids = dossier
    view = make_view(qtbot, services)
    today = view.calendar.items_on(TODAY)
    assert [(i.client.code, i.action.level_code) for i in today] == [("C001", "reminder_1")]
    assert [i.client.code for i in view.catch_up.rows] == ["C002"]
    assert view.catch_up_table.isVisible()
    assert [i.client.code for i in view.day.rows] == ["C001"]
    assert view.current is not None
    assert view.current.client.code == "C001"
    cell = view.calendar.index_of(TODAY)
    assert "Boulangerie Martin" in view.calendar.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert view.errors == []


def test_do_it_records_and_replans(qtbot, dossier) -> None:  # type: ignore[no-untyped-def]
    services, ids = dossier
    view = make_view(qtbot, services)
    qtbot.mouseClick(view.actions_bar.do_it, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    qtbot.waitUntil(lambda: not view.calendar.items_on(TODAY))
    [event] = _history(services, ids["C001"])
    assert (event.status, event.level_code, event.on) == ("done", "reminder_1", TODAY)
    assert view.calendar.items_on(date(2026, 12, 1))[0].action.level_code == "reminder_2"
    assert "Boulangerie Martin" in view.message.text()
    assert view.errors == []


def test_preview_then_do_it_opens_the_email(qtbot, dossier) -> None:  # type: ignore[no-untyped-def]
    from app.ui.features.reminders.dialogs import PreviewDialog

    services, ids = dossier
    view = make_view(qtbot, services)
    view.day_table.doubleClicked.emit(view.day.index(0, 0))
    qtbot.waitUntil(lambda: isinstance(view.controller.dialog, PreviewDialog))
    dialog = view.controller.dialog
    assert "F1" in dialog.body.toPlainText()
    assert not dialog.pdf_button.isVisible()  # an email: no PDF of its own
    qtbot.mouseClick(dialog.do_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    [draft] = services.reminders.mail_opener.drafts
    assert draft.to == ("compta@martin.fr",)
    assert "mail client" in view.message.text()
    assert [e.status for e in _history(services, ids["C001"])] == ["done"]


def test_snooze_from_the_catch_up_list(qtbot, dossier) -> None:  # type: ignore[no-untyped-def]
    services, ids = dossier
    view = make_view(qtbot, services)
    view.catch_up_table.selectRow(0)
    assert view.current is not None
    assert view.current.client.code == "C002"
    qtbot.mouseClick(view.actions_bar.snooze, Qt.MouseButton.LeftButton)
    dialog = view.controller.dialog
    assert isinstance(dialog, SnoozeDialog)
    dialog.until.setDate(QDate(2026, 11, 26))
    dialog.note.setText("rappeler jeudi")
    dialog.accept()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: not view.catch_up.rows)
    assert [i.client.code for i in view.calendar.items_on(date(2026, 11, 26))] == ["C002"]
    [event] = _history(services, ids["C002"])
    assert (event.status, event.snoozed_until, event.note) == (
        "snoozed",
        date(2026, 11, 26),
        "rappeler jeudi",
    )


def test_skip_needs_a_reason(qtbot, dossier) -> None:  # type: ignore[no-untyped-def]
    services, ids = dossier
    view = make_view(qtbot, services)
    qtbot.mouseClick(view.actions_bar.skip, Qt.MouseButton.LeftButton)
    dialog = view.controller.dialog
    assert isinstance(dialog, SkipDialog)
    ok = dialog.box.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.reason.lineEdit(), "called on Friday")
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    [event] = _history(services, ids["C001"])
    assert (event.status, event.note) == ("skipped", "called on Friday")
    remaining = by_client(view.controller.plan.items, "C001")
    assert remaining[0].action.level_code == "reminder_2"


def test_escalate_now_names_what_it_skips_and_is_history(qtbot, dossier) -> None:  # type: ignore[no-untyped-def]
    from app.ui.features.reminders.escalate import EscalateDialog

    services, ids = dossier
    view = make_view(qtbot, services)
    assert view.current is not None
    assert view.current.client.code == "C001"
    qtbot.mouseClick(view.actions_bar.escalate, Qt.MouseButton.LeftButton)
    dialog = view.controller.dialog
    assert isinstance(dialog, EscalateDialog)
    ok = dialog.box.button(QDialogButtonBox.StandardButton.Ok)
    dialog.level.setCurrentIndex(dialog.level.findData("formal_notice"))
    assert not ok.isEnabled()  # a reason first
    qtbot.keyClicks(dialog.reason, "the client closed its shop")
    assert ok.isEnabled()
    warning = dialog.warning.text()
    assert "F1, F2" in warning
    assert warning.count(",") >= 3  # second reminder, firm reminder named as not sent
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    [event] = _history(services, ids["C001"])
    assert (event.status, event.level_code) == ("escalated", "formal_notice")
    assert event.note == "the client closed its shop"
    qtbot.waitUntil(
        lambda: (
            by_client(view.controller.plan.items, "C001")[0].action.level_code == "formal_notice"
        )
    )


def test_call_outcome_with_a_promise(qtbot, dossier) -> None:  # type: ignore[no-untyped-def]
    services, ids = dossier
    view = make_view(qtbot, services)
    view.catch_up_table.selectRow(0)
    qtbot.mouseClick(view.actions_bar.call, Qt.MouseButton.LeftButton)
    dialog = view.controller.dialog
    assert isinstance(dialog, CallOutcomeDialog)
    assert dialog.kind() == "promise"
    dialog.promised_date.setDate(QDate(2026, 11, 27))
    dialog.promised_amount.setText("300,00")
    dialog.note.setPlainText("virement vendredi")
    dialog._accept()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: not view.catch_up.rows)
    history = _history(services, ids["C002"])
    promise = next(e for e in history if e.kind == "promise")
    assert (promise.promised_date, str(promise.promised_amount)) == (date(2026, 11, 27), "300.00")
    assert all(
        i.action.date >= date(2026, 12, 1) for i in by_client(view.controller.plan.items, "C002")
    )
    later = services.reminders.plan(date(2026, 12, 3))
    assert "broken_promise" in by_client(later.items, "C002")[0].action.flags


def test_do_it_on_a_call_asks_how_it_went(qtbot, dossier) -> None:  # type: ignore[no-untyped-def]
    services, ids = dossier
    view = make_view(qtbot, services)
    view.catch_up_table.selectRow(0)
    qtbot.mouseClick(view.actions_bar.do_it, Qt.MouseButton.LeftButton)
    dialog = view.controller.dialog
    assert isinstance(dialog, CallOutcomeDialog)
    dialog.buttons["dispute"].setChecked(True)
    dialog._accept()
    assert view.controller.dialog is dialog  # a dispute needs its reason
    assert dialog.error.text()
    dialog.note.setPlainText("conteste la livraison")
    dialog._accept()
    settle(qtbot, view)
    assert by_client(view.controller.plan.items, "C002") == []
    assert any(e.status == "dispute" for e in _history(services, ids["C002"]))


def test_formal_notice_is_confirmed_then_written(qtbot, dossier) -> None:  # type: ignore[no-untyped-def]
    services, ids = dossier
    day = TODAY
    while True:  # an obedient user: each step done on its day, up to the formal notice
        action = by_client(services.reminders.plan(day).items, "C001")[0].action
        day = max(day, action.date)
        if action.level_code == "formal_notice":
            break
        services.reminders.done(action, day)
    view = make_view(qtbot, services, today=day)
    view.day_table.selectRow(
        next(row for row, item in enumerate(view.day.rows) if item.client.code == "C001")
    )
    assert view.current is not None
    assert view.current.action.level_code == "formal_notice"
    qtbot.mouseClick(view.actions_bar.do_it, Qt.MouseButton.LeftButton)
    box = view.controller.dialog
    assert isinstance(box, QMessageBox)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    qtbot.waitUntil(lambda: "pdf" in view.message.text())
    event = next(e for e in _history(services, ids["C001"]) if e.level_code == "formal_notice")
    assert event.document_path.endswith(".pdf")
    assert len(event.document_sha256) == 64


def test_weekly_review_with_one_key_each(qtbot, dossier) -> None:  # type: ignore[no-untyped-def]
    services, ids = dossier
    view = make_view(qtbot, services)
    view.set_mode("review")
    review = view.review
    assert [i.client.code for i in review.model.rows] == ["C002", "C001"]  # 300 € before 150 €
    review.table.setFocus()
    assert review.progress.value() == 0
    qtbot.keyClick(review.table, Qt.Key.Key_Down)
    assert review.current().client.code == "C001"
    qtbot.keyClick(review.table, Qt.Key.Key_D)
    settle(qtbot, view)
    qtbot.waitUntil(lambda: review.done_count == 1)
    assert review.current().client.code == "C002"  # moved on to the next open action
    assert "1" in review.progress.text()
    qtbot.keyClick(review.table, Qt.Key.Key_S)
    dialog = view.controller.dialog
    assert isinstance(dialog, SnoozeDialog)
    dialog.accept()
    settle(qtbot, view)
    qtbot.waitUntil(lambda: review.done_count == 2)
    assert review.current() is None
    assert review.progress.value() == review.progress.maximum() == 2
    assert [e.status for e in _history(services, ids["C001"])] == ["done"]
    assert [e.status for e in _history(services, ids["C002"])] == ["snoozed"]


def test_policy_page_edits_the_ladder(qtbot, dossier) -> None:  # type: ignore[no-untyped-def]
    services, _ids = dossier
    view = make_view(qtbot, services)
    view.set_mode("policies")
    page = view.policy_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 7, timeout=10000)
    days = next(i for i, f in enumerate(page.model.rows) if f.code == "reminder_1")
    assert page.model.setData(page.model.index(days, 2), "10")
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: services.reminders.policy("default").policy.level("reminder_1").days == 10,
        timeout=10000,
    )
    qtbot.waitUntil(lambda: view.calendar.items_on(TODAY) == [])  # the first reminder moved
    settle(qtbot, view)
    assert view.errors == []


def test_policy_page_saves_the_statement_option(qtbot, dossier) -> None:  # type: ignore[no-untyped-def]
    from app.ui.features.reminders.policy_model import FIELDS

    services, _ids = dossier
    view = make_view(qtbot, services)
    view.set_mode("policies")
    page = view.policy_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 7, timeout=10000)
    column = next(i for i, f in enumerate(FIELDS) if f.attr == "attach_statement")
    header = page.model.headerData(column, Qt.Orientation.Horizontal)
    assert header == "Statement of account"
    row = next(i for i, f in enumerate(page.model.rows) if f.code == "reminder_2")
    cell = page.model.index(row, column)
    assert page.model.data(cell, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert page.model.setData(cell, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)

    def saved() -> bool:
        policy = services.reminders.policy("default").policy
        return policy.level("reminder_2").attach_statement

    qtbot.waitUntil(saved, timeout=10000)
    assert not services.reminders.policy("default").policy.level("reminder_1").attach_statement
    page.table.scrollTo(cell)
    page.grab().save("/tmp/attach_policy.png")
    settle(qtbot, view)
    assert view.errors == []


def test_policy_page_saves_the_gap_and_the_minimum_amount(qtbot, dossier) -> None:  # type: ignore[no-untyped-def]
    services, _ids = dossier
    view = make_view(qtbot, services)
    view.set_mode("policies")
    page = view.policy_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 7, timeout=10000)
    assert page.min_gap.value() == 7
    page.min_gap.clear()
    qtbot.keyClicks(page.min_gap, "10")
    page.min_amount.clear()
    qtbot.keyClicks(page.min_amount, "200,00")
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)

    def saved() -> bool:
        policy = services.reminders.policy("default").policy
        return policy.min_gap_days == 10 and str(policy.min_amount) == "200.00"

    qtbot.waitUntil(saved, timeout=10000)
    # C001 owes 150.00: under the new minimum its reminder waits
    qtbot.waitUntil(lambda: not by_client(services.reminders.plan(TODAY).items, "C001"))
    settle(qtbot, view)
    assert view.errors == []


def test_models_pass_the_model_tester(qtbot, qtmodeltester, dossier) -> None:  # type: ignore[no-untyped-def]
    services, _ids = dossier
    view = make_view(qtbot, services)
    view.set_mode("review")
    view.set_mode("policies")
    qtbot.waitUntil(lambda: view.policy_page.model.rowCount() > 0, timeout=10000)
    for model in (
        view.catch_up,
        view.day,
        view.model,
        view.calendar,
        view.review.model,
        view.policy_page.model,
    ):
        qtmodeltester.check(model)
