"""Lazy invoice list: counts in SQL, fetches 500 rows at a time by keyset, sorts by re-querying."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from app.i18n import N_, _
from app.ui.widgets.format import day, money
from app.ui.widgets.table_model import LEFT, MUTED, RIGHT, WARNING

Index = QModelIndex | QPersistentModelIndex
PAGE = 500

STATUS_TEXT = {
    "open": N_("Open"),
    "partially_paid": N_("Partially paid"),
    "paid": N_("Paid"),
    "overdue": N_("⚠ Overdue"),
    "disputed": N_("⚑ Disputed"),
    "written_off": N_("Written off"),
    "credit_note": N_("Credit note"),
}
COLUMNS = [
    ("number", N_("Number")),
    ("client", N_("Client")),
    ("issue_date", N_("Issued")),
    ("due_date", N_("Due")),
    ("total", N_("Total")),
    (None, N_("Balance")),
    (None, N_("Days late")),
    (None, N_("Status")),
]


class InvoiceListModel(QAbstractTableModel):
    """`count()` and `page(after, limit)` are injected, so tests need no window or database."""

    def __init__(
        self,
        count: Callable[[], int],
        page: Callable[[Any, int, str, bool], list[Any]],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._count = count
        self._page = page
        self.rows: list[Any] = []
        self.total = 0
        self.sort_key = "due_date"
        self.descending = True

    def reload(self) -> None:
        self.beginResetModel()
        self.total = self._count()
        self.rows = self._page(None, PAGE, self.sort_key, self.descending)
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self.rows:
            return
        more = self._page(self.rows[-1], PAGE, self.sort_key, self.descending)
        if not more:
            self.total = len(self.rows)
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][0] if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        line = row.line
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                line.number,
                f"{line.client_code} — {line.client_name}",
                day(line.issue_date),
                day(line.due_date),
                money(line.total, line.currency),
                money(line.balance, line.currency),
                str(row.days_overdue) if row.days_overdue else "",
                _(STATUS_TEXT.get(row.status, row.status)),
            ][col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if col in (4, 5, 6) else LEFT)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.status in ("overdue", "disputed") and col in (5, 6, 7):
                return QBrush(WARNING)
            if row.status in ("paid", "written_off", "credit_note"):
                return QBrush(MUTED)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(COLUMNS)):
            return _(COLUMNS[section][1])
        return None
