""" "This week": reminders due, promises to pay falling due, disputes to follow; each line
opens the screen where it is dealt with."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from app.domain.filters import InvoiceFilter
from app.domain.ledger.status import DISPUTED
from app.i18n import _, ngettext
from app.services.analytics.week import DISPUTE, PROMISE, REMINDER, WeekLine
from app.ui.theme import brush
from app.ui.widgets.format import day, money
from app.ui.widgets.table_model import MUTED, WARNING
from app.ui.widgets.tables import scaled

SHOWN_PER_GROUP = 25
ROLE = Qt.ItemDataRole.UserRole


def destination(kind: str, line: WeekLine | None) -> tuple[str, object]:
    """(view key, what to show there) for a line, or for a whole group when line is None."""
    if kind == REMINDER:
        return "reminders", None
    if line is None:
        statuses = frozenset({DISPUTED}) if kind == DISPUTE else frozenset()
        return "invoices", InvoiceFilter(statuses=statuses, open_only=kind == PROMISE)
    text = line.invoice_numbers[0] if len(line.invoice_numbers) == 1 else ""
    return "invoices", InvoiceFilter(text=text, client_id=line.client_id, open_only=True)


class WeekPanel(QTreeWidget):
    """Groups with their count; `opened(view key, payload)` on double-click or Enter."""

    opened = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(5)
        self.setHeaderLabels([_("Date"), _("Client"), _("Invoices"), _("Amount"), _("What")])
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setIndentation(14)
        widths = [scaled(width, self) for width in (105, 150, 95, 110)]
        for column, width in enumerate(widths):
            self.setColumnWidth(column, width)
        self.setMinimumWidth(sum(widths) + 2 * self.frameWidth() + 20)  # the amounts in sight
        self.itemActivated.connect(self._activated)
        self.groups: dict[str, QTreeWidgetItem] = {}
        self.set_loading()

    def _group(self, kind: str, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([title])
        font = QFont(item.font(0))
        font.setBold(True)
        item.setFont(0, font)
        item.setFirstColumnSpanned(True)
        item.setData(0, ROLE, (kind, None))
        self.addTopLevelItem(item)
        item.setFirstColumnSpanned(True)
        self.groups[kind] = item
        return item

    def set_loading(self) -> None:
        self.clear()
        self.groups = {}
        for kind, title in (
            (REMINDER, _("Reminders due")),
            (PROMISE, _("Promises to pay")),
            (DISPUTE, _("Disputes to follow up")),
        ):
            self._group(kind, _("{title}: loading…").format(title=title))

    def show_lines(self, kind: str, lines: Sequence[WeekLine]) -> None:
        titles = {
            REMINDER: ngettext("{count} reminder due", "{count} reminders due", len(lines)),
            PROMISE: ngettext(
                "{count} promise to pay falls due", "{count} promises to pay fall due", len(lines)
            ),
            DISPUTE: ngettext(
                "{count} dispute to follow up", "{count} disputes to follow up", len(lines)
            ),
        }
        group = self.groups[kind]
        group.takeChildren()
        group.setText(0, titles[kind].format(count=len(lines)))
        for line in lines[:SHOWN_PER_GROUP]:
            amount = money(line.amount, line.currency) if line.amount is not None else ""
            item = QTreeWidgetItem(
                [
                    day(line.day),
                    f"{line.client_code} — {line.client_name}",
                    ", ".join(line.invoice_numbers),
                    amount,
                    self._detail(line),
                ]
            )
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(0, ROLE, (kind, line))
            item.setToolTip(1, _("Double-click to open"))
            item.setToolTip(4, self._detail(line))
            if line.status == "overdue":
                item.setForeground(0, brush(WARNING))
            group.addChild(item)
        if len(lines) > SHOWN_PER_GROUP:
            more = QTreeWidgetItem(
                [_("… and {count} more").format(count=len(lines) - SHOWN_PER_GROUP)]
            )
            more.setForeground(0, brush(MUTED))
            more.setData(0, ROLE, (kind, None))
            group.addChild(more)
            more.setFirstColumnSpanned(True)
        group.setExpanded(bool(lines))

    @staticmethod
    def _detail(line: WeekLine) -> str:
        if line.kind == REMINDER:
            late = _("to catch up") if line.status == "overdue" else ""
            return " · ".join(part for part in (line.detail, late) if part)
        return line.detail

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        kind, line = item.data(0, ROLE)
        key, payload = destination(kind, line)
        self.opened.emit(key, payload)
