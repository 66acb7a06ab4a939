"""File ▸ Print… (Ctrl+P): the list of the screen shown, as the screen filters it, on paper.

The same lists as File ▸ Export (clients, invoices, aged receivables, reminders agenda): the
print dialog first, then the list is read in the background and printed as a table.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from app.i18n import _, format_date, format_number
from app.services.transfer.spreadsheet import Sheet
from app.ui.features.files.export import VIEW_LISTS
from app.ui.features.printing.paper import MAX_ROWS, ask_printer, print_sheet

WIDE = {"invoices", "aging", "agenda", "clients"}  # many columns: landscape by default


class ListPrinter:
    def __init__(self, window: Any) -> None:
        self.window = window
        self.ask = ask_printer  # tests give a printer writing a PDF file instead of asking

    def current(self) -> None:
        window = self.window
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
