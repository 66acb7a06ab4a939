"""Help ▸ User guide (F1) and About; View ▸ Appearance (system, light or dark)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu

from app.i18n import N_, _
from app.ui import theme

APPEARANCES = (
    (theme.SYSTEM, N_("Like the &system")),
    (theme.LIGHT, N_("&Light")),
    (theme.DARK, N_("&Dark")),
)


def install_appearance_menu(view_menu: QMenu, settings: Path) -> QActionGroup:
    """View ▸ Appearance: the choice applies at once and is kept for the next start."""
    menu = view_menu.addMenu(_("&Appearance"))
    menu.setObjectName("appearance_menu")
    group = QActionGroup(menu)
    group.setExclusive(True)
    current = theme.saved_mode(settings)
    for mode, title in APPEARANCES:
        action = QAction(_(title), menu, checkable=True)
        action.setObjectName(f"appearance_{mode}")
        action.setData(mode)
        action.setChecked(mode == current)
        group.addAction(action)
        menu.addAction(action)

    def chosen(action: QAction) -> None:
        mode = str(action.data())
        theme.save_mode(settings, mode)
        theme.appearance().set_mode(mode)

    group.triggered.connect(chosen)
    return group


def install_help_menu(window: QMainWindow, about: Callable[[], QDialog]) -> QAction:
    """Help ▸ User guide (F1, the platform's help key too) and Help ▸ About."""
    help_menu = window.menuBar().addMenu(_("&Help"))
    guide = QAction(_("&User guide"), window)
    guide.setObjectName("action_guide")
    keys = [QKeySequence(QKeySequence.StandardKey.HelpContents), QKeySequence("F1")]
    unique = {key.toString(): key for key in keys if not key.isEmpty()}
    guide.setShortcuts(list(unique.values()))

    def open_guide() -> QDialog:
        from app.ui.features.help.guide import GuideDialog

        dialog = GuideDialog(window)
        dialog.open()
        window.guide_dialog = dialog  # type: ignore[attr-defined]  # tests look at it
        return dialog

    guide.triggered.connect(open_guide)
    help_menu.addAction(guide)
    window.addAction(guide)
    help_menu.addSeparator()
    about_action = QAction(_("&About Relance"), window)
    about_action.triggered.connect(about)
    help_menu.addAction(about_action)
    return guide
