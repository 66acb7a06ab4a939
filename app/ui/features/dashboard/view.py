"""Monday-morning start page: what is owed, what is late, and where to look first."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.i18n import _, format_date
from app.ui.changes import Changes
from app.ui.widgets.format import money, money_by_currency
from app.ui.widgets.table_model import Column, RowsModel
from app.ui.widgets.tables import make_table


class Figure(QFrame):
    def __init__(self, title: str, tooltip: str) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setToolTip(tooltip)
        layout = QVBoxLayout(self)
        caption = QLabel(title)
        caption.setStyleSheet("color: #5d6d7e;")
        self.value = QLabel("—")
        self.value.setStyleSheet("font-size: 20px; font-weight: 600;")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(caption)
        layout.addWidget(self.value)


class DashboardView(QWidget):
    def __init__(self, services, context) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.services = services
        self.context = context
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.receivable = Figure(_("Total receivable"),
                                 _("Open invoices minus unapplied payments and credit notes"))
        self.overdue = Figure(_("Overdue"), _("Open balances whose due date has passed"))
        self.share = Figure(_("Overdue share"), _("Overdue ÷ total receivable"))
        grid = QGridLayout()
        for column, figure in enumerate((self.receivable, self.overdue, self.share)):
            grid.addWidget(figure, 0, column)
        self.worst = RowsModel([
            Column(_("Client"), lambda r: f"{r.client_code} — {r.client_name}"),
            Column(_("Overdue"), lambda r: money(r.overdue, r.currency), right=True),
            Column(_("Over 60 days"), lambda r: money(r.old, r.currency), right=True),
        ], self)
        table = make_table()
        table.setModel(self.worst)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        table.setColumnWidth(1, 160)
        table.setColumnWidth(2, 160)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid)
        layout.addWidget(QLabel(_("Clients to chase first")))
        layout.addWidget(table, 1)
        context.bus.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if changes.ledger:
            self.refresh()

    def refresh(self) -> None:
        today = self.context.today()
        self.heading.setText(_("Receivables on {date}").format(date=format_date(today, style="long")))
        self.context.tasks.run(lambda: self.services.aging.report(today), self._show,
                               self.context.show_error)

    def _show(self, report) -> None:  # type: ignore[no-untyped-def]
        totals = {cur: t.total for cur, t in report.totals.items()}
        overdue = {cur: sum((v for k, v in t.buckets.items() if k != "current"), Decimal(0))
                   for cur, t in report.totals.items()}
        self.receivable.value.setText(money_by_currency(totals))
        self.overdue.value.setText(money_by_currency(overdue))
        shares = [f"{(overdue[c] / totals[c] * 100).quantize(Decimal('1'))} %"
                  for c in totals if totals[c] > 0]
        self.share.value.setText(" · ".join(shares) if shares else "—")
        rows = []
        for r in report.rows:
            late = sum((v for k, v in r.buckets.items() if k != "current"), Decimal(0))
            old = sum((v for k, v in list(r.buckets.items())[3:]), Decimal(0))
            if late > 0:
                rows.append(_Worst(r.client_code, r.client_name, r.currency, late, old))
        rows.sort(key=lambda w: w.overdue, reverse=True)
        self.worst.set_rows(rows[:15])


class _Worst:
    __slots__ = ("client_code", "client_name", "currency", "old", "overdue")

    def __init__(self, code: str, name: str, currency: str, overdue: Decimal, old: Decimal):
        self.client_code, self.client_name, self.currency = code, name, currency
        self.overdue, self.old = overdue, old
