"""A matplotlib chart in a Qt widget; matplotlib is loaded the first time a chart is drawn,
so the window opens without it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

_LOADING = threading.Lock()


def preload() -> None:
    """Import matplotlib in a worker thread, so the first chart does not stall the window.

    One thread at a time: two threads importing matplotlib's circular modules together can
    each get the other's half-made module (Python breaks the import deadlock that way)."""
    with _LOADING:
        import matplotlib.backends.backend_qtagg
        import matplotlib.figure
        import matplotlib.patches
        import matplotlib.ticker  # noqa: F401


class ChartWidget(QWidget):
    """Draws with a function `draw(figure, ink) -> {artist: target}`; a click on an artist
    that has a target emits `picked(target)`. Drawn again in the window's colours when the
    palette changes (light or dark)."""

    picked = Signal(object)

    def __init__(self, width: float = 8, height: float = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size = (width, height)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.canvas: Any = None
        self.figure: Any = None
        self.targets: dict[Any, object] = {}
        self._painter: Callable[[Any, Any], dict[Any, object] | None] | None = None
        self._stale = False  # drawn while hidden: drawn when next shown
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)

    def _ensure_canvas(self) -> None:
        if self.canvas is not None:
            return
        preload()  # waits for a worker still importing it
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=self._size, dpi=100, facecolor=self.ink().face)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setParent(self)
        self.canvas.mpl_connect("pick_event", self._on_pick)
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)
        self._layout.addWidget(self.canvas)

    def ink(self) -> Any:
        """The chart's colours from the widget's palette: its window and text colours."""
        from app.services.analytics.charts import ink_for
        from app.ui.theme import is_dark_palette

        palette = self.palette()
        return ink_for(
            palette.color(QPalette.ColorRole.Window).name(),
            palette.color(QPalette.ColorRole.WindowText).name(),
            is_dark_palette(palette),
        )

    def draw(self, painter: Callable[[Any, Any], dict[Any, object] | None]) -> None:
        """Draw with `painter`, now; or, when the chart sits on a view the window is not
        showing, the next time it is shown: matplotlib draws on the window's thread, and a
        hidden chart drawn for nothing freezes the view the user is looking at."""
        self._painter = painter
        self._stale = not self.isVisible() and self.window().isVisible()
        if not self._stale:
            self._render(painter)

    def _render(self, painter: Callable[[Any, Any], dict[Any, object] | None]) -> None:
        self._ensure_canvas()
        self.targets = painter(self.figure, self.ink()) or {}
        self.canvas.draw_idle()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale and self._painter is not None:
            self._stale = False
            self._render(self._painter)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._painter is not None:
            self.draw(self._painter)

    def click(self, target: object) -> None:
        """What a click on the artist of `target` does (tests click without a mouse)."""
        self.picked.emit(target)

    def _on_pick(self, event: Any) -> None:
        target = self.targets.get(event.artist)
        if target is not None and getattr(event.mouseevent, "button", 1) == 1:
            self.click(target)

    def _on_motion(self, event: Any) -> None:
        from PySide6.QtCore import Qt

        over = any(artist.contains(event)[0] for artist in self.targets) if event.inaxes else False
        self.canvas.setCursor(
            Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor
        )

    def save(self, path: str, fmt: str) -> None:
        """The chart as shown, to PNG or SVG."""
        self._ensure_canvas()
        self.figure.savefig(
            path, format=fmt, dpi=150, facecolor=self.figure.get_facecolor(), bbox_inches="tight"
        )
