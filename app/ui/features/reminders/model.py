"""Qt models of the reminder calendar: a list of actions, and the month or week grid of days."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.i18n import N_, _, babel_locale, format_date, ngettext
from app.services.followup.labels import channel_name, flag_name, level_name, outcome_name
from app.services.followup.service import Plan, PlanItem
from app.ui.features.reminders.icons import DONE, OVERDUE, channel_icon
from app.ui.theme import brush
from app.ui.widgets.format import money_by_currency

Index = QModelIndex | QPersistentModelIndex
ItemRole = Qt.ItemDataRole.UserRole
ItemsRole = Qt.ItemDataRole.UserRole + 1
DateRole = Qt.ItemDataRole.UserRole + 2
InMonthRole = Qt.ItemDataRole.UserRole + 3
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


LEVEL_TAGS = {
    "receipt_confirmation": N_("Rcpt"),
    "courtesy": N_("Ctsy"),
    "reminder_1": N_("R1"),
    "reminder_2": N_("R2"),
    "firm_reminder": N_("Firm"),
    "formal_notice": N_("FN"),
    "collection": N_("Coll"),
}


def action_label(item: PlanItem) -> str:
    return level_name(item.action.level_code, item.level)


def level_tag(item: PlanItem) -> str:
    """A few letters for the level in a month cell (the full name is in the tooltip)."""
    code = item.action.level_code
    if code in LEVEL_TAGS:
        return _(LEVEL_TAGS[code])
    return (item.level.name if item.level is not None and item.level.name else code)[:4]


def legend_text(items: Sequence[PlanItem]) -> str:
    """The month cells' level tags spelt out, in ladder order; `items` holds one action of
    each level on screen (`Plan.levels_between`)."""
    order = list(LEVEL_TAGS)
    seen: dict[str, str] = {}
    for item in sorted(
        items,
        key=lambda i: (
            order.index(i.action.level_code) if i.action.level_code in order else len(order)
        ),
    ):
        seen.setdefault(level_tag(item), action_label(item))
    return " · ".join(
        _("{tag} = {level}").format(tag=tag, level=level) for tag, level in seen.items()
    )


TOOLTIP_ACTIONS = 10  # a busy day lists the first ten (most overdue, largest) and a count


def day_tooltip(day: date, items: Sequence[PlanItem]) -> str:
    lines = [format_date(day, style="full")]
    shown = items[:TOOLTIP_ACTIONS]
    lines += [f"{action_label(i)} — {i.client.name} — {amount_text(i)}" for i in shown]
    more = len(items) - len(shown)
    if more:
        lines.append(_("… and {count} more").format(count=more))
    return "\n".join(lines)


def amount_text(item: PlanItem) -> str:
    return money_by_currency(dict(item.action.amounts))


def compact_amount(item: PlanItem) -> str:
    """'1,2 k€', '482 €': the order of magnitude a month cell has room for."""
    from babel.numbers import format_compact_currency

    parts = []
    for currency, amount in sorted(item.action.amounts.items()):
        rounded = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        if rounded == 0:
            parts.append(money_by_currency({currency: amount}))
            continue
        parts.append(
            format_compact_currency(rounded, currency, locale=babel_locale(), fraction_digits=1)
        )
    return " · ".join(parts)


def notes_text(item: PlanItem) -> str:
    parts = [flag_name(flag) for flag in sorted(item.action.flags)]
    if item.action.needs_confirmation:
        parts.append(_("to confirm"))
    fees = dict(item.action.fees)
    if fees:
        parts.append(_("fee {amount}").format(amount=money_by_currency(fees)))
    return " · ".join(parts)


COLUMNS = ("date", "client", "action", "invoices", "amount", "notes", "outcome")


def _titles() -> dict[str, str]:
    return {
        "date": _("Date"),
        "client": _("Client"),
        "action": _("Action"),
        "invoices": _("Invoices"),
        "amount": _("Amount"),
        "notes": _("Notes"),
        "outcome": _("Handled"),
    }


class ActionListModel(QAbstractTableModel):
    """Actions as rows; `outcomes` marks the ones already handled (weekly review)."""

    def __init__(self, parent: Any = None, columns: Sequence[str] = COLUMNS[:-1]) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[PlanItem] = []
        self.outcomes: dict[str, str] = {}

    def set_rows(self, rows: Sequence[PlanItem], outcomes: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.outcomes = dict(outcomes or {})
        self.endResetModel()

    def mark(self, key: str, outcome: str | None) -> None:
        """Show an action as handled without reloading (its row greys out); None: open again."""
        if outcome is None:
            self.outcomes.pop(key, None)
        else:
            self.outcomes[key] = outcome
        for row, item in enumerate(self.rows):
            if item.key == key:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def item(self, row: int) -> PlanItem | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, key: str) -> int:
        return next((row for row, item in enumerate(self.rows) if item.key == key), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def _text(self, column: str, item: PlanItem) -> str:
        action = item.action
        if column == "date":
            return format_date(action.date)
        if column == "client":
            return f"{item.client.code} — {item.client.name}"
        if column == "action":
            return action_label(item)
        if column == "invoices":
            return ", ".join(action.invoice_numbers)
        if column == "amount":
            return amount_text(item)
        if column == "notes":
            return notes_text(item)
        outcome = self.outcomes.get(item.key)
        return outcome_name(outcome) if outcome else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        item = self.rows[index.row()]
        column = self.columns[index.column()]
        handled = item.key in self.outcomes
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(column, item)
        if role == ItemRole:
            return item
        if role == Qt.ItemDataRole.DecorationRole and column == "action":
            return channel_icon(item.action.channel.value)
        if role == Qt.ItemDataRole.ToolTipRole and column == "action":
            return channel_name(item.action.channel.value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if column == "amount" else LEFT)
        if role == Qt.ItemDataRole.ForegroundRole:
            if handled:
                return brush(DONE)
            if item.is_overdue and column == "date":
                return brush(OVERDUE)
        if role == Qt.ItemDataRole.FontRole and handled and column != "outcome":
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if 0 <= section < len(self.columns):
            return _titles()[self.columns[section]]
        return None


def month_grid(day: date) -> tuple[date, int]:
    """The Monday before the 1st of day's month and the number of weeks to show it all."""
    first = day.replace(day=1)
    start = first - timedelta(days=first.weekday())
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    weeks = -(-((following - start).days) // 7)
    return start, weeks


class CalendarModel(QAbstractTableModel):
    """Days as cells (one row per week, Monday first); each cell holds the day's actions."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.start = date(2000, 1, 3)
        self.weeks = 1
        self.month: int | None = None
        self.today = date(2000, 1, 3)
        self.by_day: dict[date, Sequence[PlanItem]] = {}

    def show_month(self, day: date, plan: Plan | None, today: date) -> None:
        start, weeks = month_grid(day)
        self._show(start, weeks, day.month, plan, today)

    def show_week(self, day: date, plan: Plan | None, today: date) -> None:
        self._show(day - timedelta(days=day.weekday()), 1, None, plan, today)

    def _show(
        self, start: date, weeks: int, month: int | None, plan: Plan | None, today: date
    ) -> None:
        """The grid's days from the plan's days, already in reading order: 42 lookups, so that
        a month of 30,000 actions shows at once."""
        self.beginResetModel()
        self.start, self.weeks, self.month, self.today = start, weeks, month, today
        self.by_day = {}
        if plan is not None:
            for offset in range(7 * weeks):
                day = start + timedelta(days=offset)
                if found := plan.on(day):
                    self.by_day[day] = found
        self.endResetModel()

    @property
    def end(self) -> date:
        return self.start + timedelta(days=7 * self.weeks - 1)

    def day_at(self, index: Index) -> date:
        return self.start + timedelta(days=7 * index.row() + index.column())

    def index_of(self, day: date) -> QModelIndex:
        offset = (day - self.start).days
        if not 0 <= offset < 7 * self.weeks:
            return QModelIndex()
        return self.index(offset // 7, offset % 7)

    def items_on(self, day: date) -> list[PlanItem]:
        return list(self.by_day.get(day, []))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.weeks

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self.weeks or index.column() >= 7:
            return None
        day = self.day_at(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return str(day.day)
        if role == DateRole:
            return day
        if role == ItemsRole:
            return self.items_on(day)
        if role == InMonthRole:
            return self.month is None or day.month == self.month
        if role == Qt.ItemDataRole.ToolTipRole:
            return day_tooltip(day, self.by_day.get(day, []))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            count = len(self.by_day.get(day, []))
            return ngettext("{date}: {count} action", "{date}: {count} actions", count).format(
                date=format_date(day, style="long"), count=count
            )
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < 7:
            return None
        day = self.start + timedelta(days=section)
        if self.month is None:
            return format_date(day, style="EEEE d MMM")
        return format_date(day, style="EEEE")
