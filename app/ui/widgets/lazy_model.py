"""A table model over a list too long to load: pages of 500 rows by keyset, fetched off the UI
thread, appended as the user scrolls. Sorting asks the database again; nothing is sorted here.

`fetch(after, limit, sort_key, descending)` returns the rows after the row `after` (None for
the first page). `run(fn, on_done, on_error)` executes it (the window's task runner, or at once
when None, as in tests). A page shorter than PAGE means the end is reached.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QIcon

from app.i18n import _
from app.ui.widgets.table_model import cell_data

Index = QModelIndex | QPersistentModelIndex
PAGE = 500
ROW_ROLE = Qt.ItemDataRole.UserRole

Fetch = Callable[[Any, int, str, bool], list[Any]]
Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[Exception], None]], None]


@dataclass(frozen=True)
class LazyColumn:
    title: str  # marked with N_, translated when shown
    text: Callable[[Any], str]
    sort_key: str | None = None
    right: bool = False
    tone: Callable[[Any], str | None] | None = None
    icon: Callable[[Any], QIcon | None] | None = None
    tooltip: Callable[[Any], str] | None = None


class LazyTableModel(QAbstractTableModel):
    loaded = Signal()  # the first page of a (re)load is in
    failed = Signal(object)

    def __init__(
        self,
        columns: Sequence[LazyColumn],
        fetch: Fetch,
        run: Runner | None = None,
        parent: Any = None,
        sort_key: str = "",
        descending: bool = False,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._fetch = fetch
        self._run = run
        self.rows: list[Any] = []
        self.sort_key = sort_key
        self.descending = descending
        self.exhausted = True
        self.loading = False
        self._generation = 0

    # -- loading ----------------------------------------------------------------------
    def _execute(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        if self._run is None:
            try:
                result = fn()
            except Exception as error:  # noqa: BLE001 - reported like the runner does
                self._fail(error)
                return
            done(result)
        else:
            self._run(fn, done, self._fail)

    def _fail(self, error: Exception) -> None:
        self.loading = False
        self.failed.emit(error)

    def reload(self) -> None:
        """Ask for the first page again; the old rows stay on screen until it arrives."""
        self._generation += 1
        generation = self._generation
        self.loading = True
        sort, descending = self.sort_key, self.descending
        self._execute(
            lambda: self._fetch(None, PAGE, sort, descending),
            lambda rows: self._first(generation, rows),
        )

    def _first(self, generation: int, rows: list[Any]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self.rows = list(rows)
        self.exhausted = len(rows) < PAGE
        self.loading = False
        self.endResetModel()
        self.loaded.emit()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self.exhausted and not self.loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or not self.rows:
            return
        self.loading = True
        generation = self._generation
        last, sort, descending = self.rows[-1], self.sort_key, self.descending
        self._execute(
            lambda: self._fetch(last, PAGE, sort, descending),
            lambda rows: self._more(generation, rows),
        )

    def _more(self, generation: int, rows: list[Any]) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.exhausted = len(rows) < PAGE
        if rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()

    # -- Qt model ---------------------------------------------------------------------
    def row(self, index: int) -> Any:
        return self.rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or self.columns[column].sort_key is None:
            return
        self.sort_key = self.columns[column].sort_key  # type: ignore[assignment]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        item = self.rows[index.row()]
        if role == ROW_ROLE:
            return item
        return cell_data(self.columns[index.column()], item, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return _(self.columns[section].title)
        return None
