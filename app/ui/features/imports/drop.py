"""Files dropped on the main window open the import wizard with them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QWidget


def dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class FileDrop(QObject):
    """Accepts local files dragged over `widget` and hands them to `open_files`."""

    def __init__(self, widget: QWidget, open_files: Callable[[list[Path]], object]) -> None:
        super().__init__(widget)
        self._open = open_files
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if dropped_files(event):  # type: ignore[arg-type]
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        elif event.type() == QEvent.Type.Drop:
            files = dropped_files(event)  # type: ignore[arg-type]
            if files:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                self._open(files)
                return True
        return super().eventFilter(watched, event)
