"""Loads the dashboard off the UI thread in independent jobs (the key figures the database sums
at once, then figures with the amount at risk and forecast from one snapshot, the 12-month
trend, the reminders of the week) and recomputes the forecast's what-ifs from the snapshot
already read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QObject

from app.domain.filters import InvoiceFilter
from app.domain.insight.forecast import CurrencyForecast, ForecastOptions
from app.domain.ledger.status import DISPUTED
from app.services.analytics.charts import draw_forecast, draw_trend
from app.services.analytics.service import DashboardFigures, Snapshot, TrendPoint
from app.services.analytics.week import DISPUTE, PROMISE, REMINDER, WeekLine, week_bounds
from app.services.changes import Changes
from app.ui.context import ViewContext
from app.ui.features.aging.chart import preload
from app.ui.features.dashboard.figures import show_figures
from app.ui.needs import AnalyticsNeeds

FORECAST_WEEKS = 12


@dataclass(frozen=True)
class Overview:
    """What one snapshot gives the dashboard."""

    snapshot: Snapshot
    figures: DashboardFigures
    forecast: dict[str, CurrencyForecast]
    promises: list[WeekLine]
    disputes: list[WeekLine]


class DashboardController(QObject):
    def __init__(self, view: Any, services: AnalyticsNeeds, context: ViewContext) -> None:
        super().__init__(view)
        self.view = view
        self.services = services
        self.context = context
        self.overview: Overview | None = None
        self.forecast: dict[str, CurrencyForecast] = {}
        self.trend: dict[str, list[TrendPoint]] = {}
        self._generation = 0
        self._graded = False
        for box in view.what_if.values():
            box.toggled.connect(lambda _on: self.recompute_forecast())
        view.currency.currentIndexChanged.connect(lambda _i: self.draw_charts())
        view.week.opened.connect(self.open)
        view.cards["overdue_count"].clicked.connect(
            lambda: self.open("invoices", InvoiceFilter(overdue_on=self.context.today()))
        )
        view.cards["disputes"].clicked.connect(
            lambda: self.open("invoices", InvoiceFilter(statuses=frozenset({DISPUTED})))
        )
        context.bus.changed.connect(self._changed)

    def _changed(self, changes: Changes) -> None:
        if changes.ledger or changes.reminders or changes.clients or changes.settings:
            self.refresh()

    def open(self, key: str, payload: object) -> None:
        self.context.bus.navigate.emit(key, payload)

    def options(self) -> ForecastOptions:
        boxes = self.view.what_if
        return ForecastOptions(
            exclude_disputed=boxes["disputed"].isChecked(),
            exclude_grade_e=boxes["grade_e"].isChecked(),
            pay_on_due_date=boxes["on_due_date"].isChecked(),
        )

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        today = self.context.today()
        options = self.options()
        self.view.show_date(today)
        self.view.week.set_loading()
        analytics = self.services.analytics
        run = self.context.tasks.run
        self._graded = False
        run(
            lambda: analytics.figures(today),
            lambda figures: self._show_figures(generation, figures),
            self.context.show_error,
        )
        run(
            lambda: self._overview(today, options),
            lambda result: self._show_overview(generation, result),
            self.context.show_error,
            slow=True,
        )
        run(
            lambda: analytics.overdue_trend(today),
            lambda trend: self._show_trend(generation, trend),
            self.context.show_error,
        )
        run(
            lambda: analytics.week.reminders(today),
            lambda lines: self._show_week(generation, REMINDER, lines),
            self._week_failed,
        )

    def _overview(self, today: date, options: ForecastOptions) -> Overview:
        """Runs in a worker: everything that one reading of the dossier gives."""
        preload()
        analytics = self.services.analytics
        snapshot = analytics.snapshot(today)
        first, last = week_bounds(today)
        return Overview(
            snapshot,
            analytics.key_figures(today, snapshot),
            analytics.forecast(today, FORECAST_WEEKS, options, snapshot),
            analytics.week.promises(today, first, last),
            analytics.week.disputes(today),
        )

    def _show_figures(self, generation: int, figures: DashboardFigures) -> None:
        """The first figures, summed by the database; the overview completes them."""
        if generation == self._generation:
            self.view.empty_hint.setVisible(not figures.key.by_currency)
        if generation == self._generation and not self._graded:
            show_figures(
                self.view.cards,
                figures.key,
                figures.promises_due,
                figures.disputes_open,
                graded=False,
            )

    def _show_overview(self, generation: int, overview: Overview) -> None:
        if generation != self._generation:
            return
        self._graded = True
        self.overview = overview
        figures = overview.figures
        show_figures(self.view.cards, figures.key, figures.promises_due, figures.disputes_open)
        self.view.week.show_lines(PROMISE, overview.promises)
        self.view.week.show_lines(DISPUTE, overview.disputes)
        self.forecast = overview.forecast
        self.view.show_currencies(
            sorted(set(figures.key.by_currency) | set(self.forecast)), self.context_currency()
        )
        self.draw_charts()

    def _show_trend(self, generation: int, trend: dict[str, list[TrendPoint]]) -> None:
        if generation == self._generation:
            self.trend = trend
            self.draw_charts()

    def _show_week(self, generation: int, kind: str, lines: list[WeekLine]) -> None:
        if generation == self._generation:
            self.view.week.show_lines(kind, lines)

    def _week_failed(self, error: Exception) -> None:
        self.view.week.show_lines(REMINDER, [])
        self.context.show_error(error)

    def recompute_forecast(self) -> None:
        """The what-ifs: the same snapshot, other options; no new reading of the dossier."""
        if self.overview is None:
            return
        snapshot, options, generation = self.overview.snapshot, self.options(), self._generation
        self.context.tasks.run(
            lambda: self.services.analytics.forecast(
                snapshot.as_of, FORECAST_WEEKS, options, snapshot
            ),
            lambda result: self._show_forecast(generation, result),
            self.context.show_error,
        )

    def _show_forecast(self, generation: int, result: dict[str, CurrencyForecast]) -> None:
        if generation == self._generation:
            self.forecast = result
            self.draw_charts()

    def draw_charts(self) -> None:
        currency = self.view.currency.currentData() or self.context_currency()
        points = self.trend.get(currency, [])
        self.view.trend_chart.draw(lambda figure, ink: draw_trend(figure, points, currency, ink))
        forecast = self.forecast.get(currency)
        self.view.forecast_chart.draw(
            lambda figure, ink: draw_forecast(figure, forecast, currency, ink)
        )
        self.view.show_forecast_note(forecast, currency)

    def context_currency(self) -> str:
        """The company's currency: the charts' first choice."""
        return str(getattr(self.context, "currency", "EUR"))
