"""The File menu entries of this folder, added to the window in one call."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from app.i18n import _
from app.ui.features.files.export import LISTS, ListExporter


@dataclass
class FileActions:
    exporter: ListExporter
    export_current: QAction
    export_lists: dict[str, QAction]


def install_file_actions(window: QMainWindow, menu: QMenu) -> FileActions:
    exporter = ListExporter(window)
    export_menu = menu.addMenu(_("&Export"))
    current = QAction(_("This &list…"), window, shortcut=QKeySequence("Ctrl+E"))
    current.triggered.connect(exporter.current)
    export_menu.addAction(current)
    export_menu.addSeparator()
    lists: dict[str, QAction] = {}
    for which, title in LISTS:
        action = QAction(_(title), window)
        action.triggered.connect(lambda _checked=False, w=which: exporter.export(w))
        export_menu.addAction(action)
        lists[which] = action
    return FileActions(exporter, current, lists)
