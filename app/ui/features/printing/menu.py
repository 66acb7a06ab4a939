"""File ▸ Print… (Ctrl+P): the list of the screen shown, as the screen filters it, on paper;
on a client's page, that client's statement of account (the PDF the app writes).

The same lists as File ▸ Export (clients, invoices, aged receivables, reminders agenda): the
print dialog first, then the list is read in the background and printed as a table.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from app.i18n import _, format_date, format_number, ngettext
from app.services.transfer.spreadsheet import Sheet
from app.ui.features.files.export import VIEW_LISTS
from app.ui.features.printing.paper import MAX_ROWS, ask_printer, print_pdf, print_sheet

WIDE = {"invoices", "aging", "agenda", "clients"}  # many columns: landscape by default


class ListPrinter:
    def __init__(self, window: Any) -> None:
        self.window = window
        self.ask = ask_printer  # tests give a printer writing a PDF file instead of asking

    def current(self) -> None:
        window = self.window
        page = self._client_page()
        if page is not None:
            self.statement(page)
            return
        which = VIEW_LISTS.get(window.current_view_key())
        if which is None:
            QMessageBox.information(
                window,
                _("Print"),
                _("This screen has no list to print: open the list you want, then print it."),
            )
            return
        build = window.file_actions.exporter.builder(which)
        if build is None:
            return
        printer = self.ask(window, window.windowTitle(), landscape=which in WIDE)
        if printer is None:
            return
        window.statusBar().showMessage(_("Preparing the list to print…"))
        window.tasks.run(
            build, lambda sheet: self._print(sheet, printer), window.show_error, slow=True
        )

    def _client_page(self) -> Any:
        """The client page when one is shown (its statement prints, not the register)."""
        if self.window.current_view_key() != "clients":
            return None
        view = self.window.views["clients"]
        shown = view.stack.currentWidget() is view.detail and view.detail.client is not None
        return view.detail if shown else None

    def statement(self, page: Any) -> None:
        """The client's statement of account for the period shown, as its PDF prints."""
        window = self.window
        code = page.client.code
        whole = page.period.currentData() == "all"
        start = None if whole else page.date_from.value()
        as_of = window.context.today() if whole else page.date_to.value()
        title = _("Statement of account {code}").format(code=code)
        printer = self.ask(window, title)
        if printer is None:
            return
        documents = window.services.documents

        def run(progress: Any) -> int:
            with tempfile.TemporaryDirectory(prefix="relance-print-") as folder:
                target = Path(folder) / "statement.pdf"
                documents.statement(code, target, as_of, start, from_start=whole)
                return print_pdf(target.read_bytes(), printer, progress)

        window.statusBar().showMessage(_("Preparing the statement to print…"))
        window.tasks.run(
            run,
            lambda pages: window.statusBar().showMessage(
                ngettext(
                    "{count} page sent to the printer.", "{count} pages sent to the printer.", pages
                ).format(count=pages),
                8000,
            ),
            window.show_error,
            slow=True,
            on_progress=lambda _done, _total: None,
        )

    def _print(self, sheet: Sheet, printer: QPrinter) -> None:
        window = self.window
        today = window.context.today()
        heading = _("{list} — {dossier} — {day}").format(
            list=sheet.title, dossier=window.services.name, day=format_date(today)
        )
        count = len(sheet.rows)
        note = ""
        if count > MAX_ROWS:
            note = _(
                "The first {shown} rows of {count}; File ▸ Export writes the whole list."
            ).format(
                shown=format_number(Decimal(MAX_ROWS), decimals=0),
                count=format_number(Decimal(count), decimals=0),
            )
        print_sheet(sheet, printer, heading, note)
        window.statusBar().showMessage(
            _("{list} sent to the printer ({count} rows)").format(
                list=sheet.title, count=min(count, MAX_ROWS)
            ),
            8000,
        )


def install_print(window: Any, menu: Any, before: QAction) -> tuple[ListPrinter, QAction]:
    """File ▸ Print… above `before` (the day's letters)."""
    printer = ListPrinter(window)
    action = QAction(_("&Print…"), window, shortcut=QKeySequence(QKeySequence.StandardKey.Print))
    action.setStatusTip(_("Print the list shown, as it is filtered"))
    action.triggered.connect(printer.current)
    menu.insertAction(before, action)
    return printer, action
