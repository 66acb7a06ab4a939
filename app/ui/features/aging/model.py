"""The aging table: one row per client in the chosen currency; the totals in a model of their
own so that the client rows stay exactly the report's rows."""

from __future__ import annotations

from typing import Any

from app.i18n import _
from app.services.analytics.aging_view import DUE_DATE, AgingChart, bucket_title
from app.ui.widgets.format import money
from app.ui.widgets.table_model import WARNING, Column, RowsModel

FIRST_BUCKET_COLUMN = 2


def aging_columns(chart: AgingChart) -> list[Column]:
    hint = _("Double-click to see these invoices")
    columns = [
        Column(_("Code"), lambda r: r.client_code or _("Total")),
        Column(_("Client"), lambda r: r.client_name),
    ]
    for index, name in enumerate(chart.buckets):
        is_late = index > 0 and chart.basis == DUE_DATE
        columns.append(_bucket_column(bucket_title(name, chart.basis), name, is_late, hint))
    columns.append(
        Column(
            _("Unapplied credit"),
            lambda r: money(-r.unapplied if r.unapplied else r.unapplied, r.currency),
            right=True,
            tooltip=lambda r: _(
                "Payments and credit notes not yet set against an invoice: deducted from the total"
            ),
        )
    )
    columns.append(
        Column(
            _("Total"),
            lambda r: money(r.total, r.currency),
            right=True,
            tooltip=lambda r: _(
                "Open invoices less unapplied credit: the dashboard's total receivable"
            ),
        )
    )
    return columns


def _bucket_column(title: str, name: str, is_late: bool, hint: str) -> Column:
    """The column of one bucket (late buckets in the warning colour when not empty)."""
    return Column(
        title,
        lambda r: money(r.buckets[name], r.currency),
        right=True,
        tone=(lambda r: WARNING if r.buckets[name] else None) if is_late else None,
        tooltip=lambda r: hint if r.buckets[name] else "",
    )


def bucket_of_column(chart: AgingChart, column: int) -> int | None:
    """The bucket shown in a table column; None for the other columns (whole row)."""
    index = column - FIRST_BUCKET_COLUMN
    return index if 0 <= index < len(chart.buckets) else None


class AgingModel(RowsModel):
    """Rows are `AgingRow`s; the columns follow the report's buckets."""

    def show(self, chart: AgingChart, rows: list[Any]) -> None:
        self.beginResetModel()
        self.columns = aging_columns(chart)
        self.rows = list(rows)
        self.endResetModel()
