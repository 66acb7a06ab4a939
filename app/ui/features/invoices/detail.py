"""One invoice at a glance: figures, what settled it (with undo), and every action on it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.services.ledger.invoices import InvoiceDetail
from app.ui.context import ViewContext
from app.ui.needs import LedgerNeeds
from app.ui.theme import set_tone
from app.ui.undo import Undoable
from app.ui.widgets.format import day, money
from app.ui.widgets.status import status_pixmap, status_text
from app.ui.widgets.table_model import Column, RowsModel
from app.ui.widgets.tables import make_table, scaled


class InvoiceDetailDialog(QDialog):
    def __init__(
        self,
        services: LedgerNeeds,
        context: ViewContext,
        invoice_id: int,
        controller: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.context, self.invoice_id = services, context, invoice_id
        self.controller = controller
        self.detail: InvoiceDetail | None = None
        self.setWindowTitle(_("Invoice"))
        self.resize(720, 520)
        self.icon = QLabel()
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16px; font-weight: 600;")
        header = QHBoxLayout()
        header.addWidget(self.icon)
        header.addWidget(self.title, 1)
        self.facts = QGridLayout()
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.allocations = RowsModel(
            [
                Column(_("Date"), lambda a: day(a.date)),
                Column(
                    _("Settled with"),
                    lambda a: (
                        _("Payment {reference}").format(reference=a.label)
                        if a.source_kind == "payment"
                        else _("Credit note {number}").format(number=a.label)
                    ),
                ),
                Column(_("Method"), lambda a: a.method),
                Column(_("Amount"), lambda a: money(a.amount, self._currency()), right=True),
            ],
            self,
        )
        self.table = make_table()
        self.table.setModel(self.allocations)
        for column, width in enumerate((90, 260, 110, 110)):
            self.table.setColumnWidth(column, scaled(width, self.table))
        self.undo = QPushButton(_("Undo this allocation"))
        self.undo.clicked.connect(self._undo)
        self.undo.setToolTip(_("The money stays with the client as credit, to apply elsewhere"))
        actions = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        if controller is not None:
            for key, text in (
                ("edit", _("Edit…")),
                ("payment", _("Record a payment…")),
                ("dispute", _("Dispute…")),
                ("pause", _("Pause reminders…")),
                ("plan", _("Payment plan…")),
                ("credit_note", _("Credit note…")),
                ("write_off", _("Write off…")),
                ("pdf", _("Open the PDF")),
            ):
                button = QPushButton(text)
                button.clicked.connect(lambda _c=False, k=key: self._act(k))
                actions.addWidget(button)
                self.buttons[key] = button
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(self.facts)
        layout.addWidget(self.notes)
        layout.addWidget(QLabel(_("Settled by")))
        layout.addWidget(self.table, 1)
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.undo)
        undo_row.addStretch(1)
        layout.addLayout(undo_row)
        layout.addLayout(actions)
        layout.addWidget(close)
        context.bus.changed.connect(self._changed)
        self.reload()

    def _currency(self) -> str:
        return self.detail.data.currency if self.detail else "EUR"

    def _changed(self, _changes: Any) -> None:
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        today = self.context.today()
        self.context.tasks.run(
            lambda: self.services.invoices.get(self.invoice_id, today),
            self._show,
            self.context.show_error,
        )

    def _show(self, detail: InvoiceDetail) -> None:
        self.detail = detail
        d = detail.data
        kind = _("Credit note") if detail.kind == "credit_note" else _("Invoice")
        self.setWindowTitle(f"{kind} {d.number}")
        self.icon.setPixmap(status_pixmap(detail.status, 24))
        self.title.setText(
            _("{kind} {number} — {client} ({code}) — {status}").format(
                kind=kind,
                number=d.number,
                client=detail.client_name,
                code=detail.client_code,
                status=status_text(detail.status),
            )
        )
        while self.facts.count():
            item = self.facts.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        left = _("Credit not yet applied") if detail.kind == "credit_note" else _("Left to pay")
        facts = [
            (_("Issued"), day(d.issue_date)),
            (_("Due"), day(d.due_date)),
            (_("Total"), money(d.total, d.currency)),
            (left, money(detail.balance, d.currency)),
        ]
        if detail.days_late:
            facts.append((_("Days late"), str(detail.days_late)))
        if d.reference:
            facts.append((_("Reference"), d.reference))
        if detail.applies_to_number:
            facts.append((_("Corrects invoice"), detail.applies_to_number))
        for index, (label, value) in enumerate(facts):
            caption = QLabel(label)
            set_tone(caption, "muted")
            shown = QLabel(value)
            shown.setStyleSheet("font-weight: 600;")
            self.facts.addWidget(caption, 0, index)
            self.facts.addWidget(shown, 1, index)
        notes = []
        if detail.disputed:
            notes.append(_("⚑ Disputed: {reason}").format(reason=detail.dispute_reason))
        if detail.dunning_paused_until:
            notes.append(
                _("Reminders paused until {date}").format(date=day(detail.dunning_paused_until))
            )
        if detail.written_off_on:
            notes.append(
                _("Written off on {date}: {reason}").format(
                    date=day(detail.written_off_on), reason=detail.write_off_reason
                )
            )
        for _id, number, issued, total in detail.credit_notes:
            notes.append(
                _("Credit note {number} of {date}: {amount}").format(
                    number=number, date=day(issued), amount=money(total, d.currency)
                )
            )
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        self.allocations.set_rows(detail.allocations)
        self.undo.setEnabled(bool(detail.allocations))
        is_note = detail.kind == "credit_note"
        for key in ("payment", "dispute", "pause", "plan", "credit_note", "write_off"):
            if key in self.buttons:
                self.buttons[key].setVisible(not is_note)
        settled = detail.balance <= 0 and detail.written_off_on is None
        for key in ("payment", "dispute", "pause", "plan", "write_off"):
            if key in self.buttons:
                self.buttons[key].setEnabled(not settled or (key == "dispute" and detail.disputed))
        if "dispute" in self.buttons:
            self.buttons["dispute"].setText(
                _("Resolve the dispute…") if detail.disputed else _("Dispute…")
            )
            self.buttons["write_off"].setText(
                _("Cancel the write-off…") if detail.written_off_on else _("Write off…")
            )
            self.buttons["pdf"].setEnabled(bool(detail.attachment_path))

    def _undo(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid() and self.allocations.rowCount() == 1:
            index = self.allocations.index(0, 0)
        if not index.isValid() or self.detail is None:
            return
        item = self.allocations.row(index.row())
        answer = QMessageBox.question(
            self,
            _("Undo the allocation"),
            _("Take {amount} off this invoice? It stays with the client as credit.").format(
                amount=money(item.amount, self._currency())
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        history = self.services.allocation_undo
        what = _("allocation taken off {number}").format(number=item.invoice_number)
        self.context.tasks.run(
            lambda: history.unallocate(item.source_kind, item.source_id, item.invoice_id),
            # the runner publishes the changes (`_changed` reloads this page); Ctrl+Z puts it back
            lambda change: self.context.bus.undoable.emit(
                Undoable(what, lambda: history.undo(change))
            ),
            self.context.show_error,
            write=True,
        )

    def _act(self, key: str) -> None:
        if self.detail is None or self.controller is None:
            return
        d = self.detail
        if key == "payment":
            self.controller.record_payment(
                (d.data.client_id, d.client_code, d.client_name), d.data.id
            )
        elif key == "pdf":
            self.controller.open_pdf(d.data.id)
        else:
            getattr(self.controller, key)(d.data.id)
