"""Payment plan (échéancier) of one invoice: split what is left to pay, edit, agree, cancel, and
the agreement letter to sign as a PDF."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import InvalidInput, Problem
from app.domain.ledger.instalments import DAYS, MONTHS, WEEKS, Part, split_evenly
from app.domain.money import parse_amount
from app.i18n import _, current_language
from app.services.ledger.payment_plans import PlanDraft
from app.ui.context import ViewContext
from app.ui.widgets.format import day, money
from app.ui.widgets.tables import fit_titles


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PaymentPlanDialog(QDialog):
    def __init__(
        self, services: Any, context: ViewContext, invoice_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self.context, self.invoice_id = services, context, invoice_id
        self.draft: PlanDraft | None = None
        self.setWindowTitle(_("Payment plan"))
        self.resize(560, 520)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: 600;")
        self.in_force = QLabel()
        self.in_force.setWordWrap(True)
        today = context.today()
        self.count = QSpinBox()
        self.count.setRange(1, 120)
        self.count.setValue(3)
        self.first_due = QDateEdit(_qdate(today + timedelta(days=30)))
        self.first_due.setCalendarPopup(True)
        self.first_due.setDisplayFormat("dd/MM/yyyy")
        self.every = QSpinBox()
        self.every.setRange(1, 365)
        self.unit = QComboBox()
        for unit, label in ((MONTHS, _("month(s)")), (WEEKS, _("week(s)")), (DAYS, _("day(s)"))):
            self.unit.addItem(label, unit)
        self.split_button = QPushButton(_("Split evenly"))
        self.split_button.setToolTip(_("Equal instalments; the cents left over go on the last"))
        self.split_button.clicked.connect(self.split)
        every = QHBoxLayout()
        every.addWidget(self.every)
        every.addWidget(self.unit)
        every.addStretch(1)
        form = QFormLayout()
        form.addRow(_("Instalments"), self.count)
        form.addRow(_("First due date"), self.first_due)
        form.addRow(_("Every"), every)
        form.addRow("", self.split_button)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([_("Due date"), _("Amount")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 160)
        fit_titles(self.table)
        self.table.itemChanged.connect(lambda _item: self._show_total())
        self.total = QLabel()
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("e.g. agreed by phone with the accountant"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.agree_button = QPushButton(_("Agree the plan"))
        self.agree_button.setDefault(True)
        self.agree_button.clicked.connect(self.agree)
        self.cancel_button = QPushButton(_("Cancel the plan in force…"))
        self.cancel_button.clicked.connect(self.cancel_plan)
        self.pdf_button = QPushButton(_("Agreement to sign (PDF)…"))
        self.pdf_button.clicked.connect(lambda: self.write_pdf())
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.agree_button, self.cancel_button, self.pdf_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.in_force)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addWidget(QLabel(_("Note")))
        layout.addWidget(self.note)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._set_enabled(False)
        self.reload()

    # -- loading ----------------------------------------------------------------------
    def reload(self) -> None:
        today = self.context.today()
        self.context.tasks.run(
            lambda: self.services.plans.draft(self.invoice_id, today, count=0),
            self._loaded,
            self.context.show_error,
        )

    def _loaded(self, draft: PlanDraft) -> None:
        self.draft = draft
        self.heading.setText(
            _("Invoice {number}: {balance} left to pay").format(
                number=draft.number, balance=money(draft.balance, draft.currency)
            )
        )
        current = draft.current
        if current is not None:
            self.in_force.setText(
                _("Plan in force, agreed on {date}: {count} instalments.").format(
                    date=day(current.agreed_on), count=len(current.parts)
                )
            )
            self.note.setText(current.note)
            self.count.setValue(len(current.parts))
            self.first_due.setDate(_qdate(current.parts[0].due_date))
            self._fill(list(current.parts))
        else:
            self.in_force.setText(_("No plan in force: the invoice follows its own due date."))
            self.split()
        self._set_enabled(True)

    def _set_enabled(self, loaded: bool) -> None:
        has_plan = bool(loaded and self.draft and self.draft.current)
        self.agree_button.setEnabled(loaded)
        self.split_button.setEnabled(loaded)
        self.cancel_button.setEnabled(has_plan)
        self.pdf_button.setEnabled(has_plan)

    # -- the instalments --------------------------------------------------------------
    def split(self) -> None:
        if self.draft is None:
            return
        parts = split_evenly(
            self.draft.balance,
            self.count.value(),
            _pydate(self.first_due.date()),
            self.every.value(),
            self.unit.currentData(),
            self.draft.currency,
        )
        self._fill(parts)

    def _fill(self, parts: list[Part]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(parts))
        for row, part in enumerate(parts):
            self.table.setItem(row, 0, QTableWidgetItem(part.due_date.strftime("%d/%m/%Y")))
            text = f"{part.amount:f}"
            if current_language() == "fr":
                text = text.replace(".", ",")
            amount = QTableWidgetItem(text)
            amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, amount)
        self.table.blockSignals(False)
        self._show_total()

    def parts(self) -> list[Part]:
        """The instalments as edited; every cell that cannot be read is named."""
        parts, problems = [], []
        for row in range(self.table.rowCount()):
            due_text = (self.table.item(row, 0) or QTableWidgetItem()).text().strip()
            amount_text = (self.table.item(row, 1) or QTableWidgetItem()).text().strip()
            try:
                due = date(*reversed([int(x) for x in due_text.split("/")]))  # type: ignore[misc]
            except (TypeError, ValueError):
                problem = Problem(_("not a date (dd/mm/yyyy)"), line=row + 1, column=_("Due date"))
                problems.append(problem)
                continue
            try:
                amount = parse_amount(amount_text)
            except ValueError:
                problems.append(Problem(_("not an amount"), line=row + 1, column=_("Amount")))
                continue
            parts.append(Part(due, amount))
        if problems:
            raise InvalidInput(problems)
        return parts

    def _show_total(self) -> None:
        if self.draft is None:
            return
        try:
            total = sum((p.amount for p in self.parts()), Decimal(0))
        except InvalidInput:
            self.total.setText(_("Some instalments cannot be read"))
            return
        text = _("Total of the instalments: {total}").format(
            total=money(total, self.draft.currency)
        )
        if total != self.draft.balance:
            text += " — " + _("{gap} from what is left to pay").format(
                gap=money(total - self.draft.balance, self.draft.currency)
            )
        self.total.setText(text)

    # -- actions ----------------------------------------------------------------------
    def agree(self) -> None:
        try:
            parts = self.parts()
        except InvalidInput as error:
            self.context.show_error(error)
            return
        today, note = self.context.today(), self.note.text().strip()
        self.context.tasks.run(
            lambda: self.services.plans.agree(self.invoice_id, today, parts, note),
            lambda _plan: self._after(_("Plan agreed.")),
            self.context.show_error,
            write=True,
        )

    def cancel_plan(self) -> None:
        answer = QMessageBox.question(
            self,
            _("Payment plan"),
            _("Cancel the plan in force? The invoice is followed up on its own due date again."),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        today = self.context.today()
        self.context.tasks.run(
            lambda: self.services.plans.cancel(self.invoice_id, today),
            lambda _changes: self._after(_("Plan cancelled.")),
            self.context.show_error,
            write=True,
        )

    def _after(self, message: str) -> None:
        self.status.setText(message)
        self.reload()

    def write_pdf(self, path: str | None = None) -> None:
        if self.draft is None:
            return
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self,
                _("Agreement to sign"),
                _("payment-plan-{number}.pdf").format(number=self.draft.number),
                _("PDF (*.pdf)"),
            )
            if not path:
                return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        target, today = Path(path), self.context.today()

        def written(done: Path) -> None:
            self.status.setText(_("Saved: {path}").format(path=str(done)))
            open_file(done)

        self.context.tasks.run(
            lambda: self.services.plans.agreement_pdf(self.invoice_id, target, today),
            written,
            self.context.show_error,
        )
