"""Running the first-run assistant for a dossier without a company, then its first step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.paths import Paths
from app.ui.features.firstrun.wizard import DEMO, FIRST_CLIENT, IMPORT, FirstRunWizard


def first_run(services: Any, make_window: Callable[[], Any], demo: Callable[[], None]) -> Any:
    """The assistant, then the window on the saved company (None: cancelled before saving)."""

    def save(settings: Any) -> Any:
        services.dossier.init(settings)
        return make_window()

    wizard = FirstRunWizard(save)
    accepted = bool(wizard.exec())
    window = wizard.window_built
    if window is None:
        services.close()
        return None
    choice = wizard.choice() if accepted else None
    QTimer.singleShot(0, lambda: start(window, choice, demo))
    return window


def start(window: Any, choice: str | None, demo: Callable[[], None]) -> None:
    """Do what the user chose on the assistant's last page."""
    if choice == IMPORT:
        action = getattr(window, "action_import", None)
        if action is not None:
            action.trigger()
    elif choice == FIRST_CLIENT:
        window.show_view("clients")
        window.views["clients"].new_client()
    elif choice == DEMO:
        demo()


def open_demo(paths: Paths, lang: str | None, reopen: Callable[[str], None]) -> None:
    """The demo in its own dossier (filled the first time), opened in place of this one."""
    from app.bootstrap import build

    target = paths.demo_dossier
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a few seconds, once
    try:
        services = build(str(target), lang, paths)
        try:
            if not services.dossier.is_initialised():
                services.demo.generate(as_of=date.today())  # noqa: DTZ011 - the user's day
        finally:
            services.close()
    finally:
        QApplication.restoreOverrideCursor()
    reopen(str(target))
