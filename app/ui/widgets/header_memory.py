"""Column widths, order and sort of a table, remembered per table in the window settings file.

Every list calls `remember_header(table, key, path)` once its default widths are set: the saved
state (if any, and if the table still has the same columns) replaces the defaults, and every
later change (a width dragged, a column moved, a sort clicked) is written shortly after, and
again when the window closes (MainWindow.save_layout saves every HeaderMemory it holds).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QTableView

SAVE_DELAY_MS = 400  # a drag emits a resize per pixel; write once it settles


class HeaderMemory(QObject):
    def __init__(self, table: QTableView, key: str, path: Path) -> None:
        header = table.horizontalHeader()
        super().__init__(header)
        self.setObjectName(f"header_memory_{key}")
        self.table = table
        self.key = key
        self.path = path
        self.restored = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        header.sectionResized.connect(self._touched)
        header.sectionMoved.connect(self._touched)
        header.sortIndicatorChanged.connect(self._touched)
        if header.count():
            self.restore()
        else:  # columns come with the first data (the aging buckets): restore then
            header.sectionCountChanged.connect(self._columns_arrived)

    def _settings(self) -> QSettings:
        return QSettings(str(self.path), QSettings.Format.IniFormat)

    def _columns_arrived(self, _old: int, new: int) -> None:
        if new and not self.restored:
            self.restore()

    def _touched(self, *_args: object) -> None:
        if self.restored:  # the defaults set before restoring are not a user's choice
            self._timer.start()

    def restore(self) -> bool:
        """Put back the saved state; False (defaults kept) when none or the columns changed."""
        from app.ui.widgets.tables import fit_titles

        fit_titles(self.table)  # the defaults first, widened to their titles
        header = self.table.horizontalHeader()
        self.restored = True
        settings = self._settings()
        state = settings.value(f"tables/{self.key}/header")
        count = settings.value(f"tables/{self.key}/columns", type=int)
        if state is None or count != header.count():
            return False
        if not header.restoreState(state):
            return False
        column = int(settings.value(f"tables/{self.key}/sort_column", -1, type=int))  # type: ignore[call-overload]
        order = int(settings.value(f"tables/{self.key}/sort_order", 0, type=int))  # type: ignore[call-overload]
        if self.table.isSortingEnabled() and 0 <= column < header.count():
            self.table.sortByColumn(column, Qt.SortOrder(order))
        return True

    def save(self) -> None:
        self._timer.stop()
        if not self.restored:
            return
        header = self.table.horizontalHeader()
        settings = self._settings()
        settings.setValue(f"tables/{self.key}/header", header.saveState())
        settings.setValue(f"tables/{self.key}/columns", header.count())
        settings.setValue(f"tables/{self.key}/sort_column", header.sortIndicatorSection())
        settings.setValue(f"tables/{self.key}/sort_order", header.sortIndicatorOrder().value)
        settings.sync()


def remember_header(table: QTableView, key: str, path: Path | None) -> HeaderMemory | None:
    """Remember this table's columns under `key`; nothing when there is no settings file.
    Columns narrower than their titles are widened first (the defaults, not a user's widths)."""
    if path is None:
        from app.ui.widgets.tables import fit_titles

        fit_titles(table)
        return None
    return HeaderMemory(table, key, path)
