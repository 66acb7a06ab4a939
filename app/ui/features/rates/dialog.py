"""Settings ▸ Late-payment rates: the tables the claims use, and the rows the user adds each
half-year (a new ECB rate, the French legal rate, the Belgian rate)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.claims.rates import half_year_start
from app.domain.errors import Problem
from app.domain.money import parse_rate
from app.i18n import N_, _, format_date, format_number
from app.services.claims.rate_settings import TABLES, RateEntry, RateSettings, TableSpec
from app.ui.context import ViewContext
from app.ui.errors import explain
from app.ui.widgets.forms import (
    AmountEdit,
    DateEdit,
    FieldErrors,
    message_label,
    parse_field,
)

COLUMN_TITLES = {
    "effective_date": N_("In force from"),
    "semester_start": N_("Half-year from"),
    "rate_percent": N_("Rate (%)"),
    "rate_creditor_individual": N_("Creditor is an individual (%)"),
    "rate_other_cases": N_("Other cases (%)"),
}


WARNING_STYLE = (
    "background: #fff4ce; color: #4d3900; border: 1px solid #d9b84a; "
    "border-radius: 3px; padding: 6px;"
)


class RateEdit(AmountEdit):
    """A percentage: '3,15', '3.15' or '3,15 %'."""

    def value(self) -> Decimal | None:
        text = self.text().replace("%", "").strip()
        return parse_rate(text) if text else None


class RateTab(QWidget):
    def __init__(self, dialog: RatesDialog, spec: TableSpec) -> None:
        super().__init__()
        self.dialog = dialog
        self.spec = spec
        self.entries: list[RateEntry] = []
        layout = QVBoxLayout(self)
        self.warning = message_label("rates_warning", WARNING_STYLE)
        layout.addWidget(self.warning)
        self.table = QTableWidget(0, len(spec.columns) + 2)
        self.table.setHorizontalHeaderLabels(
            [_(COLUMN_TITLES[c]) for c in spec.columns] + [_("Source of the rate"), _("Added by")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # titles too
        header.setStretchLastSection(False)
        self.table.itemSelectionChanged.connect(self._selected)
        layout.addWidget(self.table, 1)

        general = QLabel()
        self.errors = FieldErrors(general)
        form = QFormLayout()
        today = dialog.context.today()
        self.start = DateEdit(half_year_start(today) if spec.half_yearly else today)
        self.errors.add_row(form, _(COLUMN_TITLES[spec.columns[0]]), self.start, spec.columns[0])
        self.rates = []
        for column in spec.columns[1:]:
            edit = RateEdit()
            edit.setObjectName(f"rate_{column}")
            self.errors.add_row(form, _(COLUMN_TITLES[column]), edit, column)
            self.rates.append(edit)
        self.source = QLineEdit()
        self.source.setObjectName("rate_source")
        self.source.setPlaceholderText(_("Official journal, ECB press release…"))
        self.errors.add_row(form, _("Source of the rate"), self.source, "source")
        layout.addLayout(form)
        layout.addWidget(general)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("Add or replace this row"))
        self.add_button.clicked.connect(self.save)
        self.remove_button = QPushButton(_("Remove the row I added…"))
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def show_entries(self, entries: list[RateEntry], warning: str) -> None:
        self.entries = entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = [format_date(entry.start)] + [format_number(r) for r in entry.rates]
            cells += [entry.source, _("you") if entry.yours else "Relance"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 0 < column <= len(entry.rates):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == len(cells) - 2:
                    item.setToolTip(entry.source)
                self.table.setItem(row, column, item)
        self.warning.setText(warning)
        self.warning.setVisible(bool(warning))
        self._selected()

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        entry = self.entries[rows[0].row()] if rows else None
        self.remove_button.setEnabled(entry is not None and entry.yours)
        if entry is not None:
            self.start.set_value(entry.start)
            for edit, rate in zip(self.rates, entry.rates, strict=True):
                edit.set_value(rate)
            self.source.setText(entry.source)

    def save(self) -> None:
        problems: list[Problem] = []
        rates = [
            parse_field(edit, column, problems, required=True)
            for edit, column in zip(self.rates, self.spec.columns[1:], strict=True)
        ]
        if problems:
            from app.domain.errors import InvalidInput

            self.errors.show(InvalidInput(problems))
            return
        self.errors.clear()
        start, source = self.start.value(), self.source.text()
        self.dialog.run(
            lambda: self.dialog.rates.save(self.spec.file, start, rates, source), self.errors.show
        )

    def remove(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not self.entries[rows[0].row()].yours:
            return
        entry = self.entries[rows[0].row()]
        answer = QMessageBox.question(
            self,
            _("Remove a rate"),
            _(
                "Remove the rate of {day} that you added? The rate shipped with Relance for that "
                "date, if any, applies again."
            ).format(day=format_date(entry.start)),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.dialog.run(
                lambda: self.dialog.rates.remove(self.spec.file, entry.start), self.errors.show
            )


class RatesDialog(QDialog):
    def __init__(
        self, rates: RateSettings, context: ViewContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.rates = rates
        self.setWindowTitle(_("Late-payment rates"))
        self.resize(860, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "The claims compute late interest from these tables. Add the new rate "
                "each half-year when it is published; a row you add replaces the one "
                "shipped with Relance for the same date."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tabs = QTabWidget()
        self.pages: dict[str, RateTab] = {}
        for spec in TABLES.values():
            page = RateTab(self, spec)
            self.pages[spec.file] = page
            self.tabs.addTab(page, _(spec.short_title))
            self.tabs.setTabToolTip(self.tabs.count() - 1, _(spec.title))
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        today = self.context.today()

        def read() -> tuple[dict[str, list[RateEntry]], dict[str, str]]:
            return ({name: self.rates.entries(name) for name in TABLES}, self.rates.missing(today))

        self.context.tasks.run(read, self._show, self._failed)

    def _show(self, result: tuple[dict[str, list[RateEntry]], dict[str, str]]) -> None:
        entries, missing = result
        for name, page in self.pages.items():
            page.show_entries(entries[name], missing.get(name, ""))

    def _failed(self, error: Exception) -> None:
        QMessageBox.warning(self, _("Late-payment rates"), explain(error))

    def run(self, fn: Any, on_error: Any) -> None:
        def done(_result: object) -> None:
            from app.services.changes import SETTINGS

            self.context.bus.publish(SETTINGS)  # until RateSettings returns its Changes
            self.reload()

        self.context.tasks.run(fn, done, on_error, write=True)
