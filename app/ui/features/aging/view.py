"""Aged receivables: as-of date, the exact table per client and currency, totals."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.filters import InvoiceFilter
from app.i18n import _
from app.ui.changes import Changes
from app.ui.widgets.format import money
from app.ui.widgets.table_model import WARNING, Column, RowsModel
from app.ui.widgets.tables import make_table

BUCKET_TITLES = {"current": "Not yet due", "over_90": "Over 90 days"}


def bucket_title(name: str) -> str:
    if name == "current":
        return _("Not yet due")
    if name.startswith("over_"):
        return _("Over {days} days").format(days=name[5:])
    low, high = name.split("-")
    return _("{low}–{high} days").format(low=low, high=high)


class AgingView(QWidget):
    def __init__(self, services, context) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.services = services
        self.context = context
        self.report = None
        self.as_of = QDateEdit()
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("dd/MM/yyyy")
        today = context.today()
        self.as_of.setDate(QDate(today.year, today.month, today.day))
        self.summary = QLabel()
        self.model = RowsModel([], self)
        self.table = make_table()
        self.table.setModel(self.model)
        self.table.doubleClicked.connect(self._open_invoices)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Aged receivables on")))
        top.addWidget(self.as_of)
        top.addStretch(1)
        top.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        hint = QLabel(_("Double-click a row to see that client's open invoices."))
        hint.setStyleSheet("color: #7f8c8d;")
        layout.addWidget(hint)
        self.as_of.dateChanged.connect(lambda _d: self.refresh())
        context.bus.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if changes.ledger or changes.settings:
            self.refresh()

    def refresh(self) -> None:
        as_of = self.as_of.date().toPython()
        self.context.tasks.run(lambda: self.services.aging.report(as_of), self._show,
                               self.context.show_error)

    def _show(self, report) -> None:  # type: ignore[no-untyped-def]
        self.report = report
        columns = [Column(_("Code"), lambda r: r.client_code),
                   Column(_("Client"), lambda r: r.client_name)]
        for name in report.buckets:
            columns.append(Column(
                bucket_title(name), lambda r, n=name: money(r.buckets[n], r.currency), right=True,
                tone=(lambda r, n=name: WARNING if r.buckets[n] else None)
                if name != "current" else None))
        columns.append(Column(_("Unapplied credit"), lambda r: money(r.unapplied, r.currency),
                              right=True))
        columns.append(Column(_("Total"), lambda r: money(r.total, r.currency), right=True))
        self.model.columns = columns
        self.model.set_rows(list(report.rows))
        self.table.setColumnWidth(1, 240)
        totals = [money(t.total, cur) for cur, t in report.totals.items()]
        self.summary.setText(_("Total receivable: {amounts}").format(
            amounts=" · ".join(totals) if totals else "—"))

    def _open_invoices(self, index) -> None:  # type: ignore[no-untyped-def]
        if self.report is None or not index.isValid():
            return
        row = self.model.row(index.row())
        client_id = self.report.client_ids.get(row.client_code)
        as_of = self.report.as_of
        self.context.bus.navigate.emit("invoices", InvoiceFilter(
            client_id=client_id, open_only=True, currency=row.currency,
            due_to=as_of + timedelta(days=36500)))
