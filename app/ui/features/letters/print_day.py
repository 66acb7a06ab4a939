"""File ▸ Print the day's letters: every paper reminder due, one PDF to print and one file per
client, with a progress bar; then, once posted, the reminders are marked as done."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_date, ngettext
from app.services.changes import Changes
from app.services.followup.batch import LetterBatch
from app.ui.context import ViewContext
from app.ui.errors import explain
from app.ui.needs import LetterNeeds
from app.ui.theme import set_tone
from app.ui.widgets.forms import DateEdit


class PrintLettersDialog(QDialog):
    def __init__(
        self, services: LetterNeeds, context: ViewContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.context = context
        self.batch: LetterBatch | None = None
        self.busy = False
        self.ask_printer: Any = None  # tests give a printer writing a PDF file
        self.setWindowTitle(_("Print the day's letters"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Every letter reminder due on that day, and those still to catch up, "
                "in one PDF to print, plus one file per client."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.day = DateEdit(context.today())
        self.day.setObjectName("letters_day")
        self.day.dateChanged.connect(lambda _d: self.count_due())
        form.addRow(_("Letters due on"), self.day)
        folder_row = QHBoxLayout()
        self.folder = QLineEdit(str(services.paths.documents))
        self.folder.setObjectName("letters_folder")
        self.browse = QPushButton(_("Choose…"))
        self.browse.clicked.connect(self._browse)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        form.addRow(_("Folder"), folder_row)
        layout.addLayout(form)
        self.gaps: list[str] = []
        self.gaps_label = QLabel()
        self.gaps_label.setObjectName("letters_gaps")
        self.gaps_label.setWordWrap(True)
        set_tone(self.gaps_label, "dispute")
        self.gaps_label.hide()
        layout.addWidget(self.gaps_label)
        self.summary = QLabel(_("Counting the letters due…"))
        self.summary.setObjectName("letters_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.progress = QProgressBar()
        self.progress.hide()
        layout.addWidget(self.progress)
        self.buttons = QDialogButtonBox()
        self.write_button = self.buttons.addButton(
            _("Write the letters"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button = self.buttons.addButton(
            _("Open the file to print"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button = self.buttons.addButton(
            _("Print…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.sent_button = self.buttons.addButton(
            _("Mark as sent…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = self.buttons.addButton(
            _("Close"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.write_button.setEnabled(False)
        self.open_button.hide()
        self.print_button.hide()
        self.sent_button.hide()
        self.write_button.clicked.connect(self.write)
        self.open_button.clicked.connect(self.open_print_file)
        self.print_button.clicked.connect(self.print_file)
        self.sent_button.clicked.connect(self.mark_sent)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.count_due()
        context.tasks.run(services.letters.company_gaps, self._show_gaps, self._failed)

    def _show_gaps(self, gaps: list[str]) -> None:
        """Warn, before anything is written, of what the company details leave out."""
        self.gaps = gaps
        self.gaps_label.setText(
            _("Complete Settings ▸ Company details first: {gaps}.").format(gaps="; ".join(gaps))
        )
        self.gaps_label.setVisible(bool(gaps))

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, _("Folder for the letters"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    # --- counting ----------------------------------------------------------------------

    def count_due(self) -> None:
        day = self.day.value()
        self.write_button.setEnabled(False)
        self.context.tasks.run(
            lambda: len(self.services.letters.actions(day)),
            lambda count: self._show_count(day, count),
            self._failed,
            key="letters-due",
        )

    def _show_count(self, day: date, count: int) -> None:
        if day != self.day.value() or self.busy:
            return
        if count == 0:
            self.summary.setText(_("No letter is due on {day}.").format(day=format_date(day)))
        else:
            self.summary.setText(
                ngettext(
                    "{count} letter reminder is due on {day} or still to catch up.",
                    "{count} letter reminders are due on {day} or still to catch up.",
                    count,
                ).format(count=count, day=format_date(day))
            )
        self.write_button.setEnabled(count > 0)

    # --- writing -----------------------------------------------------------------------

    def write(self) -> None:
        text = self.folder.text().strip()
        if not text:
            self.summary.setText(_("Choose the folder where the letters are written."))
            return
        if self.gaps and not self._write_anyway():
            return
        day, folder = self.day.value(), Path(text)
        self.busy = True
        self.batch = None
        for widget in (
            self.write_button,
            self.day,
            self.folder,
            self.browse,
            self.open_button,
            self.sent_button,
        ):
            widget.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.summary.setText(_("Writing the letters…"))
        self.context.tasks.run(
            lambda progress: self.services.letters.write(day, folder, progress=progress),
            self._written,
            self._failed,
            slow=True,
            on_progress=self._progress,
        )

    def _write_anyway(self) -> bool:
        answer = QMessageBox.question(
            self,
            _("Print the day's letters"),
            _("The letters are incomplete: {gaps}. Write them anyway?").format(
                gaps="; ".join(self.gaps)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _written(self, batch: LetterBatch) -> None:
        self.busy = False
        self.batch = batch
        self.progress.hide()
        for widget in (self.day, self.folder, self.browse):
            widget.setEnabled(True)
        if batch.print_file is None:
            self.summary.setText(
                _(
                    "No letter to write: the reminders due have no letter "
                    "template or nothing is due any more."
                )
            )
            self.count_due()
            return
        clients = len({letter.path for letter in batch.letters})
        self.summary.setText(
            ngettext(
                "{count} letter written ({pages} pages) for {clients} clients: {file}",
                "{count} letters written ({pages} pages) for {clients} clients: {file}",
                len(batch.letters),
            ).format(
                count=len(batch.letters), pages=batch.pages, clients=clients, file=batch.print_file
            )
        )
        for button in (self.open_button, self.print_button, self.sent_button):
            button.show()
            button.setEnabled(True)
        margins = self.contentsMargins()
        wide = self.buttons.sizeHint().width() + margins.left() + margins.right() + 24
        if wide > self.width():  # four buttons now: none of them cut (French is longer)
            self.setMinimumWidth(wide)
            self.resize(wide, self.height())
        self.open_button.setDefault(True)

    def _failed(self, error: Exception) -> None:
        self.busy = False
        self.progress.hide()
        for widget in (self.day, self.folder, self.browse):
            widget.setEnabled(True)
        self.summary.setText(explain(error))
        self.write_button.setEnabled(True)

    def open_print_file(self) -> None:
        if self.batch is not None and self.batch.print_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.batch.print_file)))

    def print_file(self) -> None:
        """The letters on paper through the print dialog (the PDF's pages, as written)."""
        from app.ui.features.printing.paper import ask_printer, print_pdf

        batch = self.batch
        if batch is None or batch.print_file is None:
            return
        pdf = batch.print_file.read_bytes()
        title = _("Letters of {day}").format(day=format_date(self.day.value()))
        printer = (self.ask_printer or ask_printer)(self, title, pages=batch.pages)
        if printer is None:
            return
        self.print_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.context.tasks.run(
            lambda progress: print_pdf(pdf, printer, progress),
            self._printed,
            self._print_failed,
            slow=True,
            on_progress=self._progress,
        )

    def _printed(self, pages: int) -> None:
        self.progress.hide()
        self.print_button.setEnabled(True)
        self.summary.setText(
            ngettext(
                "{count} page sent to the printer.", "{count} pages sent to the printer.", pages
            ).format(count=pages)
        )

    def _print_failed(self, error: Exception) -> None:
        self.progress.hide()
        self.print_button.setEnabled(True)
        self.summary.setText(explain(error))

    # --- after posting -----------------------------------------------------------------

    def mark_sent(self) -> None:
        batch = self.batch
        if batch is None or not batch.letters:
            return
        answer = QMessageBox.question(
            self,
            _("Mark as sent"),
            ngettext(
                "Mark {count} reminder as done? Each client's letter is kept in its "
                "history with its fingerprint (SHA-256).",
                "Mark {count} reminders as done? Each client's letter is kept in its "
                "history with its fingerprint (SHA-256).",
                len(batch.letters),
            ).format(count=len(batch.letters)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.sent_button.setEnabled(False)
        day = self.day.value()
        self.context.tasks.run(
            lambda: self.services.letters.mark_sent(batch, day),
            self._marked,
            self._failed,
            write=True,
        )

    def _marked(self, count: int) -> None:
        ids = (
            frozenset(letter.action.client_id for letter in self.batch.letters)
            if self.batch
            else frozenset()
        )
        self.context.bus.publish(Changes(reminders=True, client_ids=ids))
        self.summary.setText(
            ngettext(
                "{count} reminder marked as done.", "{count} reminders marked as done.", count
            ).format(count=count)
        )
        self.batch = None
        self.sent_button.hide()
        self.open_button.hide()
        self.count_due()
