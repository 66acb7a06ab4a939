"""No mail program on the computer: doing an email reminder is never a dead end. The kept .eml
is shown in its folder, the address, subject and text can be copied, and "I have sent it"
records the reminder with that .eml."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.ui.features.reminders import mail_dialog
from app.ui.features.reminders.mail_dialog import NoMailClientDialog
from tests.adapters.pdf.helpers import use_pending_french
from tests.services.followup.data import TODAY, FakeMail, seed
from tests.ui.test_reminders_view import make_view, settle


@pytest.fixture
def no_mail(sqlite_services, monkeypatch):  # type: ignore[no-untyped-def]
    use_pending_french(monkeypatch)
    ids = seed(sqlite_services)
    sqlite_services.reminders.mail_opener = FakeMail(fail=True)
    opened: list[Path] = []
    monkeypatch.setattr(mail_dialog, "open_location", lambda path: opened.append(path) or True)
    return sqlite_services, ids, opened


def _dialog(qtbot, view) -> NoMailClientDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: isinstance(view.controller.dialog, NoMailClientDialog), timeout=15000)
    return view.controller.dialog


def test_the_saved_email_can_be_sent_by_hand_then_recorded(qtbot, no_mail) -> None:  # type: ignore[no-untyped-def]
    services, ids, opened = no_mail
    view = make_view(qtbot, services)
    qtbot.mouseClick(view.actions_bar.do_it, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, view)
    assert view.errors == []  # no developer message: the dialog instead
    assert dialog.eml_path.suffix == ".eml"
    assert dialog.eml_path.is_file()
    assert str(dialog.eml_path) in dialog.intro.text()
    assert dialog.to.text() == "compta@martin.fr"
    assert "F1" in dialog.subject.text()
    assert "F2" in dialog.text.toPlainText()
    assert services.reminders.history(ids["C001"]) == []  # not sent yet

    qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
    assert opened == [dialog.eml_path.parent]
    qtbot.mouseClick(dialog.copy_address, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "compta@martin.fr"
    qtbot.mouseClick(dialog.copy_text, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == mail_dialog.read_eml(dialog.eml_path)[2]
    dialog.grab().save(str(dialog.eml_path.parent / "no_mail_dialog.png"))

    assert dialog.sent_button is not None
    eml = dialog.eml_path
    qtbot.mouseClick(dialog.sent_button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)
    [event] = services.reminders.history(ids["C001"])
    assert (event.status, event.level_code, event.on) == ("done", "reminder_1", TODAY)
    assert event.document_path == str(eml)


def test_closing_leaves_the_reminder_to_do(qtbot, no_mail) -> None:  # type: ignore[no-untyped-def]
    services, ids, _opened = no_mail
    view = make_view(qtbot, services)
    qtbot.mouseClick(view.actions_bar.do_it, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, view)
    dialog.reject()
    settle(qtbot, view)
    assert services.reminders.history(ids["C001"]) == []
    assert [i.action.level_code for i in view.calendar.items_on(TODAY)] == ["reminder_1"]
