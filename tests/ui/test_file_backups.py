"""File ▸ Restore…, automatic backups, Back up now and recent dossiers, driven from the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from app.services.ledger.clients import ClientData
from app.ui.features.files.recent import recent_dossiers, remember
from app.ui.main_window import MainWindow


def _client(services, code: str) -> None:  # type: ignore[no-untyped-def]
    services.clients.create(ClientData(code=code, name=f"Client {code}", email="a@b.fr"))


@pytest.fixture
def window(qtbot, sqlite_services):  # type: ignore[no-untyped-def]
    _client(sqlite_services, "C001")
    opened: list[str] = []
    win = MainWindow(sqlite_services, open_dossier=opened.append)
    win.opened = opened
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.tasks.idle, timeout=10000)
    yield win
    win.tasks.wait()


def _rows(qtbot, window, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    model = window.views["clients"].model
    qtbot.waitUntil(lambda: model.rowCount() == count and not model.loading, timeout=10000)
    return [model.rows[i].code for i in range(count)]


def _choose(monkeypatch, path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def test_restore_replaces_the_dossier_and_reloads_the_views(
    qtbot, window, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    services = window.services
    backup = services.backup.backup(tmp_path / "friday.relance")
    _client(services, "C002")
    window.show_view("clients")
    window.views["clients"].refresh()
    assert _rows(qtbot, window, 2) == ["C001", "C002"]
    asked: list[str] = []
    busy: list[bool] = []

    def question(_parent, _title, text, *args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    _choose(monkeypatch, backup)
    original = QProgressDialog.show
    monkeypatch.setattr(QProgressDialog, "show", lambda self: (busy.append(True), original(self)))
    window.file_actions.restore.trigger()
    qtbot.waitUntil(lambda: window.file_actions.restorer.busy is None, timeout=15000)
    assert busy == [True]  # the busy indicator was up during the restore
    assert "before-restore" in asked[0]
    assert _rows(qtbot, window, 1) == ["C001"]  # the view shows the restored content
    dossier = Path(services.url.database)
    kept = list(dossier.parent.glob(f"{dossier.stem}.before-restore-*"))
    assert len(kept) == 1
    assert str(kept[0]) in window.statusBar().currentMessage()


def test_a_refused_backup_says_why_and_changes_nothing(
    qtbot, window, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    notes = tmp_path / "notes.relance"
    notes.write_text("not a dossier")
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    _choose(monkeypatch, notes)
    window.file_actions.restore.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert "not a Relance backup" in said[0]
    assert window.file_actions.restorer.busy is None
    window.show_view("clients")
    assert _rows(qtbot, window, 1) == ["C001"]


def test_cancelling_the_confirmation_restores_nothing(qtbot, window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    backup = window.services.backup.backup(tmp_path / "b.relance")
    _client(window.services, "C002")
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Cancel)
    _choose(monkeypatch, backup)
    window.file_actions.restore.trigger()
    qtbot.waitUntil(window.tasks.idle)
    window.views["clients"].refresh()
    assert _rows(qtbot, window, 2) == ["C001", "C002"]


def test_backup_on_open_back_up_now_and_the_keep_setting(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    auto = window.services.backups
    assert len(auto.backups()) == 1  # written when the window opened
    assert auto.folder.parent == window.services.paths.backups
    window.file_actions.backup_settings.trigger()
    dialog = window.file_actions.backups.dialog
    assert dialog.keep.value() == 10
    dialog.keep.setValue(2)
    dialog.grab().save("/tmp/backup_settings.png")
    dialog.accept()
    assert window.file_actions.backups.keep == 2
    for count in (2, 2):
        window.file_actions.back_up_now.trigger()
        qtbot.waitUntil(window.tasks.idle, timeout=10000)
        assert len(auto.backups()) == count
    assert "2 kept" in window.statusBar().currentMessage()


def test_recent_dossiers_in_the_file_menu(qtbot, sqlite_services, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    settings = sqlite_services.paths.window_settings
    other = tmp_path / "garage.relance"
    other.write_bytes(b"")
    gone = tmp_path / "gone.relance"
    for path in [tmp_path / f"old{i}.relance" for i in range(5)] + [gone, other]:
        remember(settings, str(path))
    opened: list[str] = []
    win = MainWindow(sqlite_services, open_dossier=opened.append)
    qtbot.addWidget(win)
    qtbot.waitUntil(win.tasks.idle, timeout=10000)
    listed = recent_dossiers(settings)
    assert len(listed) == 5
    assert listed[0] == str(Path(sqlite_services.url.database).resolve())  # this one first
    recent = win.file_actions.recent
    recent.fill()
    titles = [a.text() for a in recent.menu.actions()]
    assert titles[:2] == ["&1 garage.relance", "&2 gone.relance"]
    recent.menu.actions()[0].trigger()
    assert opened == [str(other)]
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    recent.menu.actions()[1].trigger()
    assert "no longer there" in said[0]
    assert str(gone) not in recent_dossiers(settings)
    win.tasks.wait()


def test_a_window_left_open_backs_up_on_the_new_day(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime, timedelta

    auto, backups = window.services.backups, window.file_actions.backups
    assert backups.daily.isActive()
    backups.daily.timeout.emit()  # the same day: nothing more
    qtbot.waitUntil(window.tasks.idle, timeout=10000)
    assert len(auto.backups()) == 1
    backups.clock = lambda: datetime.now() + timedelta(days=1)  # noqa: DTZ005 - local clock
    backups.daily.timeout.emit()
    qtbot.waitUntil(window.tasks.idle, timeout=10000)
    assert len(auto.backups()) == 2
