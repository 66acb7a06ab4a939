"""Aged receivables: the chart (overall and the clients most overdue) above the exact table,
as-of date, basis, currency, bucket limits and exports."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.services.analytics.aging_view import DUE_DATE, INVOICE_DATE, TOP_CLIENTS
from app.ui.context import ViewContext
from app.ui.features.aging.chart import ChartWidget
from app.ui.features.aging.controller import AgingController
from app.ui.features.aging.model import AgingModel
from app.ui.needs import AnalyticsNeeds
from app.ui.theme import set_tone
from app.ui.widgets.empty_state import EmptyState
from app.ui.widgets.header_memory import HeaderMemory, remember_header
from app.ui.widgets.tables import make_table, scaled


class AgingView(QWidget):
    def __init__(self, services: AnalyticsNeeds, context: ViewContext) -> None:
        super().__init__()
        self.services = services
        self.context = context
        self.as_of = QDateEdit()
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("dd/MM/yyyy")
        today = context.today()
        self.as_of.setDate(QDate(today.year, today.month, today.day))
        self.basis = QComboBox()
        self.basis.addItem(_("By due date"), DUE_DATE)
        self.basis.addItem(_("By invoice date"), INVOICE_DATE)
        self.currency = QComboBox()
        self.currency_label = QLabel(_("Currency"))
        self.top = QSpinBox()
        self.top.setRange(3, 30)
        self.top.setValue(TOP_CLIENTS)
        self.top.setToolTip(_("How many clients the chart shows, the most overdue first"))
        self.buckets_button = QPushButton(_("Buckets…"))
        self.buckets_button.setToolTip(_("Change the bucket limits (saved with the dossier)"))
        self.export_button = QPushButton(_("Export"))
        menu = QMenu(self.export_button)
        self.export_actions: dict[str, QAction] = {}
        for fmt, label in (
            ("csv", _("Table as CSV…")),
            ("xlsx", _("Table as Excel (XLSX)…")),
            ("pdf", _("Report as PDF (chart and table)…")),
            ("png", _("Chart as PNG image…")),
            ("svg", _("Chart as SVG image…")),
        ):
            self.export_actions[fmt] = menu.addAction(label)
        self.export_button.setMenu(menu)
        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Aged receivables on")))
        bar.addWidget(self.as_of)
        bar.addWidget(self.basis)
        bar.addWidget(self.currency_label)
        bar.addWidget(self.currency)
        bar.addWidget(QLabel(_("Clients shown")))
        bar.addWidget(self.top)
        bar.addWidget(self.buckets_button)
        bar.addWidget(self.export_button)
        bar.addStretch(1)
        self.show_currencies((), None)

        self.chart = ChartWidget(11, 4.2)
        self.chart.setToolTip(_("Click a bar to see its invoices"))
        self.model = AgingModel([], self)
        self.table = make_table()
        self.table.setModel(self.model)
        self._widths_for = -1  # the column count the widths were set for (buckets may change)
        self.memory: HeaderMemory | None = None  # made once the first buckets give columns
        self.empty = EmptyState(self.table, "aging")
        self.totals_model = AgingModel([], self)
        self.totals_table = make_table()
        self.totals_table.setModel(self.totals_model)
        self.totals_table.horizontalHeader().setVisible(False)
        self.totals_table.setFixedHeight(28)
        self.totals_table.setStyleSheet("font-weight: 600;")
        self.totals_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.totals_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.horizontalHeader().sectionResized.connect(
            lambda index, _old, new: self.totals_table.setColumnWidth(index, new)
        )
        self.table.horizontalScrollBar().valueChanged.connect(
            self.totals_table.horizontalScrollBar().setValue
        )

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.setSpacing(0)
        lower_layout.addWidget(self.table, 1)
        lower_layout.addWidget(self.totals_table)
        hint = QLabel(
            _(
                "Double-click an amount to see exactly those invoices; a client's "
                "name, all its open invoices."
            )
        )
        set_tone(hint, "muted")
        lower_layout.addWidget(hint)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([450, 400])

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.splitter, 1)
        self.controller = AgingController(self, services, context)
        self.controller.refresh()

    def show_currencies(self, currencies: tuple[str, ...], current: str | None) -> None:
        """The currency choice appears only when the dossier has several."""
        self.currency.blockSignals(True)
        self.currency.clear()
        for code in currencies:
            self.currency.addItem(code, code)
        if current is not None:
            self.currency.setCurrentIndex(max(0, self.currency.findData(current)))
        self.currency.blockSignals(False)
        several = len(currencies) > 1
        self.currency.setVisible(several)
        self.currency_label.setVisible(several)

    def sync_totals(self) -> None:
        if self.model.columnCount() != self._widths_for:  # new buckets: defaults, then memory
            self._widths_for = self.model.columnCount()
            self.table.setColumnWidth(0, scaled(70, self.table))
            self.table.setColumnWidth(1, scaled(210, self.table))
            for column in range(2, self.model.columnCount()):
                self.table.setColumnWidth(column, scaled(120, self.table))
            if self.memory is None:
                self.memory = remember_header(self.table, "aging", self.context.window_settings)
            else:
                self.memory.restore()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            self.totals_table.setColumnWidth(column, header.sectionSize(column))

    def refresh(self) -> None:
        self.controller.refresh()
