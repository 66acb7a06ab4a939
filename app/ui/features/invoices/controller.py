"""Opens the right dialog for an invoice (loading it first, off the UI thread); what a save
changed reaches the other views through the task runner."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from app.domain.errors import InvalidInput
from app.i18n import _
from app.services.ledger.invoices import InvoiceDetail
from app.ui.context import ViewContext
from app.ui.needs import LedgerNeeds


class InvoiceController:
    def __init__(self, services: LedgerNeeds, context: ViewContext, parent: QWidget) -> None:
        self.services = services
        self.context = context
        self.parent = parent

    def _with_detail(self, invoice_id: int, then: Callable[[InvoiceDetail], None]) -> None:
        today = self.context.today()
        self.context.tasks.run(
            lambda: self.services.invoices.get(invoice_id, today), then, self.context.show_error
        )

    # -- the actions ------------------------------------------------------------------
    def new(self, client: tuple[int, str, str] | None = None) -> None:
        from app.ui.features.invoices.dialogs import InvoiceDialog

        dialog = InvoiceDialog(self.services, self.context, parent=self.parent)
        if client is not None:
            dialog.client.set_client(*client)
        dialog.exec()  # the saved invoice says what changed; the task runner publishes it

    def edit(self, invoice_id: int) -> None:
        from app.ui.features.invoices.dialogs import InvoiceDialog

        def show(detail: InvoiceDetail) -> None:
            if detail.kind == "credit_note":
                self.details(invoice_id)
                return
            InvoiceDialog(self.services, self.context, detail, self.parent).exec()

        self._with_detail(invoice_id, show)

    def details(self, invoice_id: int) -> None:
        from app.ui.features.invoices.detail import InvoiceDetailDialog

        InvoiceDetailDialog(self.services, self.context, invoice_id, self, self.parent).exec()

    def record_payment(
        self, client: tuple[int, str, str] | None = None, invoice_id: int | None = None
    ) -> None:
        from app.ui.features.payments.dialogs import PaymentDialog

        dialog = PaymentDialog(self.services, self.context, parent=self.parent)
        if client is not None:
            dialog.client.set_client(*client)
            if invoice_id is not None:
                dialog.preselect(invoice_id)
        dialog.exec()

    def _action(self, invoice_id: int, dialog_class: Any) -> None:
        def show(detail: InvoiceDetail) -> None:
            dialog_class(self.services, self.context, detail, self.parent).exec()

        self._with_detail(invoice_id, show)

    def dispute(self, invoice_id: int) -> None:
        from app.ui.features.invoices.actions import DisputeDialog

        self._action(invoice_id, DisputeDialog)

    def pause(self, invoice_id: int) -> None:
        from app.ui.features.invoices.actions import PauseDialog

        self._action(invoice_id, PauseDialog)

    def plan(self, invoice_id: int) -> None:
        from app.ui.features.invoices.plan_dialog import PaymentPlanDialog

        PaymentPlanDialog(self.services, self.context, invoice_id, self.parent).exec()

    def write_off(self, invoice_id: int) -> None:
        from app.ui.features.invoices.actions import WriteOffDialog

        self._action(invoice_id, WriteOffDialog)

    def credit_note(self, invoice_id: int) -> None:
        from app.ui.features.invoices.actions import CreditNoteDialog

        self._action(invoice_id, CreditNoteDialog)

    def open_pdf(self, invoice_id: int) -> None:
        def show(detail: InvoiceDetail) -> None:
            if not detail.attachment_path:
                self.context.show_error(InvalidInput(_("no PDF is attached to this invoice")))
                return
            QDesktopServices.openUrl(QUrl.fromLocalFile(detail.attachment_path))

        self._with_detail(invoice_id, show)
