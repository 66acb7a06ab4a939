"""Edit ▸ Search everywhere: the action and its keys; the popup and the search are loaded
the first time it is used, not while the window opens."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from app.i18n import _


def install_search(window: Any, menu: Any) -> Any:
    """Edit ▸ Search everywhere…: Ctrl+K, and Ctrl+Shift+F (Ctrl+F searches the list shown)."""
    action = QAction(_("&Search everywhere…"), window)
    action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+Shift+F")])
    action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    action.setStatusTip(_("Find a client, an invoice or a payment from anywhere"))
    holder: dict[str, Any] = {}

    def show() -> None:
        popup = holder.get("popup")
        if popup is None:
            from app.ui.features.search.popup import SearchPopup

            popup = holder["popup"] = SearchPopup(window)
            window.search_popup = popup
        popup.start()

    action.triggered.connect(show)
    menu.addSeparator()
    menu.addAction(action)
    window.addAction(action)
    return action
