"""Weekly review: the week's actions, biggest amount at risk first, worked through with one key
each (in English D do, S snooze, K skip, C call, P preview; in French F, R, I, A, V; arrows
to move) and a progress count."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from app.i18n import _, ngettext
from app.services.followup.service import Plan, PlanItem
from app.ui.features.reminders.action_bar import ActionBar, review_keys
from app.ui.features.reminders.controller import RemindersController
from app.ui.features.reminders.model import COLUMNS, ActionListModel
from app.ui.theme import set_tone
from app.ui.widgets.header_memory import remember_header
from app.ui.widgets.tables import make_table, scaled


class WeeklyReview(QWidget):
    def __init__(self, controller: RemindersController) -> None:
        super().__init__()
        self.controller = controller
        self.monday = date(2000, 1, 3)
        self.handled: dict[str, tuple[PlanItem, str]] = {}
        self.title = QLabel()
        set_tone(self.title, "muted")
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setFixedWidth(260)
        self.model = ActionListModel(self, COLUMNS)
        self.table = make_table()
        self.table.setModel(self.model)
        for column, width in enumerate((90, 270, 260, 170, 115, 150)):
            self.table.setColumnWidth(column, scaled(width, self.table))
        remember_header(self.table, "weekly_review", controller.context.window_settings)
        self.bar = ActionBar(controller, self.current, shortcuts=True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self.bar.sync())
        letters = review_keys()
        hint = QLabel(
            _(
                "Keys: {do} do it · {snooze} snooze · {skip} skip · {call} call outcome · "
                "{preview} preview · ↑ ↓ move"
            ).format(**letters)
        )
        set_tone(hint, "muted")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.progress)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.bar)
        layout.addWidget(hint)
        keys = {
            letters["do"]: controller.do,
            letters["snooze"]: controller.snooze,
            letters["skip"]: controller.skip,
            letters["call"]: controller.call,
            letters["preview"]: controller.preview,
        }
        self.shortcuts = []
        for key, fn in keys.items():
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda fn=fn: self._key(fn))
            self.shortcuts.append(shortcut)
        controller.acted.connect(self._acted)
        controller.undone.connect(self._undone)

    def current(self) -> PlanItem | None:
        index = self.table.currentIndex()
        item = self.model.item(index.row()) if index.isValid() else None
        if item is None or item.key in self.model.outcomes:
            return None
        return item

    def _key(self, fn) -> None:  # type: ignore[no-untyped-def]
        item = self.current()
        if item is not None and self.controller.dialog is None:
            fn(item)

    def show_week(self, monday: date, plan: Plan | None, fresh: bool = False) -> None:
        """The week's rows: those handled in this session stay (greyed), the rest is the plan."""
        if fresh or monday != self.monday:
            self.handled = {}
        self.monday = monday
        sunday = monday + timedelta(days=6)
        self.title.setText(_("The week's actions and those to catch up, biggest amount first."))
        if plan is None:
            return
        keep = self.current()
        pending = [i for i in plan.week_review(monday, sunday) if i.key not in self.handled]
        rows = pending + [item for item, _outcome in self.handled.values()]
        rows.sort(key=lambda i: (-i.amount_at_risk, i.action.date, i.client.code))
        outcomes = {key: outcome for key, (_item, outcome) in self.handled.items()}
        self.model.set_rows(rows, outcomes)
        row = self.model.row_of(keep.key) if keep is not None else -1
        self._select(row if row >= 0 else self._next_open(0))
        self._update_progress()

    def _acted(self, key: str, outcome: str) -> None:
        row = self.model.row_of(key)
        if row < 0:
            return
        item = self.model.rows[row]
        self.handled[key] = (item, outcome)
        self.model.mark(key, outcome)
        self._select(self._next_open(row))
        self._update_progress()

    def _undone(self, key: str) -> None:
        """Undone from the Edit menu: the row is open again (the fresh plan brings it back)."""
        self.handled.pop(key, None)
        self.model.mark(key, None)
        self._update_progress()

    def _next_open(self, start: int) -> int:
        count = self.model.rowCount()
        for offset in range(count):
            row = (start + offset) % count
            if self.model.rows[row].key not in self.model.outcomes:
                return row
        return -1

    def _select(self, row: int) -> None:
        if row >= 0:
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, 0))
        else:
            self.table.clearSelection()
        self.bar.sync()

    def _update_progress(self) -> None:
        total = self.model.rowCount()
        done = len(self.model.outcomes)
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(
            ngettext(
                "{done} of {total} action handled", "{done} of {total} actions handled", total
            ).format(done=done, total=total)
        )

    @property
    def done_count(self) -> int:
        return len(self.model.outcomes)
