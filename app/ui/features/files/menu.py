"""The File menu entries of this folder, added to the window in one call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from app.i18n import _
from app.ui.features.files.backups import AutoBackups
from app.ui.features.files.export import LISTS, ListExporter
from app.ui.features.files.recent import RecentDossiers
from app.ui.features.files.restore import Restorer


@dataclass
class FileActions:
    exporter: ListExporter
    export_current: QAction
    export_lists: dict[str, QAction]
    restorer: Restorer
    restore: QAction
    backups: AutoBackups
    back_up_now: QAction
    backup_settings: QAction
    recent: RecentDossiers


def install_file_actions(
    window: QMainWindow, menu: QMenu, before: QAction, open_dossier: Any = None
) -> FileActions:
    """Recent dossiers above `before` (the Backup… entry); back up, restore and export below."""
    recent_menu = QMenu(_("&Recent dossiers"), window)
    menu.insertMenu(before, recent_menu)
    menu.insertSeparator(before)
    recent = RecentDossiers(window, recent_menu, open_dossier)

    backups = AutoBackups(window)
    now = QAction(_("Back up &now"), window)
    now.setStatusTip(_("Copy the dossier into the automatic backups folder"))
    now.triggered.connect(backups.back_up_now)
    menu.addAction(now)
    restorer = Restorer(window)
    restore = QAction(_("&Restore…"), window)
    restore.triggered.connect(restorer.ask)
    menu.addAction(restore)
    settings = QAction(_("Automatic &backups…"), window)
    settings.triggered.connect(backups.edit_settings)

    menu.addSeparator()
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
    backups.on_open()
    return FileActions(exporter, current, lists, restorer, restore, backups, now, settings, recent)
