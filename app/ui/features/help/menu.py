"""Help ▸ User guide (F1) and About; View ▸ Appearance (system, light or dark)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMenu, QWidget

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

    def open_guide(over: QWidget | None = None) -> QDialog:
        from app.ui.features.help.guide import GuideDialog

        dialog = GuideDialog(over or window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        window.guide_dialog = dialog  # type: ignore[attr-defined]  # tests look at it
        return dialog

    guide.triggered.connect(lambda: open_guide())
    filter_ = HelpKeyInDialogs(open_guide, window)
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(filter_)
    help_menu.addAction(guide)
    window.addAction(guide)
    help_menu.addSeparator()
    about_action = QAction(_("&About Relance"), window)
    about_action.triggered.connect(about)
    help_menu.addAction(about_action)
    return guide


class HelpKeyInDialogs(QObject):
    """F1 in a dialog opens the guide over it: the window's shortcut does not reach a dialog
    that holds the input (a form being filled), and the guide must open above the dialog to
    be read (a window behind a modal dialog takes no clicks)."""

    def __init__(self, open_guide: Callable[[QWidget], QDialog], parent: QObject) -> None:
        super().__init__(parent)
        self._open_guide = open_guide
        self._keys = {
            QKeySequence(QKeySequence.StandardKey.HelpContents).toString(),
            QKeySequence("F1").toString(),
        }

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        from app.ui.features.help.guide import GuideDialog

        modal = QApplication.activeModalWidget()
        if modal is None or isinstance(modal, GuideDialog):
            return False
        key = QKeySequence(event.keyCombination()).toString()
        if key not in self._keys or watched is not QApplication.focusWidget():
            return False
        self._open_guide(modal)
        return True
