"""Edit ▸ Undo (Ctrl+Z): takes back the last done / skip / snooze recorded in the window.

A view that records something undoable publishes an `Undoable` on the change bus (`undoable`);
anything else recorded there publishes None, so Ctrl+Z never reaches past the last recording.
The undo runs as a write: the Changes it returns refresh the views like any other write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from app.i18n import _
from app.services.changes import Changes


@dataclass(frozen=True)
class Undoable:
    what: str  # shown in the menu: "done (Boulangerie Martin)"
    run: Callable[[], Changes]  # the write that takes it back (off the UI thread)
    after: Callable[[], None] = lambda: None  # on the UI thread, once undone


class WindowUndo(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.pending: Undoable | None = None
        self.menu = menu = window.menuBar().addMenu(_("&Edit"))
        self.action = QAction(_("&Undo"), window)
        self.action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.action.setEnabled(False)
        self.action.triggered.connect(self.undo)
        menu.addAction(self.action)
        window.bus.undoable.connect(self.offer)

    def offer(self, undoable: Undoable | None) -> None:
        self.pending = undoable
        self.action.setEnabled(undoable is not None)
        self.action.setText(
            _("&Undo {what}").format(what=undoable.what) if undoable is not None else _("&Undo")
        )

    def undo(self) -> None:
        pending = self.pending
        if pending is None:
            return
        self.offer(None)  # once only, even if the write fails

        def done(_changes: Changes) -> None:
            pending.after()
            self.window.statusBar().showMessage(_("Undone: {what}").format(what=pending.what), 8000)

        self.window.tasks.run(pending.run, done, self.window.show_error, write=True)
