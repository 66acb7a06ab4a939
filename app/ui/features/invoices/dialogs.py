"""Create or edit an invoice; the due date follows the client's terms until typed by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.domain.errors import InvalidInput, Problem
from app.i18n import _
from app.services.ledger.invoices import InvoiceData, InvoiceDetail
from app.ui.context import ViewContext
from app.ui.needs import LedgerNeeds
from app.ui.theme import set_tone
from app.ui.widgets.client_picker import ClientPicker
from app.ui.widgets.dialogs import ServiceDialog
from app.ui.widgets.forms import AmountEdit, DateEdit, parse_field


class InvoiceDialog(ServiceDialog):
    def __init__(
        self,
        services: LedgerNeeds,
        context: ViewContext,
        detail: InvoiceDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = (
            _("Edit invoice {number}").format(number=detail.data.number)
            if detail
            else _("New invoice")
        )
        super().__init__(context.tasks, title, parent)
        self.services = services
        self.context = context
        self.detail = detail
        self.due_typed = detail is not None
        self.attachment = ""
        self.resize(560, 540)
        form = QFormLayout()
        self.body.addLayout(form)
        today = context.today()
        self.number = QLineEdit()
        self.client = ClientPicker(
            services.clients.choices,
            lambda fn, done: context.tasks.run(fn, done, context.show_error),
        )
        self.issue_date = DateEdit(today)
        self.due_date = DateEdit(today)
        self.due_hint = QLabel()
        set_tone(self.due_hint, "muted")
        self.currency = QLineEdit(context.currency)
        self.currency.setMaxLength(3)
        self.total = AmountEdit()
        self.net_amount = AmountEdit()
        self.tax_amount = AmountEdit()
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(_("Purchase order, contract…"))
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(56)
        self.discount_percent = QLineEdit()
        self.discount_percent.setPlaceholderText("0")
        self.discount_percent.setMaximumWidth(70)
        self.discount_days = QSpinBox()
        self.discount_days.setRange(0, 365)
        self.discount_days.setSuffix(_(" days"))
        self.interest = QLineEdit()
        self.interest.setPlaceholderText(_("company rate"))
        self.attach_button = QPushButton(_("Attach the original PDF…"))
        self.attach_button.clicked.connect(self._choose_pdf)
        self.attach_label = QLabel()

        e = self.errors
        e.add_row(form, _("Number"), self.number, "number")
        e.add_row(form, _("Client"), self.client, "client")
        e.add_row(form, _("Issue date"), self.issue_date, "issue_date")
        due = QWidget()
        due_box = QHBoxLayout(due)
        due_box.setContentsMargins(0, 0, 0, 0)
        due_box.addWidget(self.due_date)
        due_box.addWidget(self.due_hint, 1)
        e.add_row(form, _("Due date"), due, "due_date")
        e.add_row(form, _("Total incl. tax"), self.total, "total")
        e.add_row(form, _("Currency"), self.currency, "currency")
        e.add_row(form, _("Net amount"), self.net_amount, "net_amount")
        e.add_row(form, _("Tax"), self.tax_amount, "tax_amount")
        e.add_row(form, _("Reference"), self.reference, "reference")
        e.add_row(form, _("Description"), self.description, "description")
        discount = QWidget()
        d_box = QHBoxLayout(discount)
        d_box.setContentsMargins(0, 0, 0, 0)
        d_box.addWidget(self.discount_percent)
        d_box.addWidget(QLabel(_("% if paid within")))
        d_box.addWidget(self.discount_days)
        d_box.addStretch(1)
        e.add_row(form, _("Early-payment discount"), discount, "discount_percent")
        e.fields["discount_days"] = (self.discount_days, e.fields["discount_percent"][1])
        e.add_row(form, _("Late interest rate (%)"), self.interest, "late_interest_rate")
        attach = QWidget()
        a_box = QHBoxLayout(attach)
        a_box.setContentsMargins(0, 0, 0, 0)
        a_box.addWidget(self.attach_button)
        a_box.addWidget(self.attach_label, 1)
        e.add_row(form, _("Original"), attach, "attachment")

        self.body.addStretch(1)
        self.client.changed.connect(lambda _c: self._suggest_due())
        self.issue_date.dateChanged.connect(lambda _d: self._suggest_due())
        self.due_date.dateChanged.connect(self._due_edited)
        if detail is not None:
            self._load(detail)
        else:
            context.tasks.run(
                services.invoices.next_number, self.number.setText, context.show_error
            )
        self.number.setFocus()

    def _load(self, detail: InvoiceDetail) -> None:
        d = detail.data
        self.number.setText(d.number)
        self.client.set_client(d.client_id, detail.client_code, detail.client_name)
        for widget in (self.issue_date, self.due_date):
            widget.blockSignals(True)
        self.issue_date.set_value(d.issue_date)
        if d.due_date:
            self.due_date.set_value(d.due_date)
        for widget in (self.issue_date, self.due_date):
            widget.blockSignals(False)
        self.currency.setText(d.currency)
        self.total.set_value(d.total)
        self.net_amount.set_value(d.net_amount)
        self.tax_amount.set_value(d.tax_amount)
        self.reference.setText(d.reference)
        self.description.setPlainText(d.description)
        self.discount_percent.setText(str(d.discount_percent or ""))
        self.discount_days.setValue(d.discount_days or 0)
        self.interest.setText(str(d.late_interest_rate or ""))
        if detail.attachment_path:
            self.attach_label.setText(Path(detail.attachment_path).name)

    def _suggest_due(self) -> None:
        client_id = self.client.client_id()
        if client_id is None or self.due_typed:
            return
        issued = self.issue_date.value()
        self.context.tasks.run(
            lambda: self.services.invoices.suggest_due_date(client_id, issued),
            self._set_due,
            self.context.show_error,
        )

    def _set_due(self, due: date) -> None:
        self.due_date.blockSignals(True)
        self.due_date.set_value(due)
        self.due_date.blockSignals(False)
        self.due_hint.setText(_("from the client's terms"))

    def _due_edited(self, _value: Any) -> None:
        self.due_typed = True
        self.due_hint.setText(_("typed by hand"))

    def _choose_pdf(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Original invoice"), "", _("PDF files (*.pdf)")
        )
        if path:
            self.set_attachment(path)

    def set_attachment(self, path: str) -> None:
        self.attachment = path
        self.attach_label.setText(Path(path).name)

    @staticmethod
    def _percent(edit: QLineEdit, column: str, problems: list[Problem]) -> Decimal | None:
        text = edit.text().strip().replace(",", ".").rstrip("%").strip()
        if not text:
            return None
        try:
            return Decimal(text)
        except InvalidOperation:
            problems.append(Problem(_("write a percentage such as 2,5"), column=column))
            return None

    def data(self) -> InvoiceData:
        problems: list[Problem] = []
        total = parse_field(self.total, "total", problems, required=True)
        net = parse_field(self.net_amount, "net_amount", problems)
        tax = parse_field(self.tax_amount, "tax_amount", problems)
        discount = self._percent(self.discount_percent, "discount_percent", problems)
        rate = self._percent(self.interest, "late_interest_rate", problems)
        if self.attachment and not Path(self.attachment).is_file():
            problems.append(Problem(_("this file no longer exists"), column="attachment"))
        if problems:
            raise InvalidInput(problems)
        data = InvoiceData(
            number=self.number.text(),
            client_id=self.client.client_id(),
            issue_date=self.issue_date.value(),
            total=total or Decimal(0),
            due_date=self.due_date.value(),
            currency=self.currency.text(),
            net_amount=net,
            tax_amount=tax,
            reference=self.reference.text(),
            description=self.description.toPlainText(),
            discount_percent=discount,
            discount_days=self.discount_days.value() or None,
            late_interest_rate=rate,
        )
        if self.detail is not None:
            data = replace(data, id=self.detail.data.id, version=self.detail.data.version)
        return data

    def save(self) -> None:
        try:
            data = self.data()
        except InvalidInput as error:
            self.errors.show(error)
            return
        invoices, actions = self.services.invoices, self.services.invoice_actions
        today, attachment = self.context.today(), self.attachment

        def write() -> InvoiceDetail:
            saved = invoices.update(data, today) if data.id else invoices.create(data, today)
            if attachment:
                actions.attach(saved.id, attachment)
            return saved

        self.submit(write)
