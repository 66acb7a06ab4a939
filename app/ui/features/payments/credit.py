"""Apply a client's leftover credit (payment remainder or credit note) to open invoices."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from app.domain.errors import InvalidInput, Problem
from app.i18n import _
from app.ui.context import ViewContext
from app.ui.needs import LedgerNeeds
from app.ui.undo import Undoable
from app.ui.widgets.dialogs import ServiceDialog
from app.ui.widgets.format import day, money
from app.ui.widgets.forms import AmountEdit, DateEdit, parse_field
from app.ui.widgets.header_memory import remember_header
from app.ui.widgets.table_model import Column, RowsModel
from app.ui.widgets.tables import make_table


class ApplyCreditDialog(ServiceDialog):
    def __init__(
        self,
        services: LedgerNeeds,
        context: ViewContext,
        client_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context.tasks, _("Apply credit"), parent)
        self.services, self.context, self.client_id = services, context, client_id
        self.resize(660, 560)
        self.credits = RowsModel(
            [
                Column(_("Date"), lambda c: day(c.date)),
                Column(
                    _("Source"),
                    lambda c: (
                        _("Payment {reference}")
                        if c.source_kind == "payment"
                        else _("Credit note {reference}")
                    ).format(reference=c.label),
                ),
                Column(_("Available"), lambda c: money(c.remaining, c.currency), right=True),
            ],
            self,
        )
        self.invoices = RowsModel(
            [
                Column(_("Invoice"), lambda i: i.number),
                Column(_("Due"), lambda i: day(i.due_date)),
                Column(_("Left to pay"), lambda i: money(i.balance, i.currency), right=True),
            ],
            self,
        )
        self.credit_table = make_table()
        self.credit_table.setModel(self.credits)
        self.invoice_table = make_table()
        self.invoice_table.setModel(self.invoices)
        for table in (self.credit_table, self.invoice_table):
            table.setColumnWidth(0, 100)
            table.setColumnWidth(1, 200)
        remember_header(self.credit_table, "credit_sources", context.window_settings)
        remember_header(self.invoice_table, "credit_invoices", context.window_settings)
        self.body.addWidget(QLabel(_("1. The credit to use")))
        self.body.addWidget(self.credit_table)
        self.body.addWidget(QLabel(_("2. The invoice it settles")))
        self.body.addWidget(self.invoice_table)
        form = QFormLayout()
        self.body.addLayout(form)
        self.amount = AmountEdit()
        self.date = DateEdit(context.today())
        self.errors.add_row(form, _("Amount"), self.amount, "amount")
        self.errors.add_row(form, _("Date"), self.date, "date")
        self.errors.fields["invoice"] = (self.invoice_table, self.errors.fields["amount"][1])
        self.errors.fields["allocation"] = self.errors.fields["invoice"]
        all_row = QHBoxLayout()
        self.automatic = QPushButton(_("Apply all credit to the oldest invoices"))
        self.automatic.clicked.connect(self._automatic)
        all_row.addWidget(self.automatic)
        all_row.addStretch(1)
        self.body.addLayout(all_row)
        self.credit_table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._suggest())
        self.invoice_table.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self._suggest()
        )
        context.tasks.run(
            lambda: (services.payments.credits(client_id), services.payments.open_items(client_id)),
            self._loaded,
            context.show_error,
        )

    def _loaded(self, result: tuple[list[Any], list[Any]]) -> None:
        credits, invoices = result
        self.credits.set_rows(credits)
        self.invoices.set_rows(invoices)
        if credits:
            self.credit_table.selectRow(0)
        if invoices:
            self.invoice_table.selectRow(0)

    def _selected(self, table: Any, model: RowsModel) -> Any:
        index = table.currentIndex()
        return model.row(index.row()) if index.isValid() else None

    def _suggest(self) -> None:
        credit = self._selected(self.credit_table, self.credits)
        invoice = self._selected(self.invoice_table, self.invoices)
        if credit is not None and invoice is not None:
            self.amount.set_value(min(credit.remaining, invoice.balance))

    def save(self) -> None:
        problems: list[Problem] = []
        amount = parse_field(self.amount, "amount", problems, required=True)
        credit = self._selected(self.credit_table, self.credits)
        invoice = self._selected(self.invoice_table, self.invoices)
        if credit is None or invoice is None:
            problems.append(Problem(_("choose a credit and an invoice")))
        if problems or amount is None:
            self.errors.show(InvalidInput(problems))
            return
        on = self.date.value()
        history = self.services.allocation_undo
        what = _("allocation of {amount} to {number}").format(
            amount=money(amount, credit.currency), number=invoice.number
        )
        self.submit(
            lambda: history.apply_credit(
                credit.source_kind, credit.source_id, invoice.invoice_id, amount, on
            ),
            lambda change: self.context.bus.undoable.emit(
                Undoable(what, lambda: history.undo(change))
            ),
        )

    def _automatic(self) -> None:
        on = self.date.value()
        self.submit(
            lambda: self.services.payments.apply_credits_automatically(self.client_id, on),
            lambda _applied: self.context.bus.undoable.emit(None),  # not undone by Ctrl+Z
        )
