"""The last two pages of the import wizard: the dry run (what would happen, every problem with
its line and column, nothing written) and the import itself, one transaction in the
background with a progress bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.domain.errors import InvalidInput, Problem, RelanceError
from app.i18n import _, format_number, ngettext
from app.services.transfer.importers import ImportResult
from app.services.transfer.sources.summary import source_lines

if TYPE_CHECKING:
    from app.ui.features.imports.wizard import ImportWizard


class ImportCancelled(RelanceError):
    """The user cancelled before anything was written."""


def things(kind: str, count: int) -> str:
    """'3 clients', '1 invoice or credit note'…"""
    if kind == "clients":
        text = ngettext("{count} client", "{count} clients", count)
    elif kind == "invoices":
        text = ngettext("{count} invoice or credit note", "{count} invoices or credit notes", count)
    elif kind == "payments":
        text = ngettext("{count} payment", "{count} payments", count)
    else:
        text = ngettext("{count} reminder", "{count} reminders", count)
    return text.format(count=count)


def summary(result: ImportResult, done: bool) -> list[str]:
    """What the import creates, updates and leaves aside, in sentences."""
    created = things(result.kind, result.created)
    verb = _("Created: {things}.") if done else _("To create: {things}.")
    lines = [verb.format(things=created)]
    if result.updated:
        verb = _("Updated: {things}.") if done else _("To update: {things}.")
        lines.append(verb.format(things=things(result.kind, result.updated)))
    if result.unchanged:
        same = things(result.kind, result.unchanged)
        lines.append(_("Already up to date, left as they are: {things}.").format(things=same))
    if result.paid:
        lines.append(
            ngettext(
                "{count} payment of {amount} for the part already paid (balance column), dated "
                "the due date, or today when the due date is still ahead.",
                "{count} payments totalling {amount} for the parts already paid (balance "
                "column), dated the due date, or today when the due date is still ahead.",
                result.paid,
            ).format(count=result.paid, amount=format_number(result.paid_amount))
        )
    if result.ignored:
        lines.append(
            _("Columns not imported: {columns}.").format(columns=", ".join(result.ignored))
        )
    return lines


def _missing_clients(new_clients: list[tuple[str, str]]) -> list[str]:
    """The unknown client codes and the names the file gives them, to create if ticked."""
    text = ngettext(
        "{count} client code is not in the dossier; the file names it:",
        "{count} client codes are not in the dossier; the file names them:",
        len(new_clients),
    ).format(count=len(new_clients))
    shown = [f"  {code} — {name}" for code, name in new_clients[:20]]
    if len(new_clients) > 20:
        shown.append(_("  … and {count} more").format(count=len(new_clients) - 20))
    return [text, *shown]


def _problem_table() -> QTableWidget:
    table = QTableWidget(0, 3)
    table.setHorizontalHeaderLabels([_("Line"), _("Column"), _("Problem")])
    table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    return table


class DryRunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.result: ImportResult | None = None
        self.problems: list[Problem] = []
        self.setTitle(_("Dry run"))
        self.setSubTitle(_("The whole file is checked; nothing is written."))
        self.status = QLabel()
        self.status.setObjectName("dry_run_status")
        self.status.setWordWrap(True)
        self.create_clients = QCheckBox()
        self.create_clients.setObjectName("create_clients")
        self.create_clients.toggled.connect(self.completeChanged)
        self.table = _problem_table()
        self.table.setObjectName("problems_table")
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.create_clients)
        layout.addWidget(self.table, 1)
        layout.addStretch(0)  # takes the room when there is no problem to list

    def initializePage(self) -> None:
        self.result = None
        self.problems = []
        self.table.setRowCount(0)
        self.create_clients.setChecked(False)
        self.create_clients.setVisible(False)
        self.status.setText(_("Checking the file…"))
        check = self.wizard_.call(dry_run=True)
        self.wizard_.context.tasks.run(lambda: check(None), self._checked, self._refused)
        self.completeChanged.emit()

    def _checked(self, result: ImportResult) -> None:
        self.result = result
        lines = [_("No problem found."), *summary(result, done=False)]
        if result.kind in ("fec", "facturx"):
            lines = [_("No problem found."), *source_lines(result)]
        if result.warnings:
            lines.append(
                ngettext(
                    "{count} remark below; it does not stop the import.",
                    "{count} remarks below; they do not stop the import.",
                    len(result.warnings),
                ).format(count=len(result.warnings))
            )
        if result.new_clients:
            lines += _missing_clients(result.new_clients)
            count = len(result.new_clients)
            self.create_clients.setText(
                ngettext(
                    "Create the {count} missing client from the file's names",
                    "Create the {count} missing clients from the file's names",
                    count,
                ).format(count=count)
            )
            self.create_clients.setVisible(True)
        self.status.setText("\n".join(lines))
        self._fill([Problem(text) for text in result.warnings])
        self.completeChanged.emit()

    def _refused(self, error: Exception) -> None:
        if not isinstance(error, InvalidInput):
            self.status.setText(_("The file could not be checked."))
            self.wizard_.context.show_error(error)
            return
        self.problems = error.problems
        self.status.setText(
            ngettext(
                "{count} problem: nothing can be imported until it is corrected (in the file, "
                "or by going back to the columns).",
                "{count} problems: nothing can be imported until they are corrected (in the "
                "file, or by going back to the columns).",
                len(error.problems),
            ).format(count=len(error.problems))
        )
        self._fill(error.problems)

    def _fill(self, problems: list[Problem]) -> None:
        self.table.setVisible(bool(problems))
        self.table.setRowCount(len(problems))
        for row, problem in enumerate(problems):
            message = problem.message
            if problem.file is None and ": " in message:  # a remark's text carries its place
                place, message = message.split(": ", 1)
                parts = place.rsplit(":", 2)
                if len(parts) == 3 and parts[1].isdigit():
                    problem = Problem(message, line=int(parts[1]), column=parts[2])
            line = "" if problem.line is None else str(problem.line)
            for column, text in enumerate((line, problem.column or "", message)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)

    def isComplete(self) -> bool:
        """Complete once checked, and with the missing clients' box ticked if there are any."""
        if self.result is None:
            return False
        return not self.result.new_clients or self.create_clients.isChecked()


class ConfirmPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.result: ImportResult | None = None
        self.running = False
        self.cancel_requested = False  # read by the import between its steps
        self.setTitle(_("Import"))
        self.setSubTitle(_("The file is written in one go: all of it, or nothing."))
        self.status = QLabel()
        self.status.setObjectName("import_status")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("import_progress")
        self.import_button = QPushButton(_("Import now"))
        self.import_button.setObjectName("import_now")
        self.import_button.clicked.connect(self.start)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.import_button)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.result = None
        self.progress.setValue(0)
        self.import_button.setEnabled(True)
        self.status.setText(_("Ready to import {file}.").format(file=self.wizard_.path.name))

    def start(self) -> None:
        wizard = self.wizard_
        run = wizard.call(dry_run=False)

        def checked(progress: Callable[[int, int], None]) -> ImportResult:
            def step(done: int, total: int) -> None:
                if self.cancel_requested and not done >= total > 0:
                    raise ImportCancelled(_("Import cancelled: nothing was written."))
                progress(done, total)

            return run(step)

        self.running = True
        self.import_button.setEnabled(False)
        wizard.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self.status.setText(_("Importing…"))
        wizard.context.tasks.run(
            checked,
            self._done,
            self._failed,
            write=True,
            on_progress=self._progress,
        )

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _done(self, result: ImportResult) -> None:
        self.running = False
        self.result = result
        self.wizard_.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.wizard_.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.progress.setMaximum(1)
        self.progress.setValue(1)
        found = source_lines(result) if result.kind in ("fec", "facturx") else None
        self.status.setText("\n".join([_("Done."), *(found or summary(result, done=True))]))
        self.completeChanged.emit()

    def cancel(self) -> None:
        """Stop before the writing starts (once it has, the import goes to its end)."""
        self.cancel_requested = True
        self.status.setText(_("Stopping before anything is written…"))

    def _failed(self, error: Exception) -> None:
        self.running = False
        if isinstance(error, ImportCancelled):
            self.status.setText(str(error))
            self.cancel_requested = False
            self.import_button.setEnabled(True)
            self.wizard_.button(QWizard.WizardButton.BackButton).setEnabled(True)
            return
        self.import_button.setEnabled(True)
        self.wizard_.button(QWizard.WizardButton.BackButton).setEnabled(True)
        self.status.setText(_("Nothing was imported.") + "\n" + str(error))
        if not isinstance(error, InvalidInput):
            self.wizard_.context.show_error(error)

    def isComplete(self) -> bool:
        return self.result is not None
