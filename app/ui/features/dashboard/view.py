"""Monday-morning start page: key figures with their formulas, this week's work, the overdue
trend of the last 12 months and the cash expected in the next 12 weeks."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.insight.forecast import CurrencyForecast
from app.i18n import _, format_date
from app.ui.context import ViewContext
from app.ui.features.aging.chart import ChartWidget
from app.ui.features.dashboard.controller import DashboardController
from app.ui.features.dashboard.figures import figure_cards
from app.ui.features.dashboard.week import WeekPanel
from app.ui.needs import AnalyticsNeeds
from app.ui.theme import set_tone
from app.ui.widgets.format import money

CARDS_PER_ROW = 4


def _title(text: str) -> QLabel:
    label = QLabel(text)
    set_tone(label, "heading", "font-weight: 600;")
    return label


class DashboardView(QWidget):
    def __init__(self, services: AnalyticsNeeds, context: ViewContext) -> None:
        super().__init__()
        self.services = services
        self.context = context
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.cards = figure_cards()
        self.receivable = self.cards["receivable"]
        self.overdue = self.cards["overdue"]
        self.cards["overdue_count"].make_link()
        self.cards["disputes"].make_link()
        grid = QGridLayout()
        for index, card in enumerate(self.cards.values()):
            grid.addWidget(card, index // CARDS_PER_ROW, index % CARDS_PER_ROW)

        self.week = WeekPanel()
        week_box = QWidget()
        week_layout = QVBoxLayout(week_box)
        week_layout.setContentsMargins(0, 0, 0, 0)
        week_layout.addWidget(_title(_("This week")))
        week_layout.addWidget(self.week, 1)

        self.currency = QComboBox()
        self.currency_label = QLabel(_("Currency"))
        self.trend_chart = ChartWidget(5.5, 2.4)
        self.forecast_chart = ChartWidget(5.5, 2.6)
        self.what_if = {
            "disputed": QCheckBox(_("Exclude disputed invoices")),
            "grade_e": QCheckBox(_("Exclude clients graded E")),
            "on_due_date": QCheckBox(_("Everyone pays on the due date")),
        }
        self.forecast_note = QLabel()
        set_tone(self.forecast_note, "muted")
        self.forecast_note.setWordWrap(True)
        charts = QWidget()
        charts_layout = QVBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(_title(_("Overdue, last 12 months (month ends)")))
        top.addStretch(1)
        top.addWidget(self.currency_label)
        top.addWidget(self.currency)
        charts_layout.addLayout(top)
        charts_layout.addWidget(self.trend_chart, 1)
        charts_layout.addWidget(_title(_("Cash expected, next 12 weeks")))
        charts_layout.addWidget(self.forecast_chart, 1)
        toggles = QHBoxLayout()
        for box in self.what_if.values():
            toggles.addWidget(box)
        toggles.addStretch(1)
        charts_layout.addLayout(toggles)
        charts_layout.addWidget(self.forecast_note)
        self.show_currencies([], None)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(week_box)
        splitter.addWidget(charts)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 640])
        self.empty_hint = QLabel(
            _(
                "Nothing is owed today. Enter or import your invoices (File ▸ Import…) and "
                "the figures, the week's reminders and the charts fill in."
            )
        )
        self.empty_hint.setObjectName("empty_dashboard")
        self.empty_hint.setWordWrap(True)
        set_tone(
            self.empty_hint,
            "muted",
            "font-size: 14px; padding: 8px; border: 1px solid palette(mid);",
        )
        self.empty_hint.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty_hint)
        layout.addLayout(grid)
        layout.addWidget(splitter, 1)
        self.controller = DashboardController(self, services, context)
        self.controller.refresh()

    def show_date(self, today: date) -> None:
        self.heading.setText(
            _("Receivables on {date}").format(date=format_date(today, style="long"))
        )

    def show_currencies(self, currencies: list[str], preferred: str | None) -> None:
        """Charts show one currency; the choice appears when the dossier has several."""
        current = self.currency.currentData() or preferred
        self.currency.blockSignals(True)
        self.currency.clear()
        for code in currencies:
            self.currency.addItem(code, code)
        if current in currencies:
            self.currency.setCurrentIndex(currencies.index(current))
        self.currency.blockSignals(False)
        several = len(currencies) > 1
        self.currency.setVisible(several)
        self.currency_label.setVisible(several)

    def show_forecast_note(self, forecast: CurrencyForecast | None, currency: str) -> None:
        if forecast is None:
            self.forecast_note.setText("")
            return
        parts = [
            _("Later: {amount}").format(amount=money(forecast.after_horizon.expected, currency)),
            _("too late to predict (over 180 days): {amount}").format(
                amount=money(forecast.doubtful, currency)
            ),
        ]
        if forecast.excluded:
            parts.append(
                _("left out by the what-ifs: {amount}").format(
                    amount=money(forecast.excluded, currency)
                )
            )
        self.forecast_note.setText(" · ".join(parts))

    def refresh(self) -> None:
        self.controller.refresh()
