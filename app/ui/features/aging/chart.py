"""A matplotlib chart in a Qt widget, drawn in a thread of its own.

matplotlib draws in Python: a chart of the dashboard or the aging takes 0.1–0.2 s alone, and
twice that while a worker computes a large plan beside it. Drawn on the window's thread, that
is a frozen window. Here the figure is drawn to a picture in the charts' thread, and the window
only shows the picture; clicks and the hand cursor use the boxes of the chart's bars, measured
when it was drawn. matplotlib is loaded the first time a chart is drawn, so the window opens
without it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

log = logging.getLogger(__name__)

_LOADING = threading.Lock()
_DPI = 100
_pool: ThreadPoolExecutor | None = None

Painter = Callable[[Any, Any], "dict[Any, object] | None"]


def preload() -> None:
    """Import matplotlib in a worker thread, so the first chart does not wait for it.

    One thread at a time: two threads importing matplotlib's circular modules together can
    each get the other's half-made module (Python breaks the import deadlock that way)."""
    with _LOADING:
        import matplotlib.backends.backend_agg
        import matplotlib.figure
        import matplotlib.patches
        import matplotlib.ticker  # noqa: F401


def _charts_thread() -> ThreadPoolExecutor:
    """One thread draws every chart, one after the other: matplotlib's caches are not made
    for two figures drawn at once."""
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(1, thread_name_prefix="charts")
    return _pool


@dataclass(frozen=True)
class Drawing:
    """A chart drawn: its picture, its figure (for an export) and where its targets are."""

    generation: int
    image: QImage
    figure: Any
    targets: dict[Any, object]
    boxes: tuple[tuple[QRectF, object], ...]
    """Each target's box in the widget's coordinates (logical pixels, from the top left)."""


def draw_figure(
    painter: Painter, ink: Any, width: int, height: int, ratio: float, generation: int = 0
) -> Drawing:
    """Draw with `painter` a figure of `width` × `height` logical pixels, at `ratio` device
    pixels per logical one. Touches no widget: runs in the charts' thread."""
    preload()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width / _DPI, height / _DPI), dpi=_DPI * ratio, facecolor=ink.face)
    canvas = FigureCanvasAgg(figure)
    targets = painter(figure, ink) or {}
    canvas.draw()
    pixels_w, pixels_h = canvas.get_width_height()
    image = QImage(
        bytes(canvas.buffer_rgba()), pixels_w, pixels_h, QImage.Format.Format_RGBA8888
    ).copy()  # its own pixels, not the canvas's buffer
    image.setDevicePixelRatio(ratio)
    renderer = canvas.get_renderer()
    boxes = []
    for artist, target in targets.items():
        box = artist.get_window_extent(renderer)  # device pixels, from the bottom left
        boxes.append(
            (
                QRectF(
                    box.x0 / ratio,
                    (pixels_h - box.y1) / ratio,
                    box.width / ratio,
                    box.height / ratio,
                ),
                target,
            )
        )
    return Drawing(generation, image, figure, targets, tuple(boxes))


class ChartWidget(QWidget):
    """Draws with a function `draw(figure, ink) -> {artist: target}`; a click on an artist
    that has a target emits `picked(target)`. Drawn again at its new size after a resize and
    in the window's colours when the palette changes (light or dark); a chart on a view the
    window is not showing is drawn when it is shown."""

    picked = Signal(object)
    _arrived = Signal(object)  # a Drawing, from the charts' thread

    def __init__(self, width: float = 8, height: float = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size = (width, height)
        self.drawing: Drawing | None = None
        self._painter: Painter | None = None
        self._generation = 0
        self._stale = False  # asked while hidden: drawn when next shown
        self._resized = QTimer(self, singleShot=True, interval=150)
        self._resized.timeout.connect(self._request)
        self._arrived.connect(self._receive)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)

    @property
    def figure(self) -> Any:
        """The figure of the last drawing shown, or None before the first one arrives."""
        return None if self.drawing is None else self.drawing.figure

    @property
    def targets(self) -> dict[Any, object]:
        return {} if self.drawing is None else self.drawing.targets

    def pending(self) -> bool:
        """A drawing asked for has not arrived yet."""
        return self._painter is not None and (
            self.drawing is None or self.drawing.generation != self._generation
        )

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

    def draw(self, painter: Painter) -> None:
        """Draw with `painter`: in the charts' thread when the chart is on screen, else the
        next time it is shown."""
        self._painter = painter
        self._request()

    def draw_now(self) -> None:
        """Draw the last painter in this thread and show it (the smoke test, a print)."""
        if self._painter is not None:
            self._generation += 1
            self._receive(self._job(self._generation)())

    def _job(self, generation: int) -> Callable[[], Drawing]:
        painter, ink = self._painter, self.ink()
        assert painter is not None
        if self.isVisible() and self.width() > 0 and self.height() > 0:
            width, height = self.width(), self.height()
        else:
            width, height = round(self._size[0] * _DPI), round(self._size[1] * _DPI)
        ratio = self.devicePixelRatioF()
        return lambda: draw_figure(painter, ink, width, height, ratio, generation)

    def _request(self) -> None:
        if self._painter is None:
            return
        self._stale = not self.isVisible()
        if self._stale:
            return
        self._generation += 1
        job = self._job(self._generation)
        arrived = self._arrived

        def run() -> None:
            try:
                drawing = job()
            except Exception:
                log.exception("a chart could not be drawn")
                return
            try:
                arrived.emit(drawing)
            except RuntimeError:  # the chart was closed meanwhile
                log.info("a chart drawn after its window closed was dropped")

        _charts_thread().submit(run)

    def _receive(self, drawing: Drawing) -> None:
        if drawing.generation != self._generation:
            return  # an older drawing, overtaken by a newer one
        self.drawing = drawing
        self.update()

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Window))
        if self.drawing is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(self.rect()), self.drawing.image)
        painter.end()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale or self._resized_since_drawn():
            self._request()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self._painter is not None and self._resized_since_drawn():
            self._resized.start()  # drawn again once the user stops resizing

    def _resized_since_drawn(self) -> bool:
        if self.drawing is None:
            return False
        image = self.drawing.image
        ratio = image.devicePixelRatio()
        return (round(image.width() / ratio), round(image.height() / ratio)) != (
            self.width(),
            self.height(),
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._painter is not None:
            self._request()

    def target_at(self, point: QPoint) -> object | None:
        if self.drawing is None:
            return None
        image = self.drawing.image
        ratio = image.devicePixelRatio()
        # the picture is stretched to the widget while a new size is being drawn
        sx = image.width() / ratio / max(self.width(), 1)
        sy = image.height() / ratio / max(self.height(), 1)
        x, y = point.x() * sx, point.y() * sy
        for box, target in self.drawing.boxes:
            if box.contains(x, y):
                return target
        return None

    def click(self, target: object) -> None:
        """What a click on the artist of `target` does (tests click without a mouse)."""
        self.picked.emit(target)

    def mousePressEvent(self, event: Any) -> None:
        target = self.target_at(event.position().toPoint())
        if target is not None and event.button() == Qt.MouseButton.LeftButton:
            self.click(target)
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: Any) -> None:
        over = self.target_at(event.position().toPoint()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)
