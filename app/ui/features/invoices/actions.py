"""Small dialogs for one invoice: dispute, pause reminders, write off, credit note."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from app.domain.errors import InvalidInput, Problem
from app.i18n import _
from app.services.ledger.invoices import InvoiceDetail
from app.ui.context import ViewContext
from app.ui.needs import LedgerNeeds
from app.ui.widgets.dialogs import ServiceDialog
from app.ui.widgets.format import money
from app.ui.widgets.forms import AmountEdit, DateEdit, parse_field


def _heading(detail: InvoiceDetail) -> QLabel:
    d = detail.data
    label = QLabel(
        _("Invoice {number} — {client} — left to pay {balance}").format(
            number=d.number, client=detail.client_name, balance=money(detail.balance, d.currency)
        )
    )
    label.setWordWrap(True)
    label.setStyleSheet("font-weight: 600;")
    return label


class DisputeDialog(ServiceDialog):
    """Mark disputed with what the client contests, or resolve an open dispute."""

    def __init__(
        self,
        services: LedgerNeeds,
        context: ViewContext,
        detail: InvoiceDetail,
        parent: QWidget | None = None,
    ) -> None:
        resolving = detail.disputed
        super().__init__(
            context.tasks, _("Resolve the dispute") if resolving else _("Dispute"), parent
        )
        self.services, self.context, self.detail = services, context, detail
        self.body.addWidget(_heading(detail))
        form = QFormLayout()
        self.body.addLayout(form)
        self.reason = QPlainTextEdit(detail.dispute_reason if resolving else "")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(
            _("What the client contests: quantity, quality, price…")
            if not resolving
            else _("How it was settled (optional)")
        )
        self.errors.add_row(
            form, _("Reason") if not resolving else _("Note"), self.reason, "reason"
        )
        hint = QLabel(
            _("No reminder is sent for a disputed invoice until it is resolved.")
            if not resolving
            else _("Reminders resume from the next planned step.")
        )
        hint.setWordWrap(True)
        self.body.addWidget(hint)
        self.reason.setFocus()

    def save(self) -> None:
        actions, d = self.services.invoice_actions, self.detail
        text, today = self.reason.toPlainText(), self.context.today()
        if d.disputed:
            self.submit(lambda: actions.resolve_dispute(d.id, today, text, d.data.version))
        else:
            self.submit(lambda: actions.dispute(d.id, text, today, d.data.version))


class PauseDialog(ServiceDialog):
    def __init__(
        self,
        services: LedgerNeeds,
        context: ViewContext,
        detail: InvoiceDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context.tasks, _("Pause reminders"), parent)
        self.services, self.context, self.detail = services, context, detail
        self.body.addWidget(_heading(detail))
        form = QFormLayout()
        self.body.addLayout(form)
        today = context.today()
        self.until = DateEdit(detail.dunning_paused_until or today + timedelta(days=14))
        self.resume = QCheckBox(_("Resume reminders now"))
        self.resume.setVisible(detail.dunning_paused_until is not None)
        self.resume.toggled.connect(lambda on: self.until.setEnabled(not on))
        self.errors.add_row(form, _("No reminder before"), self.until, "until")
        form.addRow("", self.resume)

    def save(self) -> None:
        actions, d = self.services.invoice_actions, self.detail
        until = None if self.resume.isChecked() else self.until.value()
        today = self.context.today()
        self.submit(lambda: actions.pause_dunning(d.id, until, today, d.data.version))


class WriteOffDialog(ServiceDialog):
    def __init__(
        self,
        services: LedgerNeeds,
        context: ViewContext,
        detail: InvoiceDetail,
        parent: QWidget | None = None,
    ) -> None:
        cancelling = detail.written_off_on is not None
        super().__init__(
            context.tasks, _("Cancel the write-off") if cancelling else _("Write off"), parent
        )
        self.services, self.context, self.detail = services, context, detail
        self.body.addWidget(_heading(detail))
        form = QFormLayout()
        self.body.addLayout(form)
        self.on = DateEdit(context.today())
        self.reason = QLineEdit(detail.write_off_reason)
        self.reason.setPlaceholderText(_("Bankruptcy, amount too small to chase, agreement…"))
        if cancelling:
            self.body.addWidget(QLabel(_("The invoice goes back into the receivables.")))
        else:
            self.errors.add_row(form, _("Date"), self.on, "on")
            self.errors.add_row(form, _("Reason"), self.reason, "reason")
            note = QLabel(_("The balance leaves the receivables and is no longer chased."))
            note.setWordWrap(True)
            self.body.addWidget(note)

    def save(self) -> None:
        actions, d = self.services.invoice_actions, self.detail
        today = self.context.today()
        if d.written_off_on is not None:
            self.submit(lambda: actions.cancel_write_off(d.id, today, d.data.version))
            return
        on, reason = self.on.value(), self.reason.text()
        self.submit(lambda: actions.write_off(d.id, reason, on, d.data.version))


class CreditNoteDialog(ServiceDialog):
    def __init__(
        self,
        services: LedgerNeeds,
        context: ViewContext,
        detail: InvoiceDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context.tasks, _("Credit note"), parent)
        self.services, self.context, self.detail = services, context, detail
        self.body.addWidget(_heading(detail))
        form = QFormLayout()
        self.body.addLayout(form)
        self.number = QLineEdit()
        self.issue_date = DateEdit(context.today())
        self.amount = AmountEdit()
        self.amount.set_value(detail.balance if detail.balance > 0 else detail.data.total)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("Returned goods, commercial gesture…"))
        e = self.errors
        e.add_row(form, _("Number"), self.number, "number")
        e.add_row(form, _("Date"), self.issue_date, "issue_date")
        e.add_row(form, _("Amount incl. tax"), self.amount, "amount")
        e.add_row(form, _("Reason"), self.reason, "reason")
        hint = QLabel(_("Beyond what is left to pay, the credit stays on the client's account."))
        hint.setWordWrap(True)
        self.body.addWidget(hint)
        context.tasks.run(
            lambda: services.invoices.next_number("credit_note"),
            self.number.setText,
            context.show_error,
        )
        self.amount.setFocus()

    def save(self) -> None:
        problems: list[Problem] = []
        amount = parse_field(self.amount, "amount", problems, required=True)
        if problems or amount is None:
            self.errors.show(InvalidInput(problems))
            return
        actions, d = self.services.invoice_actions, self.detail
        number, on, reason = self.number.text(), self.issue_date.value(), self.reason.text()
        self.submit(lambda: actions.create_credit_note(d.id, number, on, amount, reason))
