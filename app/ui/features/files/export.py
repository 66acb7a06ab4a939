"""File ▸ Export: the list on screen (or one named) as CSV for Excel or XLSX, in the background."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from app.domain.errors import InvalidInput
from app.i18n import N_, _
from app.services.transfer.spreadsheet import CSV, XLSX

LISTS = (
    ("clients", N_("&Clients…")),
    ("invoices", N_("&Invoices…")),
    ("payments", N_("&Payments…")),
    ("aging", N_("&Aged receivables…")),
    ("agenda", N_("Reminders a&genda…")),
)
FILE_NAMES = {
    "clients": N_("clients"),
    "invoices": N_("invoices"),
    "payments": N_("payments"),
    "aging": N_("aging"),
    "agenda": N_("reminders"),
}
VIEW_LISTS = {"clients": "clients", "invoices": "invoices", "aging": "aging", "reminders": "agenda"}


def filters() -> dict[str, str]:
    return {CSV: _("CSV for Excel (*.csv)"), XLSX: _("Excel workbook (*.xlsx)")}


class ListExporter:
    """Reads what each view shows (its filter, its chart, its period) and writes that list."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window

    def current(self) -> None:
        """Ctrl+E: the list of the screen shown; the dashboard has none."""
        which = VIEW_LISTS.get(self.window.current_view_key())  # type: ignore[attr-defined]
        if which is None:
            QMessageBox.information(
                self.window,
                _("Export"),
                _("This screen has no list: choose one under File ▸ Export."),
            )
            return
        self.export(which)

    def export(self, which: str, path: str | None = None, fmt: str | None = None) -> None:
        build = self._builder(which)
        if build is None:
            return
        if path is None:
            path, fmt = self.ask(which)
            if not path:
                return
        fmt = fmt or (XLSX if path.lower().endswith(".xlsx") else CSV)
        if not path.lower().endswith(f".{fmt}"):
            path = f"{path}.{fmt}"
        target = Path(path)
        window: Any = self.window
        lists = window.services.lists
        window.statusBar().showMessage(_("Exporting…"))
        window.tasks.run(
            lambda: lists.write(build(), target, fmt),
            lambda count: window.statusBar().showMessage(
                _("{count} rows written to {path}").format(count=count, path=str(target)), 10000
            ),
            window.show_error,
        )

    def ask(self, which: str) -> tuple[str, str]:
        choices = filters()
        today = self.window.context.today()  # type: ignore[attr-defined]
        suggested = f"{_(FILE_NAMES[which])}-{today.isoformat()}.csv"
        path, chosen = QFileDialog.getSaveFileName(
            self.window,
            _("Export"),
            suggested,
            ";;".join(choices.values()),
            choices[CSV],
        )
        fmt = XLSX if chosen == choices[XLSX] or path.lower().endswith(".xlsx") else CSV
        if fmt == XLSX and path.lower().endswith(".csv"):
            path = path[:-4] + ".xlsx"
        return path, fmt

    def builder(self, which: str) -> Any:
        """What reads the list `which` as the screen shows it (File ▸ Print… uses it too)."""
        return self._builder(which)

    def _builder(self, which: str) -> Any:
        window: Any = self.window
        lists = window.services.lists
        views = window.views
        today = window.context.today()
        if which == "clients":
            flt = views["clients"].filter
            return lambda: lists.clients(flt, today)
        if which == "invoices":
            flt = views["invoices"].filter
            return lambda: lists.invoices(flt, today)
        if which == "payments":
            return lists.payments
        if which == "aging":
            chart = views["aging"].controller.chart
            if chart is None:
                window.show_error(InvalidInput(_("the aged receivables are still being computed")))
                return None
            return lambda: lists.aging(chart)
        start, end = views["reminders"].period_bounds()  # as the calendar shows it
        return lambda: lists.agenda(start, end, today)
