"""The open invoices of a payment dialog, with the part of the payment each one receives."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.domain.money import ZERO, parse_amount
from app.i18n import N_, _, format_number, ngettext
from app.services.ledger.payments import OpenItem
from app.ui.theme import brush
from app.ui.widgets.format import day, money
from app.ui.widgets.status import DISPUTE, WARNING

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
TITLES = (N_("Invoice"), N_("Due"), N_("Left to pay"), N_("Status"), N_("Allocate"))
PART = 4


class AllocationModel(QAbstractTableModel):
    parts_changed = Signal()

    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = today
        self.items: list[OpenItem] = []
        self.parts: dict[int, Decimal] = {}
        self.editable = False

    def set_items(self, items: list[OpenItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.parts = {
            i: p for i, p in self.parts.items() if any(item.invoice_id == i for item in items)
        }
        self.endResetModel()
        self.parts_changed.emit()

    def set_parts(self, parts: dict[int, Decimal]) -> None:
        self.parts = {i: p for i, p in parts.items() if p}
        if self.items:
            self.dataChanged.emit(self.index(0, PART), self.index(len(self.items) - 1, PART))
        self.parts_changed.emit()

    def allocated(self) -> Decimal:
        return sum(self.parts.values(), ZERO)

    def chosen(self) -> list[tuple[int, Decimal]]:
        return [
            (item.invoice_id, self.parts[item.invoice_id])
            for item in self.items
            if self.parts.get(item.invoice_id)
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TITLES)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == PART and self.editable:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def _status(self, item: OpenItem) -> str:
        if item.disputed:
            return _("Disputed")
        if item.due_date < self.today:
            days = (self.today - item.due_date).days
            return ngettext("{days} day late", "{days} days late", days).format(days=days)
        return _("Not yet due")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        item = self.items[index.row()]
        column = index.column()
        part = self.parts.get(item.invoice_id)
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                item.number,
                day(item.due_date),
                money(item.balance, item.currency),
                self._status(item),
                money(part, item.currency) if part else "",
            )[column]
        if role == Qt.ItemDataRole.EditRole and column == PART:
            return format_number(part) if part else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if column in (2, PART) else LEFT)
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            if item.disputed:
                return brush(DISPUTE)
            if item.due_date < self.today:
                return brush(WARNING)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != PART or role != Qt.ItemDataRole.EditRole:
            return False
        item = self.items[index.row()]
        text = str(value).strip()
        try:
            amount = parse_amount(text) if text else ZERO
        except ValueError:
            return False
        if amount < 0:
            return False
        amount = min(amount, item.balance)
        if amount:
            self.parts[item.invoice_id] = amount
        else:
            self.parts.pop(item.invoice_id, None)
        self.dataChanged.emit(index, index)
        self.parts_changed.emit()
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(TITLES)
        ):
            return _(TITLES[section])
        return None
