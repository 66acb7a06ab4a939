"""The window's change bus: the task runner publishes here the `Changes` a write returned."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.services.changes import Changes

__all__ = ["ChangeBus", "Changes"]


class ChangeBus(QObject):
    """One per window; views connect to `changed` and look at the fields they care about."""

    changed = Signal(object)
    navigate = Signal(str, object)  # view key, filter or record to show
    undoable = Signal(object)  # app.ui.undo.Undoable of the last recording, or None

    def publish(self, changes: Changes) -> None:
        self.changed.emit(changes)
