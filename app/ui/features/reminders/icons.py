"""Channel icons drawn in code (no image files to ship): a coloured disc with a white sign."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from app.ui.widgets.status import badge_pixmap

CHANNEL_COLOURS = {
    "email": "#2e86c1",
    "letter": "#16a085",
    "formal_notice": "#c0392b",
    "phone": "#27ae60",
    "manual": "#7f8c8d",
}
OVERDUE = "warning"  # tones (app.ui.theme)
DONE = "muted"


def _sign(painter: QPainter, channel: str, size: float) -> None:
    u = size / 16
    pen = QPen(QColor("white"), 1.3 * u)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if channel == "email":
        painter.drawRect(QRectF(4 * u, 5 * u, 8 * u, 6 * u))
        painter.drawPolyline(
            [QPointF(4 * u, 5 * u), QPointF(8 * u, 8.5 * u), QPointF(12 * u, 5 * u)]
        )
    elif channel in ("letter", "formal_notice"):
        page = QPainterPath()
        page.moveTo(5 * u, 3.5 * u)
        page.lineTo(9.5 * u, 3.5 * u)
        page.lineTo(11.5 * u, 5.5 * u)
        page.lineTo(11.5 * u, 12.5 * u)
        page.lineTo(5 * u, 12.5 * u)
        page.closeSubpath()
        painter.drawPath(page)
        if channel == "letter":
            for y in (7, 9, 11):
                painter.drawLine(QPointF(6.5 * u, y * u), QPointF(10 * u, y * u))
        else:
            painter.drawLine(QPointF(8.2 * u, 6 * u), QPointF(8.2 * u, 9 * u))
            painter.drawPoint(QPointF(8.2 * u, 11 * u))
    elif channel == "phone":
        handset = QPainterPath()
        handset.moveTo(5 * u, 4.5 * u)
        handset.cubicTo(4 * u, 9 * u, 7 * u, 12 * u, 11.5 * u, 11 * u)
        pen.setWidthF(2.4 * u)
        painter.setPen(pen)
        painter.drawPath(handset)
    else:
        painter.drawLine(QPointF(5.5 * u, 3.5 * u), QPointF(5.5 * u, 12.5 * u))
        flag = QPainterPath()
        flag.moveTo(5.5 * u, 4 * u)
        flag.lineTo(11.5 * u, 6 * u)
        flag.lineTo(5.5 * u, 8.5 * u)
        painter.setBrush(QColor("white"))
        painter.drawPath(flag)


@cache
def channel_pixmap(channel: str, size: int = 16, ratio: float = 2.0) -> QPixmap:
    return badge_pixmap(
        QColor(CHANNEL_COLOURS.get(channel, "#7f8c8d")),
        lambda p: _sign(p, channel, size),
        size,
        ratio,
    )


@cache
def channel_icon(channel: str) -> QIcon:
    return QIcon(channel_pixmap(channel))
