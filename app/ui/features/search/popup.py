"""Edit ▸ Search everywhere (Ctrl+K, Ctrl+Shift+F): clients, invoices and payments at once.

Typing waits for a short pause, then asks the search service in the background (the newest
query wins, an older answer is dropped); the matches come grouped by kind with who, how much
is left, when due and the status. Enter or a double-click opens the row: the client's page,
the invoice's details over the invoice list, or the payer's payments.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from app.domain.filters import InvoiceFilter
from app.i18n import _, ngettext
from app.services.search import ClientHit, InvoiceHit, PaymentHit, SearchResults
from app.ui.widgets.format import day, money
from app.ui.widgets.status import status_icon, status_text
from app.ui.widgets.tables import scaled

PAUSE_MS = 250  # typing pauses this long before the search runs
ROLE = Qt.ItemDataRole.UserRole


class SearchPopup(QDialog):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("search_popup")
        self.setWindowTitle(_("Search everywhere"))
        self.setMinimumSize(900, 460)
        self.field = QLineEdit()
        self.field.setObjectName("search_field")
        self.field.setPlaceholderText(
            _("Client name, code, email or SIRET; invoice number or reference; amount…")
        )
        self.field.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("search_results")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(
            [_("Found"), _("Client"), _("Left to pay / received"), _("Due / date"), _("Status")]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        metrics = header.fontMetrics()
        for column, width in ((0, 270), (2, 150), (3, 110), (4, 140)):
            title = self.tree.headerItem().text(column)
            needed = metrics.horizontalAdvance(title) + 24  # the header's margins
            self.tree.setColumnWidth(column, max(scaled(width, self.tree), needed))
        self.tree.itemActivated.connect(lambda item, _c: self.open_item(item))
        self.status = QLabel(_("Type at least two characters, or an amount."))
        self.status.setObjectName("search_status")
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PAUSE_MS)
        self.timer.timeout.connect(self.run)
        self.field.textChanged.connect(lambda _t: self.timer.start())
        self.field.returnPressed.connect(self._enter)
        self.field.installEventFilter(self)
        self.results: SearchResults | None = None

    # -- searching ----------------------------------------------------------------------
    def start(self) -> None:
        """Shown again: the last words selected, ready to be typed over."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def run(self) -> None:
        text = self.field.text()
        service = self.window_.services.search
        today = self.window_.context.today()
        self.status.setText(_("Searching…"))
        self.window_.tasks.run(
            lambda: service.search(text, today),
            self.show_results,
            self._failed,
            key="search-everywhere",
        )

    def _failed(self, error: Exception) -> None:
        self.status.setText("")
        self.window_.show_error(error)

    def show_results(self, results: SearchResults) -> None:
        self.results = results
        self.tree.clear()
        groups: tuple[tuple[str, list[Any], Any], ...] = (
            (_("Clients"), results.clients, self._client_row),
            (_("Invoices"), results.invoices, self._invoice_row),
            (_("Payments"), results.payments, self._payment_row),
        )
        first: QTreeWidgetItem | None = None
        for title, hits, row in groups:
            if not hits:
                continue
            group = QTreeWidgetItem(self.tree, [f"{title} ({len(hits)})"])
            font = QFont(group.font(0))
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setFirstColumnSpanned(True)
            for hit in hits:
                item = row(hit)
                self.tree.addTopLevelItem(item)
                first = first or item
        if first is not None:
            self.tree.setCurrentItem(first)
        self.status.setText(self._summary(results))

    def _summary(self, results: SearchResults) -> str:
        if len(results.text) < 2 and not len(results):
            return _("Type at least two characters, or an amount.")
        if not len(results):
            return _("Nothing found for “{text}”.").format(text=results.text)
        return ngettext(
            "{count} match; Enter opens it.", "{count} matches; Enter opens the one selected.",
            len(results),
        ).format(count=len(results))  # fmt: skip

    def _client_row(self, hit: ClientHit) -> QTreeWidgetItem:
        details = " · ".join(p for p in (hit.code, hit.city, hit.email) if p)
        if hit.archived:
            details = _("{details} (archived)").format(details=details)
        item = QTreeWidgetItem([hit.name, details, money(hit.due) if hit.due else "", "", ""])
        item.setToolTip(1, details)
        item.setData(0, ROLE, ("client", hit))
        return item

    def _invoice_row(self, hit: InvoiceHit) -> QTreeWidgetItem:
        assert self.results is not None
        status = self.results.statuses.get(hit.id, "open")
        number = (
            _("Credit note {number}").format(number=hit.number)
            if hit.kind == "credit_note"
            else hit.number
        )
        if hit.reference:
            number = f"{number} · {hit.reference}"
        item = QTreeWidgetItem(
            [
                number,
                hit.client_name,
                money(hit.balance, hit.currency),
                day(hit.due_date),
                status_text(status),
            ]
        )
        item.setIcon(4, status_icon(status))
        item.setToolTip(0, _("Total {total}").format(total=money(hit.total, hit.currency)))
        item.setData(0, ROLE, ("invoice", hit))
        return item

    def _payment_row(self, hit: PaymentHit) -> QTreeWidgetItem:
        what = " · ".join(p for p in (hit.reference, hit.method) if p) or _("Payment")
        item = QTreeWidgetItem(
            [what, hit.client_name, money(hit.amount, hit.currency), day(hit.date), _("Received")]
        )
        item.setData(0, ROLE, ("payment", hit))
        return item

    # -- opening ------------------------------------------------------------------------
    def _enter(self) -> None:
        if self.timer.isActive():  # typed and pressed Enter at once: search first
            self.timer.stop()
            self.run()
            return
        item = self.tree.currentItem()
        if item is not None:
            self.open_item(item)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the field move in the results, so the hands stay on the keys."""
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self._move(key)
                return True
        return super().eventFilter(watched, event)

    def _move(self, key: Any) -> None:
        every = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        items = [i for i in every if i is not None and i.data(0, ROLE) is not None]
        if not items:
            return
        current = self.tree.currentItem()
        index = items.index(current) if current in items else -1
        steps: dict[Any, int] = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5}
        step = steps.get(key, -5)
        self.tree.setCurrentItem(items[max(0, min(len(items) - 1, index + step))])

    def open_item(self, item: QTreeWidgetItem) -> None:
        data = item.data(0, ROLE)
        if data is None:
            return
        kind, hit = data
        self.hide()
        window = self.window_
        if kind == "client":
            window.bus.navigate.emit("clients", hit.id)
        elif kind == "invoice":
            window.bus.navigate.emit("invoices", InvoiceFilter(text=hit.number))
            window.views["invoices"].controller.details(hit.id)
        else:  # the client's page, on its payments, that payment selected once loaded
            window.views["clients"].detail.payment_to_show = hit.id
            window.bus.navigate.emit("clients", hit.client_id)
