"""The invoice list's filters: the questions of the weekly review, all answered in SQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.domain.filters import CREDIT_NOTE, UNPAID, InvoiceFilter
from app.i18n import N_, _
from app.ui.context import ViewContext
from app.ui.needs import LedgerNeeds
from app.ui.theme import colour
from app.ui.widgets.client_picker import ClientPicker
from app.ui.widgets.fit import fit_placeholder
from app.ui.widgets.forms import AmountEdit, DateEdit

STATUS_CHOICES = (  # whole phrases: one gender and number in every language
    ("", N_("All invoices")),
    (UNPAID, N_("Unpaid invoices")),
    ("open", N_("Open invoices")),
    ("partially_paid", N_("Partially paid invoices")),
    ("overdue", N_("Overdue invoices")),
    ("disputed", N_("Disputed invoices")),
    ("paid", N_("Paid invoices")),
    ("written_off", N_("Written-off invoices")),
    (CREDIT_NOTE, N_("Credit notes")),
)
BUCKET_CHOICES = (
    ("", N_("Any")),
    ("current", N_("Not yet due")),
    ("1-30", N_("1–30 days late")),
    ("31-60", N_("31–60 days late")),
    ("61-90", N_("61–90 days late")),
    ("over_90", N_("Over 90 days late")),
)


class InvoiceFilterBar(QWidget):
    changed = Signal()

    def __init__(self, services: LedgerNeeds, context: ViewContext) -> None:
        super().__init__()
        self.context = context
        self.text = QLineEdit()
        self.text.setPlaceholderText(_("Number, reference or client…"))
        self.text.setClearButtonEnabled(True)
        self.status = QComboBox()
        for key, label in STATUS_CHOICES:
            self.status.addItem(_(label), key)
        self.bucket = QComboBox()
        for key, label in BUCKET_CHOICES:
            self.bucket.addItem(_(label), key)
        self.client = ClientPicker(
            services.clients.choices,
            lambda fn, done: context.tasks.run(fn, done, context.show_error),
        )
        self.due_on = QCheckBox(_("Due between"))
        today = context.today()
        self.due_from = DateEdit(date(today.year, 1, 1))
        self.due_to = DateEdit(today)
        self.amount_min = AmountEdit()
        self.amount_min.setPlaceholderText(_("min"))
        self.amount_max = AmountEdit()
        self.amount_max.setPlaceholderText(_("max"))
        fit_placeholder(self.amount_min)
        fit_placeholder(self.amount_max)
        self.currency = QLineEdit()
        self.currency.setPlaceholderText(_("all"))
        self.currency.setMaxLength(3)
        fit_placeholder(self.currency)  # "toutes" is wider than "all"
        self.currency.setMaximumWidth(self.currency.minimumWidth())
        self.reset_button = QPushButton(_("Clear filters"))
        self.reset_button.clicked.connect(self.reset)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.text, 0, 0, 1, 2)
        grid.addWidget(QLabel(_("Status")), 0, 2)
        grid.addWidget(self.status, 0, 3)
        grid.addWidget(QLabel(_("Lateness")), 0, 4)
        grid.addWidget(self.bucket, 0, 5)
        grid.addWidget(QLabel(_("Client")), 0, 6)
        grid.addWidget(self.client, 0, 7, 1, 3)
        grid.addWidget(self.due_on, 1, 0)
        row = QWidget()
        dates = QHBoxLayout(row)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.due_from)
        dates.addWidget(QLabel(_("and")))
        dates.addWidget(self.due_to)
        grid.addWidget(row, 1, 1)
        grid.addWidget(QLabel(_("Amount")), 1, 2)
        amounts = QWidget()
        box = QHBoxLayout(amounts)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.amount_min)
        box.addWidget(QLabel("–"))
        box.addWidget(self.amount_max)
        grid.addWidget(amounts, 1, 3)
        grid.addWidget(QLabel(_("Currency")), 1, 4)
        grid.addWidget(self.currency, 1, 5)
        grid.addWidget(self.reset_button, 1, 9)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(7, 2)

        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.changed)
        for edit in (self.text, self.amount_min, self.amount_max, self.currency):
            edit.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.status, self.bucket):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.client.changed.connect(lambda _c: self.changed.emit())
        self.due_on.toggled.connect(lambda _on: self.changed.emit())
        for date_edit in (self.due_from, self.due_to):
            date_edit.dateChanged.connect(
                lambda _d: self.changed.emit() if self.due_on.isChecked() else None
            )
        self.due_on.toggled.connect(self.due_from.setEnabled)
        self.due_on.toggled.connect(self.due_to.setEnabled)
        self.due_from.setEnabled(False)
        self.due_to.setEnabled(False)

    def _amount(self, edit: AmountEdit) -> Decimal | None:
        try:
            value = edit.value()
        except ValueError:
            edit.setStyleSheet(f"border: 1px solid {colour('warning').name()};")
            return None
        edit.setStyleSheet("")
        return value

    def value(self) -> InvoiceFilter:
        status = self.status.currentData()
        currency = self.currency.text().strip().upper()
        return InvoiceFilter(
            text=self.text.text().strip(),
            client_id=self.client.client_id(),
            statuses=frozenset({status}) if status else frozenset(),
            bucket=self.bucket.currentData() or None,
            due_from=self.due_from.value() if self.due_on.isChecked() else None,
            due_to=self.due_to.value() if self.due_on.isChecked() else None,
            amount_min=self._amount(self.amount_min),
            amount_max=self._amount(self.amount_max),
            currency=currency if len(currency) == 3 else None,
        )

    def set_value(self, flt: InvoiceFilter, client_label: tuple[str, str] | None = None) -> None:
        """Show a filter chosen elsewhere (aging, client page) without firing one change each."""
        widgets = (
            self.text,
            self.status,
            self.bucket,
            self.client,
            self.due_on,
            self.due_from,
            self.due_to,
            self.amount_min,
            self.amount_max,
            self.currency,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.text.setText(flt.text)
        status = next(iter(flt.statuses), "") if flt.statuses else (UNPAID if flt.open_only else "")
        self.status.setCurrentIndex(max(0, self.status.findData(status)))
        self.bucket.setCurrentIndex(max(0, self.bucket.findData(flt.bucket or "")))
        code, name = client_label or ("", "")
        self.client.set_client(flt.client_id, code, name)
        self.due_on.setChecked(flt.due_from is not None or flt.due_to is not None)
        if flt.due_from:
            self.due_from.set_value(flt.due_from)
        if flt.due_to:
            self.due_to.set_value(flt.due_to)
        self.amount_min.set_value(flt.amount_min)
        self.amount_max.set_value(flt.amount_max)
        self.currency.setText(flt.currency or "")
        for widget in widgets:
            widget.blockSignals(False)
        self.due_from.setEnabled(self.due_on.isChecked())
        self.due_to.setEnabled(self.due_on.isChecked())

    def reset(self) -> None:
        self.set_value(InvoiceFilter())
        self.changed.emit()
