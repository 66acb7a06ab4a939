"""File ▸ Restore…: a backup replaces the dossier's content, with the checks of `relance restore`.

The file is chosen, the replacement confirmed (the current content is kept in a before-restore
copy), the restore runs in the background behind a busy indicator, then every view reloads.
Relance keeps no lock on a dossier, so another Relance window on the same dossier (another
program instance) cannot be detected: the confirmation says to close it first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QProgressDialog

from app.i18n import _
from app.services.changes import Changes
from app.ui.errors import explain

EVERYTHING = Changes(clients=True, invoices=True, payments=True, reminders=True, settings=True)


class Restorer:
    def __init__(self, window: QMainWindow) -> None:
        self.window: Any = window
        self.busy: QProgressDialog | None = None

    def ask(self) -> None:
        start = str(self.window.services.backups.folder)
        path, _filter = QFileDialog.getOpenFileName(
            self.window,
            _("Restore a backup"),
            start,
            _("Relance dossiers (*.relance);;All files (*)"),
        )
        if path:
            self.restore(Path(path))

    def confirmed(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self.window,
            _("Restore a backup"),
            _(
                "Replace the whole content of the dossier {dossier} with the backup {file}?\n\n"
                "The current content is kept first in a before-restore copy beside the "
                "dossier. Close Relance on any other computer or window using this dossier "
                "before you go on."
            ).format(dossier=self.window.services.name, file=path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return bool(answer == QMessageBox.StandardButton.Yes)

    def restore(self, path: Path) -> None:
        if not self.confirmed(path):
            return
        window = self.window
        window.tasks.wait(10000)  # nothing of the old content still being read or written
        self.busy = QProgressDialog(_("Restoring {file}…").format(file=path.name), "", 0, 0, window)
        self.busy.setCancelButton(None)
        self.busy.setWindowTitle(_("Restore a backup"))
        self.busy.setWindowModality(Qt.WindowModality.WindowModal)
        self.busy.setMinimumDuration(0)
        self.busy.show()
        backup = window.services.backup
        window.tasks.run(lambda: backup.restore(path), self._done, self._refused, write=True)

    def _close_busy(self) -> None:
        if self.busy is not None:
            self.busy.close()
            self.busy.deleteLater()
            self.busy = None

    def _done(self, result: Any) -> None:
        self._close_busy()
        window = self.window
        window.services.analytics.forget_results()
        window.bus.publish(EVERYTHING)  # every view reads the restored content again
        kept = result.safety_copy
        message = _("Dossier restored from {file} (company: {company}).").format(
            file=result.source.name, company=result.company
        )
        if kept is not None:
            message += " " + _("The previous content is kept in {path}.").format(path=str(kept))
        window.statusBar().showMessage(message, 15000)

    def _refused(self, error: Exception) -> None:
        self._close_busy()
        QMessageBox.warning(
            self.window,
            _("Restore a backup"),
            _("The backup was not restored:\n{reason}").format(reason=explain(error)),
        )
