"""The client page's "Statement PDF…" and "Collection file…": chosen where to save, produced
in the background, then opened with the system's viewer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton

from app.i18n import _, ngettext
from app.ui.theme import set_tone


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ClientDocuments:
    """Adds its two buttons to the page's row of actions and its notice beside the title;
    `page` is the ClientDetail."""

    def __init__(self, page: Any, header: QHBoxLayout, actions: QHBoxLayout) -> None:
        self.page = page
        self.last_path: Path | None = None
        self.buttons = {
            "statement": QPushButton(_("Statement PDF…")),
            "dossier": QPushButton(_("Collection file…")),
        }
        self.buttons["statement"].setToolTip(
            _("Statement of account of the period shown, as a PDF to send")
        )
        self.buttons["dossier"].setToolTip(
            _("Zip for a lawyer or a court: statement, claims, reminders sent and their documents")
        )
        for button in self.buttons.values():
            actions.addWidget(button)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        set_tone(self.notice, "warning")
        self.notice.hide()
        header.insertWidget(2, self.notice, 1)
        self.buttons["statement"].clicked.connect(lambda: self.statement())
        self.buttons["dossier"].clicked.connect(lambda: self.dossier())
        self.local_warning_shown = False

    def warn_if_local(self) -> None:
        """Once per page, on a PostgreSQL dossier without a shared documents folder: say the
        documents sent stay on this computer, and where to name a shared folder."""
        page = self.page
        if self.local_warning_shown or page.services.url.get_backend_name() != "postgresql":
            return
        self.local_warning_shown = True
        dossier = page.services.dossier
        page.context.tasks.run(
            lambda: dossier.settings().documents_folder, self._local_warning, lambda _e: None
        )

    def _local_warning(self, folder: str) -> None:
        if folder:
            return
        self.notice.setText(
            _(
                "The documents sent stay on this computer: the other users of the dossier do "
                "not see them. Name a shared folder in Settings ▸ Company details."
            )
        )
        self.notice.show()

    def statement(self, path: str | None = None) -> None:
        page = self.page
        if page.client is None:
            return
        code = page.client.code
        whole = page.period.currentData() == "all"
        start = None if whole else page.date_from.value()
        as_of = page.context.today() if whole else page.date_to.value()
        if path is None:
            path = self._ask(
                _("Save the statement of account"),
                _("statement-{code}-{date}.pdf").format(code=code, date=as_of.isoformat()),
                _("PDF documents (*.pdf)"),
                ".pdf",
            )
            if not path:
                return
        target = Path(path)
        documents = page.services.documents
        self._busy(True)
        page.context.tasks.run(
            lambda: documents.statement(code, target, as_of, start, from_start=whole),
            self._written,
            self._failed,
        )

    def dossier(self, path: str | None = None) -> None:
        page = self.page
        if page.client is None:
            return
        code, as_of = page.client.code, page.context.today()
        if path is None:
            path = self._ask(
                _("Save the collection file"),
                _("collection-{code}-{date}.zip").format(code=code, date=as_of.isoformat()),
                _("Zip archives (*.zip)"),
                ".zip",
            )
            if not path:
                return
        target = Path(path)
        documents = page.services.documents
        self._busy(True)
        page.context.tasks.run(
            lambda: documents.dossier(code, target, as_of),
            self._dossier_written,
            self._failed,
        )

    def _ask(self, title: str, suggested: str, filters: str, suffix: str) -> str:
        path, _selected = QFileDialog.getSaveFileName(self.page, title, suggested, filters)
        if path and not path.lower().endswith(suffix):
            path += suffix
        return str(path)

    def _written(self, path: Path) -> None:
        self._busy(False)
        self.notice.hide()
        self.last_path = path
        open_file(path)

    def _dossier_written(self, result: Any) -> None:
        self._busy(False)
        self.last_path = result.path
        lines = list(result.warnings)
        if result.missing:
            count = len(result.missing)
            lines.append(
                ngettext(
                    "{count} document could not be found: see MISSING.txt in the file.",
                    "{count} documents could not be found: see MISSING.txt in the file.",
                    count,
                ).format(count=count)
            )
        self.notice.setText("\n".join(lines))
        self.notice.setVisible(bool(lines))
        open_file(result.path)

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        self.page.context.show_error(error)

    def _busy(self, busy: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(not busy)
