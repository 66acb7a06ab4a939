"""Client register (search as you type, a million-invoice dossier stays fluid) and client page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.filters import ClientFilter
from app.i18n import _, format_number, ngettext
from app.services.analytics.texts import reason_sentences
from app.services.changes import Changes
from app.ui.context import ViewContext
from app.ui.features.clients.detail import ClientDetail
from app.ui.features.clients.dialogs import ClientDialog
from app.ui.features.clients.model import ClientListModel
from app.ui.features.invoices.controller import InvoiceController
from app.ui.needs import ClientNeeds
from app.ui.widgets.empty_state import EmptyState
from app.ui.widgets.header_memory import remember_header
from app.ui.widgets.tables import make_table, scaled


class ClientsView(QWidget):
    def __init__(self, services: ClientNeeds, context: ViewContext) -> None:
        super().__init__()
        self.services = services
        self.context = context
        self.filter = ClientFilter()
        self.invoices = InvoiceController(services, context, self)
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        register = QWidget()
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            _("Search by name, code, email, city, VAT or company number")
        )
        self.search.setClearButtonEnabled(True)
        self.archived = QCheckBox(_("Archived too"))
        self.blocked = QCheckBox(_("Reminders blocked"))
        self.count = QLabel()
        self.model = ClientListModel(self._fetch, self._run, self)
        self.model.failed.connect(context.show_error)
        self.table = make_table()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in enumerate((70, 230, 110, 80, 125, 115, 115, 115, 60, 110, 90)):
            self.table.setColumnWidth(column, scaled(width, self.table))
        header.setSectionResizeMode(1, header.ResizeMode.Stretch)
        remember_header(self.table, "clients", context.window_settings)
        self.table.doubleClicked.connect(lambda _i: self.open_current())
        self.table.activated.connect(lambda _i: self.open_current())
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.archived)
        top.addWidget(self.blocked)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, text, shortcut, slot in (
            ("new", _("New client…"), "Ins", self.new_client),
            ("open", _("Open client"), "Return", self.open_current),
            ("edit", _("Edit…"), "F2", self.edit_current),
            ("archive", _("Archive / restore"), "", self.toggle_archive),
            ("delete", _("Delete"), "Del", self.delete_current),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[key] = button
            if shortcut:
                button.setToolTip(shortcut)
                action = QAction(text, self)
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                action.triggered.connect(slot)
                (self.table if key in ("open", "delete") else register).addAction(action)
        bar.addStretch(1)
        bar.addWidget(self.count)
        box = QVBoxLayout(register)
        box.addLayout(top)
        box.addLayout(bar)
        box.addWidget(self.table, 1)
        self.empty = EmptyState(self.table, "clients")
        self.stack.addWidget(register)

        self.detail = ClientDetail(services, context)
        self.stack.addWidget(self.detail)
        back = QAction(self.detail)
        back.setShortcuts([QKeySequence("Esc"), QKeySequence("Alt+Left")])
        back.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.triggered.connect(self.show_register)
        self.detail.addAction(back)
        edit = QAction(self.detail)
        edit.setShortcut(QKeySequence("F2"))
        edit.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        edit.triggered.connect(
            lambda: self._edit(self.detail.client) if self.detail.client else None
        )
        self.detail.addAction(edit)
        self.detail.back.connect(self.show_register)
        self.detail.edit.connect(self._edit)
        self.detail.new_invoice.connect(self._new_invoice)
        self.detail.record_payment.connect(self._record_payment)
        self.detail.apply_credit.connect(self._apply_credit)
        self.detail.open_invoice.connect(self._open_invoice)

        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.focus_search)
        self.addAction(find)

        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.archived.toggled.connect(lambda _on: self.refresh())
        self.blocked.toggled.connect(lambda _on: self.refresh())
        self.model.loaded.connect(self._loaded)
        context.bus.changed.connect(self._changed)
        self.refresh()

    # -- data -------------------------------------------------------------------------
    def _run(self, fn: Any, done: Any, failed: Any) -> None:
        self.context.tasks.run(fn, done, failed)

    def _fetch(self, after: Any, limit: int, sort: str, descending: bool) -> list[Any]:
        return self.services.clients.page(
            self.filter, self.context.today(), sort or "code", descending, after, limit
        )

    def refresh(self) -> None:
        self.filter = ClientFilter(
            text=self.search.text().strip(),
            include_archived=self.archived.isChecked(),
            blocked_only=self.blocked.isChecked(),
        )
        flt = self.filter
        self.model.reload()
        self.context.tasks.run(
            lambda: self.services.clients.count(flt),
            self._show_count,
            self.context.show_error,
            key="client-count",
        )

    def _loaded(self) -> None:
        if self.model.risks:
            return
        today = self.context.today()

        def grades() -> tuple[dict[int, str], dict[int, list[str]]]:
            risks = self.services.analytics.risk_grades(today)
            return (
                {client_id: str(r.grade) for client_id, r in risks.items()},
                {client_id: reason_sentences(r.reasons) for client_id, r in risks.items()},
            )

        run = self.context.tasks.run
        run(grades, lambda found: self.model.set_risks(*found), None, slow=True, key="risks")

    def _show_count(self, count: int) -> None:
        self._show_empty(count)
        self.count.setText(
            ngettext("{count} client", "{count} clients", count).format(
                count=format_number(Decimal(count), decimals=0)
            )
        )

    def _changed(self, changes: Changes) -> None:
        if changes.clients or changes.ledger:
            if changes.ledger:
                self.model.risks = {}
            self.refresh()
            if self.stack.currentWidget() is self.detail:
                self.detail.refresh()

    def _show_empty(self, count: int) -> None:
        """An empty register says what to do next."""
        if count:
            self.empty.clear()
        elif self.filter == ClientFilter():
            self.empty.show_message(
                _(
                    "No client yet. Add your first client, or import your client list "
                    "with File ▸ Import…"
                ),
                _("New client…"),
                lambda: self.new_client(),
            )
        else:
            self.empty.show_message(
                _("No client matches this search."), _("Clear the search"), self.clear_search
            )

    def focus_search(self) -> None:
        """Ctrl+F: back to the register, the search field selected for typing."""
        self.show_register()
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear_search(self) -> None:
        self.search.clear()
        self.archived.setChecked(False)
        self.blocked.setChecked(False)
        self.refresh()

    # -- navigation -------------------------------------------------------------------
    def current(self) -> Any:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def open_current(self) -> None:
        row = self.current()
        if row is not None:
            self.show_client(row.id)

    def show_client(self, client_id: int) -> None:
        self.detail.show_client(client_id)
        self.stack.setCurrentWidget(self.detail)
        self.detail.tabs.setFocus()

    def show_register(self) -> None:
        self.stack.setCurrentIndex(0)
        self.table.setFocus()

    def show_filter(self, payload: Any) -> None:
        """Navigation from elsewhere: a client id opens its page."""
        if isinstance(payload, int):
            self.show_client(payload)

    # -- actions ----------------------------------------------------------------------
    def new_client(self) -> None:
        code = self.services.clients.next_code()
        dialog = ClientDialog(self.services, self.context.tasks, parent=self)
        dialog.code.setText(code)
        if dialog.exec():
            self.show_client(dialog.result_value.id)

    def edit_current(self) -> None:
        row = self.current()
        if row is not None:
            self.context.tasks.run(
                lambda: self.services.clients.get(row.id), self._edit, self.context.show_error
            )

    def _edit(self, client: Any) -> None:
        ClientDialog(self.services, self.context.tasks, client, parent=self).exec()

    def toggle_archive(self) -> None:
        row = self.current()
        if row is None:
            return
        self.context.tasks.run(
            lambda: self.services.clients.set_archived(row.id, not row.archived),
            lambda _changes: None,
            self.context.show_error,
            write=True,
        )

    def delete_current(self) -> None:
        row = self.current()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            _("Delete client"),
            _(
                "Delete {name} ({code})? Only a client without invoices or payments can be deleted."
            ).format(name=row.name, code=row.code),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.context.tasks.run(
                lambda: self.services.clients.delete(row.id),
                lambda _changes: None,
                self.context.show_error,
                write=True,
            )

    @staticmethod
    def _who(client: Any) -> tuple[int, str, str] | None:
        return (client.id, client.code, client.name) if client is not None else None

    def _new_invoice(self, client: Any) -> None:
        self.invoices.new(self._who(client))

    def _record_payment(self, client: Any) -> None:
        self.invoices.record_payment(self._who(client))

    def _apply_credit(self, client: Any) -> None:
        from app.ui.features.payments.credit import ApplyCreditDialog

        if client is None:
            return
        dialog = ApplyCreditDialog(self.services, self.context, client.id, parent=self)
        dialog.exec()

    def _open_invoice(self, invoice_id: int) -> None:
        self.invoices.details(invoice_id)
