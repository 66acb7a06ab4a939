"""Invoice list: the filters of the weekly review, sortable columns, totals of the filtered set
per currency; scrolls a million invoices page by page."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from app.domain.filters import InvoiceFilter
from app.i18n import N_, _, format_number, ngettext
from app.services.changes import Changes
from app.ui.context import ViewContext
from app.ui.features.invoices.controller import InvoiceController
from app.ui.features.invoices.filters import InvoiceFilterBar
from app.ui.features.invoices.model import InvoiceListModel
from app.ui.needs import LedgerNeeds
from app.ui.widgets.empty_state import EmptyState
from app.ui.widgets.format import money
from app.ui.widgets.header_memory import remember_header
from app.ui.widgets.tables import make_table, scaled

ACTIONS = (
    # key, label, shortcut, needs a selected invoice
    ("new", N_("New invoice…"), "Ins", False),
    ("details", N_("Details"), "Return", True),
    ("edit", N_("Edit…"), "F2", True),
    ("payment", N_("Record a payment…"), "Ctrl+R", False),
    ("dispute", N_("Dispute / resolve…"), "Ctrl+D", True),
    ("pause", N_("Pause reminders…"), "Ctrl+Shift+P", True),
    ("plan", N_("Payment plan…"), "", True),
    ("credit_note", N_("Credit note…"), "Ctrl+Shift+A", True),
    ("write_off", N_("Write off…"), "", True),
    ("pdf", N_("Open the PDF"), "Ctrl+Shift+O", True),
)


class InvoicesView(QWidget):
    def __init__(self, services: LedgerNeeds, context: ViewContext) -> None:
        super().__init__()
        self.services = services
        self.context = context
        self.controller = InvoiceController(services, context, self)
        self.filters = InvoiceFilterBar(services, context)
        self.filter = InvoiceFilter()
        self.model = InvoiceListModel(self._fetch, self._run, self)
        self.model.failed.connect(context.show_error)
        self.table = make_table()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.DescendingOrder)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in enumerate((140, 280, 95, 95, 120, 120, 170)):
            self.table.setColumnWidth(column, scaled(width, self.table))
        header.setSectionResizeMode(1, header.ResizeMode.Stretch)
        remember_header(self.table, "invoices", context.window_settings)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.table.doubleClicked.connect(lambda _i: self.act("details"))

        bar = QHBoxLayout()
        self.commands: dict[str, QAction] = {}
        for key, label, shortcut, _needs in ACTIONS:
            action = QAction(_(label), self)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, k=key: self.act(k))
            (self.table if key == "details" else self).addAction(action)
            self.commands[key] = action
        for key in ("new", "payment", "edit", "dispute", "credit_note"):
            button = QPushButton(self.commands[key].text())
            button.setToolTip(
                self.commands[key].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            )
            button.clicked.connect(self.commands[key].trigger)
            bar.addWidget(button)
        more = QPushButton(_("More"))
        more.setMenu(self._actions_menu())
        bar.addWidget(more)
        bar.addStretch(1)

        self.count = QLabel()
        self.totals = QLabel()
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.totals.setToolTip(
            _(
                "Left to pay: what the listed invoices still owe, less the listed credit notes "
                "not yet applied. Payments received but not yet applied are not in this list; "
                "the dashboard's total receivable and the aging's Total deduct them too."
            )
        )
        footer = QHBoxLayout()
        footer.addWidget(self.count)
        footer.addStretch(1)
        footer.addWidget(self.totals)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.empty = EmptyState(self.table, "invoices")
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.focus_search)
        self.addAction(find)
        layout.addLayout(footer)
        self.filters.changed.connect(self.refresh)
        self.model.loaded.connect(self._update_actions)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._update_actions())
        context.bus.changed.connect(self._changed)
        self.refresh()

    # -- data -------------------------------------------------------------------------
    def _run(self, fn: Any, done: Any, failed: Any) -> None:
        self.context.tasks.run(fn, done, failed)

    def _fetch(self, after: Any, limit: int, sort: str, descending: bool) -> list[Any]:
        return self.services.invoices.page(
            self.filter, self.context.today(), sort, descending, after, limit
        )

    def refresh(self) -> None:
        self.filter = self.filters.value()
        self._reload()

    def _reload(self) -> None:
        self.model.reload()
        flt, today = self.filter, self.context.today()
        self.count.setText(_("Counting…"))
        self.totals.setText("")
        self.context.tasks.run(
            lambda: self.services.invoices.totals(flt, today),
            self._show_totals,
            self.context.show_error,
            slow=True,
            key="invoice-totals",
        )

    def _show_totals(self, totals: list[Any]) -> None:
        count = sum(t.count for t in totals)
        self._show_empty(count)
        self.count.setText(
            ngettext("{count} invoice", "{count} invoices", count).format(
                count=format_number(Decimal(count), decimals=0)
            )
        )
        parts = [
            _("{currency}: total {total}, left to pay {balance}").format(
                currency=t.currency,
                total=money(t.total, t.currency),
                balance=money(t.balance, t.currency),
            )
            for t in totals
        ]
        self.totals.setText("  ·  ".join(parts))

    def focus_search(self) -> None:
        """Ctrl+F: the search field, selected for typing."""
        self.filters.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.text.selectAll()

    def _show_empty(self, count: int) -> None:
        """An empty list says what to do next: the first invoice, or fewer filters."""
        if count:
            self.empty.clear()
        elif self.filter == InvoiceFilter():
            self.empty.show_message(
                _(
                    "No invoice yet. Enter your first invoice, or import your invoices "
                    "with File ▸ Import…"
                ),
                self.commands["new"].text(),
                lambda: self.act("new"),
            )
        else:
            self.empty.show_message(
                _("No invoice matches these filters."), _("Clear filters"), self.filters.reset
            )

    def _changed(self, changes: Changes) -> None:
        if changes.ledger or changes.clients:
            self._reload()

    def show_filter(self, flt: InvoiceFilter) -> None:
        """Show exactly these invoices (from the aging table, the dashboard, a client page)."""
        self.filters.set_value(flt)
        self.filter = replace(
            self.filters.value(),
            open_only=flt.open_only,
            overdue_on=flt.overdue_on,
            open_on=flt.open_on,
            issued_from=flt.issued_from,
            issued_to=flt.issued_to,
        )
        if flt.client_id is not None:
            client_id = flt.client_id
            self.context.tasks.run(
                lambda: self.services.clients.get(client_id),
                lambda c: (
                    self.filters.client.set_client(c.id, c.code, c.name)
                    if self.filters.client.client_id() == c.id
                    else None
                ),
                self.context.show_error,
            )
        self._reload()

    # -- actions ----------------------------------------------------------------------
    def current(self) -> Any:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _update_actions(self) -> None:
        row = self.current()
        for key, _label, _shortcut, needs in ACTIONS:
            self.commands[key].setEnabled(row is not None or not needs)
        if row is not None:
            self.commands["pdf"].setEnabled(row.line.has_attachment)

    def _actions_menu(self) -> QMenu:
        menu = QMenu(self)
        for key, *_rest in ACTIONS:
            menu.addAction(self.commands[key])
        return menu

    def _menu(self, point: QPoint) -> None:
        self._update_actions()
        self._actions_menu().exec(self.table.viewport().mapToGlobal(point))

    def act(self, key: str) -> None:
        row = self.current()
        c = self.controller
        if key == "new":
            c.new(self.filters.client.current())
            return
        if key == "payment":
            line = row.line if row is not None else None
            c.record_payment(
                (line.client_id, line.client_code, line.client_name) if line else None,
                line.id if line else None,
            )
            return
        if row is None:
            return
        invoice_id = row.line.id
        {
            "details": c.details,
            "edit": c.edit,
            "dispute": c.dispute,
            "pause": c.pause,
            "plan": c.plan,
            "credit_note": c.credit_note,
            "write_off": c.write_off,
            "pdf": c.open_pdf,
        }[key](invoice_id)
