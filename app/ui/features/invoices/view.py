"""Invoice list with the filters of the weekly review; scrolls a million rows lazily."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain.filters import InvoiceFilter
from app.i18n import _, ngettext
from app.ui.changes import Changes
from app.ui.features.invoices.model import InvoiceListModel
from app.ui.widgets.tables import make_table


class InvoicesView(QWidget):
    def __init__(self, services, context) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.services = services
        self.context = context
        self.filter = InvoiceFilter()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by number, reference or client"))
        self.search.setClearButtonEnabled(True)
        self.scope = QComboBox()
        self.scope.addItem(_("All invoices"), "all")
        self.scope.addItem(_("Open"), "open")
        self.scope.addItem(_("Overdue"), "overdue")
        self.count = QLabel()
        self.model = InvoiceListModel(self._count, self._page, self)
        self.table = make_table()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.DescendingOrder)
        for column, width in enumerate((120, 300, 90, 90, 110, 110, 80)):
            self.table.setColumnWidth(column, width)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.scope)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        context.bus.changed.connect(self._changed)
        self.refresh()

    def _count(self) -> int:
        return self.services.registers.invoice_count(self.filter)

    def _page(self, after, limit, sort, descending):  # type: ignore[no-untyped-def]
        return self.services.registers.invoice_page(
            self.filter, self.context.today(), sort, descending, after, limit)

    def _changed(self, changes: Changes) -> None:
        if changes.ledger or changes.clients:
            self.refresh()

    def show_filter(self, flt: InvoiceFilter) -> None:
        """Show exactly these invoices (used by the aging view and the dashboard)."""
        self.search.blockSignals(True)
        self.search.setText(flt.text)
        self.search.blockSignals(False)
        self.filter = flt
        self._reload()

    def refresh(self) -> None:
        scope = self.scope.currentData()
        self.filter = replace(
            InvoiceFilter(), text=self.search.text().strip(),
            open_only=scope == "open",
            overdue_on=self.context.today() if scope == "overdue" else None,
        )
        self._reload()

    def _reload(self) -> None:
        self.model.reload()
        self.count.setText(ngettext("{count} invoice", "{count} invoices", self.model.total)
                           .format(count=self.model.total))
