"""File ▸ Recent dossiers: the last five dossier files opened, remembered in the window settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from app.i18n import _

RECENT_KEY = "recent/dossiers"
RECENT_COUNT = 5


def _settings(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def recent_dossiers(settings_file: Path) -> list[str]:
    value = _settings(settings_file).value(RECENT_KEY, [])
    if isinstance(value, str):  # QSettings gives one value back as a plain string
        value = [value]
    if not isinstance(value, list):
        return []
    return [str(v) for v in value if v]


def remember(settings_file: Path, dossier: str) -> list[str]:
    """`dossier` first, then the others, at most five."""
    kept = [dossier] + [d for d in recent_dossiers(settings_file) if d != dossier]
    settings = _settings(settings_file)
    settings.setValue(RECENT_KEY, kept[:RECENT_COUNT])
    settings.sync()
    return kept[:RECENT_COUNT]


def forget(settings_file: Path, dossier: str) -> None:
    settings = _settings(settings_file)
    settings.setValue(RECENT_KEY, [d for d in recent_dossiers(settings_file) if d != dossier])
    settings.sync()


def dossier_file(services: Any) -> str | None:
    """The dossier's file (PostgreSQL dossiers, opened with their address, are not listed)."""
    url = services.url
    if not str(url.drivername).startswith("sqlite") or not url.database:
        return None
    return str(Path(url.database).resolve())


class RecentDossiers:
    def __init__(self, window: QMainWindow, menu: QMenu, open_dossier: Any) -> None:
        self.window: Any = cast(Any, window)
        self.menu = menu
        self.open_dossier = open_dossier
        self.settings_file = self.window.services.paths.window_settings
        own = dossier_file(self.window.services)
        if own is not None:
            remember(self.settings_file, own)
        menu.aboutToShow.connect(self.fill)
        self.fill()

    def fill(self) -> None:
        self.menu.clear()
        own = dossier_file(self.window.services)
        others = [d for d in recent_dossiers(self.settings_file) if d != own]
        for index, dossier in enumerate(others, start=1):
            action = self.menu.addAction(f"&{index} {Path(dossier).name}")
            action.setToolTip(dossier)
            action.setStatusTip(dossier)
            action.triggered.connect(lambda _checked=False, d=dossier: self.open(d))
        if not others:
            self.menu.addAction(_("No other dossier yet")).setEnabled(False)

    def open(self, dossier: str) -> None:
        if not Path(dossier).is_file():
            forget(self.settings_file, dossier)
            QMessageBox.warning(
                self.window,
                _("Recent dossiers"),
                _("The dossier {path} is no longer there.").format(path=dossier),
            )
            self.fill()
            return
        if self.open_dossier is not None:
            self.open_dossier(dossier)
