"""Help ▸ About: the version and the licences of what the program is built with."""

from __future__ import annotations

from importlib import metadata

from app import __version__
from app.ui.about import AboutDialog
from app.ui.main_window import MainWindow


def test_about_shows_version_and_licences(qtbot, sqlite_services) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(sqlite_services)
    qtbot.addWidget(window)
    help_menu = next(m for m in window.menuBar().actions() if m.text() == "&Help").menu()
    [about] = [a for a in help_menu.actions() if a.text() == "&About Relance"]
    about.trigger()
    dialog = window.findChild(AboutDialog, "about")
    qtbot.waitUntil(dialog.isVisible)
    assert f"Relance {__version__}" in dialog.title.text()
    assert "Licence: Proprietary" in dialog.title.text()
    text = dialog.libraries.toPlainText()
    assert "PySide6-Essentials" in text
    assert "LGPL-3.0-only" in text
    assert metadata.version("SQLAlchemy") in text
    dialog.close()
    window.tasks.wait()
