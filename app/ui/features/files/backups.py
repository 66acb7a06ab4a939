"""Automatic backups from the window: on opening (once a day), File ▸ Back up now, the setting."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QSpinBox,
    QWidget,
)

from app.i18n import _, ngettext
from app.services.auto_backup import DEFAULT_KEEP
from app.ui.errors import explain

KEEP_KEY = "backups/keep"
HOUR_MS = 3_600_000


def _settings(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def keep_setting(path: Path) -> int:
    """How many automatic backups to keep (the user's setting, 10 unless changed)."""
    value = _settings(path).value(KEEP_KEY, DEFAULT_KEEP)
    try:
        return max(1, int(str(value)))
    except (TypeError, ValueError):
        return DEFAULT_KEEP


def set_keep_setting(path: Path, keep: int) -> None:
    settings = _settings(path)
    settings.setValue(KEEP_KEY, int(keep))
    settings.sync()


class BackupSettingsDialog(QDialog):
    """Settings ▸ Automatic backups…: how many to keep, and where they are."""

    def __init__(self, keep: int, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Automatic backups"))
        form = QFormLayout(self)
        self.keep = QSpinBox()
        self.keep.setRange(1, 365)
        self.keep.setValue(keep)
        self.keep.setSuffix(_(" backups"))
        self.setMinimumWidth(460)
        self.keep.setToolTip(_("Older automatic backups are deleted; other files are left alone"))
        intro = QLabel(
            _(
                "Relance copies the dossier when it is opened (once a day) and when you "
                "choose File ▸ Back up now."
            )
        )
        intro.setWordWrap(True)
        where = QLabel(str(folder))
        where.setWordWrap(True)
        where.setObjectName("backup_folder")
        form.addRow(intro)
        form.addRow(_("Keep the last"), self.keep)
        form.addRow(_("Folder"), where)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class AutoBackups:
    def __init__(self, window: QMainWindow, clock: Any = datetime.now) -> None:
        self.window: Any = window
        self.clock = clock
        self.dialog: BackupSettingsDialog | None = None
        # a window left open overnight backs up on the new day too (once a day at most)
        self.daily = QTimer(window, interval=HOUR_MS)
        self.daily.timeout.connect(self.on_open)
        self.daily.start()

    @property
    def keep(self) -> int:
        return keep_setting(self.window.services.paths.window_settings)

    def on_open(self) -> None:
        """In the background: a backup unless today's exists; a failure only shows in the bar."""
        auto, keep, now = self.window.services.backups, self.keep, self.clock()
        if auto.last_day() == now.date():
            return  # today's is there: nothing to load nor run
        self.window.tasks.run(
            lambda: auto.automatic(now, keep), self._written, self._failed, slow=True
        )

    def back_up_now(self) -> None:
        auto, keep, now = self.window.services.backups, self.keep, self.clock()
        self.window.statusBar().showMessage(_("Backing up…"))
        self.window.tasks.run(
            lambda: auto.back_up_now(now, keep), self._written, self.window.show_error, slow=True
        )

    def _written(self, path: Path | None) -> None:
        if path is None:
            return
        count = len(self.window.services.backups.backups())
        self.window.statusBar().showMessage(
            ngettext(
                "Backup written to {path} ({count} kept)",
                "Backup written to {path} ({count} kept)",
                count,
            ).format(path=str(path), count=count),
            10000,
        )

    def _failed(self, error: Exception) -> None:
        self.window.statusBar().showMessage(
            _("The automatic backup failed: {reason}").format(reason=explain(error))
        )

    def edit_settings(self) -> BackupSettingsDialog:
        self.dialog = BackupSettingsDialog(
            self.keep, self.window.services.backups.folder, self.window
        )
        self.dialog.accepted.connect(
            lambda: set_keep_setting(
                self.window.services.paths.window_settings,
                self.dialog.keep.value(),  # type: ignore[union-attr]
            )
        )
        self.dialog.open()
        return self.dialog
