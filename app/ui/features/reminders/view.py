"""Follow-up: the open invoices past their due date, the longest overdue first."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.domain.filters import InvoiceFilter
from app.i18n import _, ngettext
from app.ui.changes import Changes
from app.ui.features.invoices.model import InvoiceListModel
from app.ui.widgets.tables import make_table


class RemindersView(QWidget):
    def __init__(self, services, context) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.services = services
        self.context = context
        self.title = QLabel()
        self.model = InvoiceListModel(self._count, self._page, self)
        self.model.sort_key, self.model.descending = "due_date", False
        table = make_table()
        table.setModel(self.model)
        for column, width in enumerate((120, 300, 90, 90, 110, 110, 80)):
            table.setColumnWidth(column, width)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(table, 1)
        context.bus.changed.connect(self._changed)
        self.refresh()

    def _filter(self) -> InvoiceFilter:
        return InvoiceFilter(overdue_on=self.context.today())

    def _count(self) -> int:
        return self.services.registers.invoice_count(self._filter())

    def _page(self, after, limit, sort, descending):  # type: ignore[no-untyped-def]
        return self.services.registers.invoice_page(
            self._filter(), self.context.today(), sort, descending, after, limit)

    def _changed(self, changes: Changes) -> None:
        if changes.ledger or changes.reminders:
            self.refresh()

    def refresh(self) -> None:
        self.model.reload()
        self.title.setText(ngettext("{count} overdue invoice to follow up",
                                    "{count} overdue invoices to follow up", self.model.total)
                           .format(count=self.model.total))
