"""Record a payment: oldest invoices first, chosen by hand, or kept as the client's credit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from app.domain.errors import InvalidInput, Problem
from app.domain.ledger.allocation import oldest_first
from app.domain.money import ZERO
from app.i18n import N_, _
from app.services.ledger.payments import AUTO, CREDIT, PaymentDraft
from app.ui.context import ViewContext
from app.ui.features.payments.model import AllocationModel
from app.ui.needs import LedgerNeeds
from app.ui.theme import set_tone
from app.ui.undo import Undoable
from app.ui.widgets.client_picker import ClientPicker
from app.ui.widgets.dialogs import ServiceDialog
from app.ui.widgets.format import money
from app.ui.widgets.forms import AmountEdit, DateEdit, parse_field
from app.ui.widgets.header_memory import remember_header
from app.ui.widgets.tables import make_table, scaled

METHODS = (N_("Bank transfer"), N_("Cheque"), N_("Card"), N_("Direct debit"), N_("Cash"))
BY_HAND = "by_hand"


class PaymentDialog(ServiceDialog):
    def __init__(
        self, services: LedgerNeeds, context: ViewContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(context.tasks, _("Record a payment"), parent)
        self.services = services
        self.context = context
        self.resize(680, 620)
        self._preselected: int | None = None
        form = QFormLayout()
        self.body.addLayout(form)
        self.client = ClientPicker(
            services.clients.choices,
            lambda fn, done: context.tasks.run(fn, done, context.show_error),
        )
        self.date = DateEdit(context.today())
        self.amount = AmountEdit()
        self.currency = QLineEdit(context.currency)
        self.currency.setMaxLength(3)
        self.currency.setFixedWidth(60)
        self.method = QComboBox()
        self.method.setEditable(True)
        for label in METHODS:
            self.method.addItem(_(label))
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(_("Bank statement line, cheque number…"))
        e = self.errors
        e.add_row(form, _("Client"), self.client, "client")
        e.add_row(form, _("Date received"), self.date, "date")
        amount = QWidget()
        box = QHBoxLayout(amount)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.amount, 1)
        box.addWidget(self.currency)
        e.add_row(form, _("Amount"), amount, "amount")
        e.add_row(form, _("Method"), self.method, "method")
        e.add_row(form, _("Reference"), self.reference, "reference")

        self.mode = QButtonGroup(self)
        modes = QHBoxLayout()
        for key, label in (
            (AUTO, _("Oldest invoices first")),
            (BY_HAND, _("Choose the invoices")),
            (CREDIT, _("Keep it as credit")),
        ):
            button = QRadioButton(label)
            button.setProperty("mode", key)
            self.mode.addButton(button)
            modes.addWidget(button)
        self.mode.buttons()[0].setChecked(True)
        modes.addStretch(1)
        self.fill = QPushButton(_("Fill oldest first"))
        self.fill.clicked.connect(self._fill_oldest)
        modes.addWidget(self.fill)
        self.body.addLayout(modes)
        self.model = AllocationModel(context.today(), self)
        self.table = make_table()
        self.table.setModel(self.model)
        for column, width in enumerate((130, 90, 120, 130, 120)):
            self.table.setColumnWidth(column, scaled(width, self.table))
        remember_header(self.table, "payment_allocations", context.window_settings)
        container = QWidget()
        box = QHBoxLayout(container)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.table)
        allocation_form = QFormLayout()
        allocation_form.setContentsMargins(0, 0, 0, 0)
        self.body.addLayout(allocation_form)
        e.add_row(allocation_form, "", container, "allocation")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.body.addWidget(self.summary)

        self.client.changed.connect(lambda _c: self._load_items())
        self.currency.editingFinished.connect(self._load_items)
        self.amount.textChanged.connect(lambda _t: self._amount_changed())
        self.mode.buttonToggled.connect(lambda _b, on: self._mode_changed() if on else None)
        self.model.parts_changed.connect(self._summarise)
        self._mode_changed()

    def mode_key(self) -> str:
        checked = self.mode.checkedButton()
        return str(checked.property("mode")) if checked else AUTO

    def set_mode(self, key: str) -> None:
        for button in self.mode.buttons():
            if button.property("mode") == key:
                button.setChecked(True)

    def preselect(self, invoice_id: int) -> None:
        """Opened from an invoice: that invoice, its balance, chosen by hand."""
        self._preselected = invoice_id
        self.set_mode(BY_HAND)

    def _amount_value(self) -> Decimal | None:
        try:
            return self.amount.value()
        except ValueError:
            return None

    def _load_items(self) -> None:
        client_id = self.client.client_id()
        if client_id is None:
            self.model.set_items([])
            return
        currency = self.currency.text().strip().upper() or self.context.currency
        self.context.tasks.run(
            lambda: self.services.payments.open_items(client_id, currency),
            self._items_loaded,
            self.context.show_error,
        )

    def _items_loaded(self, items: list[Any]) -> None:
        self.model.set_items(items)
        if self._preselected is not None:
            item = next((i for i in items if i.invoice_id == self._preselected), None)
            self._preselected = None
            if item is not None:
                if self._amount_value() is None:
                    self.amount.set_value(item.balance)
                self.model.set_parts({item.invoice_id: item.balance})
                return
        self._amount_changed()

    def _mode_changed(self) -> None:
        mode = self.mode_key()
        self.model.editable = mode == BY_HAND
        self.fill.setEnabled(mode == BY_HAND)
        self._amount_changed()

    def _amount_changed(self) -> None:
        mode = self.mode_key()
        if mode == AUTO:
            self._fill_oldest()
        elif mode == CREDIT:
            self.model.set_parts({})
        else:
            self._summarise()

    def _fill_oldest(self) -> None:
        amount = self._amount_value() or ZERO
        items = [(i.invoice_id, i.due_date, i.balance) for i in self.model.items if not i.disputed]
        self.model.set_parts(dict(oldest_first(items, amount)))

    def _summarise(self) -> None:
        amount = self._amount_value()
        currency = self.currency.text().strip().upper() or self.context.currency
        if amount is None:
            self.summary.setText(_("Type the amount received."))
            set_tone(self.summary, None)
            return
        allocated = self.model.allocated()
        leftover = amount - allocated
        text = _("Allocated: {allocated} · stays as the client's credit: {left}").format(
            allocated=money(allocated, currency), left=money(max(leftover, ZERO), currency)
        )
        tone = None
        if leftover > 0 and self.mode_key() != CREDIT:
            open_total = sum((i.balance for i in self.model.items), ZERO)
            if amount > open_total:
                text += "\n" + _(
                    "The payment is larger than everything open ({open}): the "
                    "rest stays as credit and can be applied later."
                ).format(open=money(open_total, currency))
                tone = "dispute"
        if leftover < 0:
            text += "\n" + _("The parts add up to more than the payment.")
            tone = "warning"
        self.summary.setText(text)
        set_tone(self.summary, tone)

    def draft(self) -> PaymentDraft:
        problems: list[Problem] = []
        amount = parse_field(self.amount, "amount", problems, required=True)
        client_id = self.client.client_id()
        if client_id is None:
            problems.append(Problem(_("choose the client"), column="client"))
        if problems:
            raise InvalidInput(problems)
        mode = self.mode_key()
        allocation: Any = mode if mode in (AUTO, CREDIT) else self.model.chosen()
        return PaymentDraft(
            client_id=client_id or 0,
            date=self.date.value(),
            amount=amount or ZERO,
            currency=self.currency.text().strip().upper(),
            method=self.method.currentText(),
            reference=self.reference.text(),
            allocation=allocation,
        )

    def save(self) -> None:
        try:
            draft = self.draft()
        except InvalidInput as error:
            self.errors.show(error)
            return
        history = self.services.allocation_undo
        what = _("payment of {amount} recorded").format(
            amount=money(draft.amount, draft.currency or self.context.currency)
        )
        self.submit(
            lambda: history.record(draft),
            lambda recorded: self.context.bus.undoable.emit(
                Undoable(what, lambda: history.undo_record(recorded))
            ),
        )
