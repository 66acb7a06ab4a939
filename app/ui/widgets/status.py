"""Invoice statuses shown with colour AND a drawn sign AND words, never colour alone."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from app.i18n import _
from app.services.ledger.labels import STATUS_TEXT

STATUS_COLOURS = {
    "open": "#2e86c1",
    "partially_paid": "#8e44ad",
    "paid": "#27ae60",
    "overdue": "#b03a2e",
    "disputed": "#d35400",
    "written_off": "#7f8c8d",
    "credit_note": "#16a085",
}
WARNING = "warning"  # tones (app.ui.theme), readable on light and dark lists
DISPUTE = "dispute"
MUTED = "muted"


def status_text(status: str) -> str:
    return _(STATUS_TEXT.get(status, status))


def status_colour(status: str) -> QColor:
    return QColor(STATUS_COLOURS.get(status, "#7f8c8d"))


def _sign(painter: QPainter, status: str, u: float) -> None:
    pen = QPen(QColor("white"), 1.6 * u)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if status == "overdue":  # exclamation mark
        painter.drawLine(QPointF(8 * u, 4 * u), QPointF(8 * u, 9 * u))
        painter.drawPoint(QPointF(8 * u, 11.8 * u))
    elif status == "disputed":  # flag
        painter.drawLine(QPointF(5.5 * u, 3.5 * u), QPointF(5.5 * u, 12.5 * u))
        flag = QPainterPath()
        flag.moveTo(5.5 * u, 4 * u)
        flag.lineTo(11.5 * u, 6 * u)
        flag.lineTo(5.5 * u, 8.5 * u)
        painter.setBrush(QColor("white"))
        painter.drawPath(flag)
    elif status == "paid":  # tick
        painter.drawPolyline(
            [QPointF(4.5 * u, 8.5 * u), QPointF(7 * u, 11 * u), QPointF(11.5 * u, 5 * u)]
        )
    elif status == "written_off":  # cross
        painter.drawLine(QPointF(5 * u, 5 * u), QPointF(11 * u, 11 * u))
        painter.drawLine(QPointF(11 * u, 5 * u), QPointF(5 * u, 11 * u))
    elif status == "partially_paid":  # half disc
        painter.setBrush(QColor("white"))
        painter.drawPie(QRectF(4.5 * u, 4.5 * u, 7 * u, 7 * u), 90 * 16, 180 * 16)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QRectF(4.5 * u, 4.5 * u, 7 * u, 7 * u))
    elif status == "credit_note":  # minus
        painter.drawLine(QPointF(4.5 * u, 8 * u), QPointF(11.5 * u, 8 * u))
    else:  # open: clock hands
        painter.drawEllipse(QRectF(4 * u, 4 * u, 8 * u, 8 * u))
        painter.drawPolyline(
            [QPointF(8 * u, 5.5 * u), QPointF(8 * u, 8 * u), QPointF(10 * u, 9 * u)]
        )


@cache
def status_pixmap(status: str, size: int = 16, ratio: float = 2.0) -> QPixmap:
    return badge_pixmap(status_colour(status), lambda p: _sign(p, status, size / 16), size, ratio)


def badge_pixmap(
    colour: QColor, sign: Callable[[QPainter], None], size: int = 16, ratio: float = 2.0
) -> QPixmap:
    """A coloured disc with a white sign drawn on it (sharp on high-density screens)."""
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1))
    sign(painter)
    painter.end()
    return pixmap


@cache
def status_icon(status: str) -> QIcon:
    return QIcon(status_pixmap(status))
