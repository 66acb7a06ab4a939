"""Editable table of a policy's levels (days, channel, template, fee, confirmation…)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.domain.followup.policy import Anchor, AppliesTo, Channel, Fee, Level
from app.domain.money import ZERO, parse_amount, parse_rate
from app.i18n import N_, _, format_number
from app.services.followup.labels import channel_name, level_name

Index = QModelIndex | QPersistentModelIndex

ANCHORS = (("due", N_("due date")), ("issue", N_("issue date")))
APPLIES = (("both", N_("everyone")), ("business", N_("businesses")), ("consumer", N_("consumers")))
CHANNELS = ("email", "letter", "formal_notice", "phone", "manual")
TEMPLATES = (
    "receipt_confirmation",
    "courtesy",
    "reminder_1",
    "reminder_2",
    "firm_reminder",
    "formal_notice",
)


@dataclass
class LevelRow:
    code: str
    name: str
    days: int
    anchor: str
    channel: str
    template: str
    fee_fixed: Decimal
    fee_percent: Decimal
    needs_confirmation: bool
    applies_to: str
    also_email: bool
    claims_interest: bool
    claims_indemnity: bool
    is_stored: bool = False
    attach_statement: bool = False

    @classmethod
    def of(cls, level: Level) -> LevelRow:
        return cls(
            level.code,
            level.name,
            level.days,
            level.anchor.value,
            level.channel.value,
            level.template,
            level.fee.fixed,
            level.fee.percent,
            level.needs_confirmation,
            level.applies_to.value,
            level.also_email,
            level.claims_interest,
            level.claims_indemnity,
            True,
            level.attach_statement,
        )

    def level(self) -> Level:
        return Level(
            self.code.strip(),
            self.days,
            Channel(self.channel),
            self.template.strip(),
            Anchor(self.anchor),
            Fee(self.fee_fixed, self.fee_percent),
            self.needs_confirmation,
            AppliesTo(self.applies_to),
            self.also_email,
            self.claims_interest,
            self.claims_indemnity,
            self.name.strip(),
            self.attach_statement,
        )


@dataclass(frozen=True)
class Field:
    attr: str
    title: str
    kind: str  # text, int, money, percent, bool, anchor, channel, applies


FIELDS = (
    Field("code", N_("Code"), "text"),
    Field("name", N_("Name"), "text"),
    Field("days", N_("Days"), "int"),
    Field("anchor", N_("Counted from"), "anchor"),
    Field("channel", N_("Channel"), "channel"),
    Field("template", N_("Template"), "template"),
    Field("fee_fixed", N_("Fixed fee"), "money"),
    Field("fee_percent", N_("Fee %"), "percent"),
    Field("needs_confirmation", N_("Confirm first"), "bool"),
    Field("applies_to", N_("For"), "applies"),
    Field("also_email", N_("Email copy"), "bool"),
    Field("attach_statement", N_("Statement of account"), "bool"),
    Field("claims_interest", N_("Late interest"), "bool"),
    Field("claims_indemnity", N_("€40 indemnity"), "bool"),
)


def choices(kind: str) -> list[tuple[str, str]]:
    if kind == "anchor":
        return [(code, _(label)) for code, label in ANCHORS]
    if kind == "applies":
        return [(code, _(label)) for code, label in APPLIES]
    if kind == "channel":
        return [(code, channel_name(code)) for code in CHANNELS]
    if kind == "template":
        return [(code, level_name(code)) for code in TEMPLATES]
    return []


class LevelsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[LevelRow] = []

    def set_levels(self, levels: list[Level]) -> None:
        self.beginResetModel()
        self.rows = [LevelRow.of(level) for level in levels]
        self.endResetModel()

    def levels(self) -> list[Level]:
        return [row.level() for row in self.rows]

    def add(self) -> int:
        last = self.rows[-1] if self.rows else None
        days = (last.days + 15) if last is not None and last.anchor == "due" else 7
        taken = {row.code for row in self.rows}
        number = len(self.rows) + 1
        while f"step_{number}" in taken:
            number += 1
        row = LevelRow(
            f"step_{number}",
            "",
            days,
            "due",
            "email",
            "reminder_1",
            ZERO,
            ZERO,
            False,
            "both",
            False,
            False,
            False,
        )
        position = len(self.rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self.rows.append(row)
        self.endInsertRows()
        return position

    def remove(self, position: int) -> None:
        if 0 <= position < len(self.rows):
            self.beginRemoveRows(QModelIndex(), position, position)
            del self.rows[position]
            self.endRemoveRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIELDS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        field = FIELDS[index.column()]
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if field.kind == "bool":
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        if field.attr == "code" and self.rows[index.row()].is_stored:
            return flags  # the history refers to stored codes: they stay
        return flags | Qt.ItemFlag.ItemIsEditable

    def _display(self, field: Field, row: LevelRow) -> str:
        value = getattr(row, field.attr)
        if field.kind == "template":
            return dict(choices(field.kind)).get(value) or level_name(value)
        if field.kind in ("anchor", "applies", "channel"):
            return dict(choices(field.kind)).get(value, str(value))
        if field.kind == "money":
            return format_number(value) if value else ""
        if field.kind == "percent":
            return format_number(value, decimals=1) if value else ""
        if field.attr == "name" and not value:
            return level_name(row.code)
        return str(value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        field = FIELDS[index.column()]
        row = self.rows[index.row()]
        value = getattr(row, field.attr)
        if field.kind == "bool":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(field, row)
        if role == Qt.ItemDataRole.EditRole:
            return (
                value
                if field.kind in ("anchor", "applies", "channel", "template")
                else ("" if field.kind in ("money", "percent") and not value else str(value))
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and field.kind in ("int", "money", "percent"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        field = FIELDS[index.column()]
        row = self.rows[index.row()]
        try:
            if field.kind == "bool" and role == Qt.ItemDataRole.CheckStateRole:
                checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
                setattr(row, field.attr, checked)
            elif role != Qt.ItemDataRole.EditRole:
                return False
            elif field.kind == "int":
                setattr(row, field.attr, int(str(value).strip()))
            elif field.kind in ("money", "percent"):
                text = str(value).strip()
                parse = parse_rate if field.kind == "percent" else parse_amount
                setattr(row, field.attr, parse(text) if text else ZERO)
            else:
                setattr(row, field.attr, str(value))
        except ValueError:
            return False
        self.dataChanged.emit(index, index)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(FIELDS):
            return _(FIELDS[section].title)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box for the columns that take one of a few codes."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        kind = FIELDS[index.column()].kind
        options = choices(kind)
        if not options:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setEditable(kind == "template")
        for code, label in options:
            combo.addItem(label, code)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            value = index.data(Qt.ItemDataRole.EditRole)
            position = editor.findData(value)
            if position >= 0:
                editor.setCurrentIndex(position)
            else:
                editor.setEditText(str(value))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            data = editor.currentData()
            if editor.isEditable() and editor.currentText() != editor.itemText(
                editor.currentIndex()
            ):
                data = editor.currentText()
            model.setData(index, data, Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
