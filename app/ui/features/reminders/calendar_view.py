"""The month and week grids: each day cell lists its actions with channel icon, client, amount
and level; the rest is counted ("+3 more")."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.i18n import ngettext
from app.services.followup.service import PlanItem
from app.ui.features.reminders.icons import DONE, OVERDUE, channel_pixmap
from app.ui.features.reminders.model import (
    DateRole,
    InMonthRole,
    ItemsRole,
    action_label,
    amount_text,
    compact_amount,
    level_tag,
)
from app.ui.theme import colour

Index = QModelIndex | QPersistentModelIndex
LINE_GAP = 1
MIN_NAME_WIDTH = 40  # below this the level tag gives way to the client's name


class CalendarDelegate(QStyledItemDelegate):
    """Paints a day: its number, then one line per action, biggest amount first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = date(2000, 1, 1)
        self.detailed = False  # week mode: two lines per action

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        day: date = index.data(DateRole)
        items: list[PlanItem] = index.data(ItemsRole) or []
        in_month = bool(index.data(InMonthRole))
        rect = option.rect  # type: ignore[attr-defined]
        painter.save()
        fill = option.palette.color(QPalette.ColorRole.Base)  # type: ignore[attr-defined]
        if not in_month:
            fill = colour("outside_fill")
        elif day == self.today:
            fill = colour("today_fill")
        elif day.weekday() >= 5:
            fill = colour("weekend_fill")
        painter.fillRect(rect, fill)
        if option.state & QStyle.StateFlag.State_Selected:  # type: ignore[attr-defined]
            painter.setPen(colour("selected_edge"))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
            painter.drawRect(rect.adjusted(2, 2, -3, -3))
        base = QFont(option.font)  # type: ignore[attr-defined]
        number_font = QFont(base)
        number_font.setBold(day == self.today)
        painter.setFont(number_font)
        text_colour = option.palette.color(QPalette.ColorRole.Text)  # type: ignore[attr-defined]
        painter.setPen(text_colour if in_month else colour(DONE))
        metrics = QFontMetrics(number_font)
        number_box = QRect(rect.left() + 6, rect.top() + 2, rect.width() - 12, metrics.height())
        painter.drawText(number_box, Qt.AlignmentFlag.AlignLeft, str(day.day))
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() - 1))
        painter.setFont(small)
        line_metrics = QFontMetrics(small)
        line_height = max(line_metrics.height(), 15) + LINE_GAP
        per_item = 2 if self.detailed else 1
        top = number_box.bottom() + 2
        room = max(0, (rect.bottom() - top - 2) // line_height)
        shown = len(items) if len(items) * per_item <= room else max(0, (room - 1) // per_item)
        for item in items[:shown]:
            top = self._paint_item(painter, item, rect, top, line_height, line_metrics, text_colour)
        hidden = len(items) - shown
        if hidden > 0:
            painter.setPen(colour(DONE))
            more = ngettext("+{count} more", "+{count} more", hidden).format(count=hidden)
            painter.drawText(
                QRect(rect.left() + 6, top, rect.width() - 12, line_height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                more,
            )
        painter.restore()

    def _paint_item(
        self,
        painter: QPainter,
        item: PlanItem,
        rect: QRect,
        top: int,
        line_height: int,
        metrics: QFontMetrics,
        ink: QColor,
    ) -> int:
        left = rect.left() + 6
        icon = channel_pixmap(item.action.channel.value, 14)
        painter.drawPixmap(left, top + (line_height - LINE_GAP - 14) // 2, icon)
        text_left = left + 18
        width = rect.right() - 4 - text_left
        painter.setPen(colour(OVERDUE) if item.is_overdue else ink)
        amount = amount_text(item) if self.detailed else compact_amount(item)
        if self.detailed:
            first = metrics.elidedText(item.client.name, Qt.TextElideMode.ElideRight, width)
            painter.drawText(
                QRect(text_left, top, width, line_height), Qt.AlignmentFlag.AlignVCenter, first
            )
            top += line_height
            second = metrics.elidedText(
                f"{amount} · {action_label(item)}", Qt.TextElideMode.ElideRight, width
            )
            painter.setPen(colour(OVERDUE if item.is_overdue else DONE))
            painter.drawText(
                QRect(text_left, top, width, line_height), Qt.AlignmentFlag.AlignVCenter, second
            )
            return top + line_height
        amount_width = metrics.horizontalAdvance(amount) + 4
        tag = level_tag(item)
        tag_width = metrics.horizontalAdvance(tag) + 6
        if width - amount_width - tag_width - 4 >= MIN_NAME_WIDTH:
            pill = QRect(text_left, top + 1, tag_width, line_height - LINE_GAP - 2)
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour("tag_fill"))
            painter.drawRoundedRect(pill, 3, 3)
            painter.restore()
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, tag)
            text_left += tag_width + 4
            width -= tag_width + 4
        name_width = max(0, width - amount_width)
        name = metrics.elidedText(item.client.name, Qt.TextElideMode.ElideRight, name_width)
        painter.drawText(
            QRect(text_left, top, name_width, line_height), Qt.AlignmentFlag.AlignVCenter, name
        )
        painter.drawText(
            QRect(text_left, top, width, line_height),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            amount,
        )
        return top + line_height

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(120, 96)


class CalendarGrid(QTableView):
    """A QTableView over CalendarModel whose cells share the height and the width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = CalendarDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.setShowGrid(True)
        self.setWordWrap(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setHighlightSections(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setMinimumHeight(280)

    def set_week_mode(self, detailed: bool) -> None:
        self.delegate.detailed = detailed
        self.viewport().update()
