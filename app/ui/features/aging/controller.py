"""What the aging view does: loads the report off the UI thread, redraws, opens the invoices
behind a bar or a cell, saves the bucket limits, exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QFileDialog

from app.domain.filters import InvoiceFilter
from app.i18n import _, format_date
from app.services.analytics.aging_view import DUE_DATE, AgingCell, AgingChart, overdue_of
from app.services.analytics.charts import BarTarget, draw_aging
from app.services.analytics.export import export_aging
from app.services.changes import Changes
from app.ui.context import ViewContext
from app.ui.features.aging.chart import preload
from app.ui.features.aging.dialogs import LimitsDialog
from app.ui.features.aging.model import bucket_of_column
from app.ui.needs import AnalyticsNeeds
from app.ui.widgets.format import money

EXPORT_FILTERS = {
    "csv": "CSV (*.csv)",
    "xlsx": "Excel (*.xlsx)",
    "pdf": "PDF (*.pdf)",
    "png": "PNG (*.png)",
    "svg": "SVG (*.svg)",
}


class AgingController(QObject):
    def __init__(self, view: Any, services: AnalyticsNeeds, context: ViewContext) -> None:
        super().__init__(view)
        self.view = view
        self.services = services
        self.context = context
        self.chart: AgingChart | None = None
        self._generation = 0
        view.as_of.dateChanged.connect(lambda _d: self.refresh())
        view.basis.currentIndexChanged.connect(lambda _i: self.refresh())
        view.currency.currentIndexChanged.connect(lambda _i: self.refresh())
        view.top.valueChanged.connect(lambda _v: self.refresh())
        view.chart.picked.connect(self.open_target)
        view.table.activated.connect(self.open_index)
        view.totals_table.activated.connect(self.open_totals)
        view.buckets_button.clicked.connect(self.edit_limits)
        for fmt, action in view.export_actions.items():
            action.triggered.connect(lambda _c=False, f=fmt: self.export(f))
        context.bus.changed.connect(self._changed)

    # -- loading ----------------------------------------------------------------------
    def _changed(self, changes: Changes) -> None:
        if changes.ledger or changes.settings or changes.clients:
            self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        as_of = self.view.as_of.date().toPython()
        basis = self.view.basis.currentData()
        currency = self.view.currency.currentData()
        top = self.view.top.value()
        self.view.status.setText(_("Computing…"))

        def load() -> AgingChart:
            preload()
            return self.services.analytics.aging(as_of, None, basis, currency, top)

        self.context.tasks.run(
            load,
            lambda chart: self._show(generation, chart),
            self._failed,
        )

    def _failed(self, error: Exception) -> None:
        self.view.status.setText("")
        self.context.show_error(error)

    def _show(self, generation: int, chart: AgingChart) -> None:
        if generation != self._generation:
            return  # an older request: a newer one is on its way
        self.chart = chart
        self.view.show_currencies(chart.currencies, chart.currency)
        self.view.model.show(chart, chart.rows)
        self.view.totals_model.show(chart, [chart.totals] if chart.totals else [])
        self.view.sync_totals()
        self.view.chart.draw(lambda figure, ink: draw_aging(figure, chart, ink))
        self.view.status.setText(self.summary(chart))
        if chart.rows:
            self.view.empty.clear()
        else:
            self.view.empty.show_message(
                _(
                    "Nothing is owed on this date. The invoices you enter or import appear "
                    "here by age, once they are due."
                ),
                _("Open the invoices"),
                lambda: self.context.bus.navigate.emit("invoices", None),
            )

    @staticmethod
    def summary(chart: AgingChart) -> str:
        if chart.totals is None:
            return _("Nothing is owed on {date}.").format(date=format_date(chart.as_of))
        total = money(chart.totals.total, chart.totals.currency)
        if chart.basis != DUE_DATE:
            return _("Total receivable {total}").format(total=total)
        return _("Total receivable {total} · overdue {late}").format(
            total=total, late=money(overdue_of(chart.totals), chart.totals.currency)
        )

    # -- opening the invoices ---------------------------------------------------------
    def open_cell(self, cell: AgingCell) -> None:
        self.context.bus.navigate.emit("invoices", cell.invoice_filter())

    def open_target(self, target: BarTarget) -> None:
        if self.chart is None:
            return
        row = next((r for r in self.chart.rows if r.client_code == target.client_code), None)
        self.open_cell(self.chart.cell(target.bucket, row))

    def open_index(self, index: Any) -> None:
        """A bucket cell opens its invoices; the other columns the client's open invoices."""
        if self.chart is None or not index.isValid():
            return
        row = self.view.model.row(index.row())
        bucket = bucket_of_column(self.chart, index.column())
        if bucket is not None:
            self.open_cell(self.chart.cell(bucket, row))
            return
        self.context.bus.navigate.emit(
            "invoices",
            InvoiceFilter(
                client_id=self.chart.client_id(row),
                open_only=True,
                currency=row.currency,
                as_of=self.chart.as_of,
            ),
        )

    def open_totals(self, index: Any) -> None:
        if self.chart is None or not index.isValid():
            return
        bucket = bucket_of_column(self.chart, index.column())
        if bucket is not None:
            self.open_cell(self.chart.cell(bucket))
            return
        self.context.bus.navigate.emit(
            "invoices",
            InvoiceFilter(open_only=True, currency=self.chart.currency, as_of=self.chart.as_of),
        )

    # -- settings and exports -------------------------------------------------------
    def edit_limits(self) -> None:
        limits = self.chart.limits if self.chart else (30, 60, 90)
        dialog = LimitsDialog(limits, self.view)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.limits():
            self.set_limits(dialog.limits())  # type: ignore[arg-type]

    def set_limits(self, limits: tuple[int, ...]) -> None:
        """Save the limits in the dossier; every view showing the aging then refreshes."""
        self.context.tasks.run(
            lambda: self.services.analytics.save_aging_limits(limits),
            lambda _saved: None,  # the saved settings carry their Changes
            self.context.show_error,
            write=True,
        )

    def export(self, fmt: str, path: str | None = None) -> None:
        if self.chart is None:
            return
        chart = self.chart
        if path is None:
            suggested = f"aging-{chart.as_of.isoformat()}.{fmt}"
            path, _selected = QFileDialog.getSaveFileName(
                self.view, _("Export the aged receivables"), suggested, EXPORT_FILTERS[fmt]
            )
            if not path:
                return
            if not path.lower().endswith(f".{fmt}"):
                path = f"{path}.{fmt}"
        target = Path(path)
        self.view.status.setText(_("Exporting…"))
        self.context.tasks.run(
            lambda: export_aging(chart, target, fmt),
            lambda written: self.view.status.setText(_("Saved: {path}").format(path=str(written))),
            self._failed,
        )
