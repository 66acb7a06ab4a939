"""Reminder calendar: month, week and agenda modes with the actions to catch up on top, the
weekly review and the policy settings. Layout only; the controller does the work."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _, format_date, ngettext
from app.services.followup.service import Plan, PlanItem
from app.ui.changes import Changes
from app.ui.context import ViewContext
from app.ui.features.reminders.action_bar import ActionBar
from app.ui.features.reminders.calendar_view import CalendarGrid
from app.ui.features.reminders.controller import RemindersController
from app.ui.features.reminders.model import (
    ActionListModel,
    CalendarModel,
    legend_text,
    month_grid,
)
from app.ui.features.reminders.policy_page import PolicyPage
from app.ui.features.reminders.review import WeeklyReview
from app.ui.theme import set_tone
from app.ui.widgets.empty_state import EmptyState
from app.ui.widgets.header_memory import remember_header
from app.ui.widgets.tables import make_table, scaled

MODES = (
    ("month", N_("Month")),
    ("week", N_("Week")),
    ("agenda", N_("Agenda")),
    ("review", N_("Weekly review")),
    ("policies", N_("Policies")),
)
AGENDA_DAYS = 28


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _list(model: ActionListModel, widths: tuple[int, ...]) -> QTableView:
    table = make_table()
    table.setModel(model)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, scaled(width, table))
    return table


class RemindersView(QWidget):
    def __init__(self, services: Any, context: ViewContext) -> None:
        super().__init__()
        self.services = services
        self.context = context
        self.mode = "month"
        self.anchor = context.today()
        self.selected_day = self.anchor
        self.controller = RemindersController(services, context, self)
        self._build()
        self.controller.plan_loaded.connect(self._show_plan)
        self.controller.message.connect(self._say)
        context.bus.changed.connect(self._changed)
        self.set_mode("month")  # renders, which starts computing the plan

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        self.mode_buttons: dict[str, QToolButton] = {}
        group = QButtonGroup(self)
        bar = QHBoxLayout()
        for key, label in MODES:
            button = QToolButton()
            button.setText(_(label))
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(lambda _c=False, k=key: self.set_mode(k))
            group.addButton(button)
            self.mode_buttons[key] = button
            bar.addWidget(button)
        bar.addSpacing(16)
        self.previous = QToolButton()
        self.previous.setText("◀")
        self.previous.setToolTip(_("Previous"))
        self.today_button = QToolButton()
        self.today_button.setText(_("Today"))
        self.next = QToolButton()
        self.next.setText("▶")
        self.next.setToolTip(_("Next"))
        self.period = QLabel()
        self.period.setStyleSheet("font-size: 15px; font-weight: 600;")
        for widget in (self.previous, self.today_button, self.next):
            bar.addWidget(widget)
        bar.addSpacing(8)
        bar.addWidget(self.period)
        bar.addStretch(1)
        self.summary = QLabel()
        bar.addWidget(self.summary)
        self.previous.clicked.connect(lambda: self._move(-1))
        self.next.clicked.connect(lambda: self._move(1))
        self.today_button.clicked.connect(self._go_today)

        self.catch_up_title = QLabel()
        set_tone(self.catch_up_title, "warning", "font-weight: 600;")
        self.catch_up = ActionListModel(self)
        self.catch_up_table = _list(self.catch_up, (90, 270, 260, 170, 115))
        remember_header(self.catch_up_table, "reminders_catch_up", self.context.window_settings)
        self.catch_up_table.verticalHeader().setDefaultSectionSize(22)
        header = self.catch_up_table.horizontalHeader().sizeHint().height()
        self.catch_up_table.setMaximumHeight(header + 3 * 22 + 2 * self.catch_up_table.frameWidth())

        self.calendar = CalendarModel(self)
        self.grid = CalendarGrid()
        self.grid.setModel(self.calendar)
        self.grid.selectionModel().currentChanged.connect(lambda cur, _p: self._pick_day(cur))
        self.day_title = QLabel()
        self.day_title.setStyleSheet("font-weight: 600;")
        self.day = ActionListModel(self, ("client", "action", "amount", "invoices", "notes"))
        self.day_table = _list(self.day, (280, 230, 120, 220))
        remember_header(self.day_table, "calendar_day", self.context.window_settings)
        day_panel = QWidget()
        day_layout = QVBoxLayout(day_panel)
        day_layout.setContentsMargins(0, 0, 0, 0)
        day_layout.addWidget(self.day_title)
        day_layout.addWidget(self.day_table, 1)
        day_panel.setMinimumHeight(100)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.legend = QLabel()  # the cells' level tags spelt out (R1 = First reminder…)
        self.legend.setObjectName("calendar_legend")
        set_tone(self.legend, "muted")
        self.legend.setWordWrap(True)
        grid_panel = QWidget()
        grid_layout = QVBoxLayout(grid_panel)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.setSpacing(2)
        grid_layout.addWidget(self.grid, 1)
        grid_layout.addWidget(self.legend)
        self.splitter.addWidget(grid_panel)
        self.splitter.addWidget(day_panel)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        self.model = ActionListModel(self)  # agenda mode (catch-up first, then the period)
        self.agenda_table = _list(self.model, (90, 270, 260, 170, 115))
        remember_header(self.agenda_table, "reminders_agenda", self.context.window_settings)
        self.empty = EmptyState(self.agenda_table, "reminders")
        self.review = WeeklyReview(self.controller)
        self.policy_page = PolicyPage(self.services, self.context)

        self.pages = QStackedWidget()
        for page in (self.splitter, self.agenda_table, self.review, self.policy_page):
            self.pages.addWidget(page)
        self.current: PlanItem | None = None
        self.actions_bar = ActionBar(self.controller, lambda: self.current)
        self.message = QLabel()
        self.message.setVisible(False)
        set_tone(self.message, "success")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.catch_up_title)
        layout.addWidget(self.catch_up_table)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.actions_bar)
        layout.addWidget(self.message)
        for table in (self.catch_up_table, self.day_table, self.agenda_table):
            table.selectionModel().currentRowChanged.connect(
                lambda cur, _prev, t=table: self._pick_action(t, cur.row())
            )
            table.doubleClicked.connect(lambda index, t=table: self._double(t, index.row()))

    # --- modes and navigation ----------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.mode_buttons[mode].setChecked(True)
        page = {"month": 0, "week": 0, "agenda": 1, "review": 2, "policies": 3}[mode]
        self.pages.setCurrentIndex(page)
        calendar_like = mode in ("month", "week", "agenda")
        for widget in (self.previous, self.next, self.today_button):
            widget.setVisible(mode != "policies")
        self.actions_bar.setVisible(calendar_like)
        self.grid.set_week_mode(mode == "week")
        if mode == "policies":
            self.policy_page.refresh()
        self._render()

    def _move(self, step: int) -> None:
        if self.mode == "month":
            month = self.anchor.month - 1 + step
            self.anchor = date(self.anchor.year + month // 12, month % 12 + 1, 1)
        else:
            days = AGENDA_DAYS if self.mode == "agenda" else 7
            self.anchor += timedelta(days=days * step)
        self.selected_day = self.anchor
        self._render()

    def _go_today(self) -> None:
        self.anchor = self.selected_day = self.context.today()
        self._render()

    def period_bounds(self) -> tuple[date, date]:
        if self.mode == "month":
            return self.calendar.start, self.calendar.end
        monday = self.anchor - timedelta(days=self.anchor.weekday())
        days = AGENDA_DAYS if self.mode == "agenda" else 7
        return monday, monday + timedelta(days=days - 1)

    # --- data ---------------------------------------------------------------------------

    def horizon(self) -> date:
        """The last day the screen shows (at least this week's Sunday): the plan goes that far."""
        today = self.context.today()
        end = today + timedelta(days=6 - today.weekday())
        if self.mode == "month":
            start, weeks = month_grid(self.anchor)
            return max(end, start + timedelta(days=7 * weeks - 1))
        monday = self.anchor - timedelta(days=self.anchor.weekday())
        days = AGENDA_DAYS if self.mode == "agenda" else 7
        return max(end, monday + timedelta(days=days - 1))

    def refresh(self) -> None:
        self.controller.load(self.horizon())

    def _changed(self, changes: Changes) -> None:
        if changes.ledger or changes.reminders or changes.clients or changes.settings:
            self.refresh()

    def _show_plan(self, _plan: Plan) -> None:
        self._render()

    def _render(self) -> None:
        if self.mode != "policies" and not self.controller.covers(self.horizon()):
            self.controller.load(self.horizon())
        plan = self.controller.plan
        today = self.context.today()
        if self.mode == "week":
            self.calendar.show_week(self.anchor, plan, today)
        else:
            self.calendar.show_month(self.anchor, plan, today)
        self.grid.delegate.today = today
        grid = self.calendar
        levels = plan.levels_between(grid.start, grid.end) if plan is not None else []
        self.legend.setText(legend_text(levels))
        self.legend.setVisible(bool(levels))
        start, end = self.period_bounds()
        self._title(start, end)
        catch_up = plan.catch_up() if plan is not None else []
        self.catch_up.set_rows(catch_up)
        self.catch_up_title.setText(
            ngettext(
                "To catch up: {count} action not done in time",
                "To catch up: {count} actions not done in time",
                len(catch_up),
            ).format(count=len(catch_up))
        )
        show_catch_up = bool(catch_up) and self.mode in ("month", "week")
        self.catch_up_title.setVisible(show_catch_up)
        self.catch_up_table.setVisible(show_catch_up)
        in_period = plan.between(start, end) if plan is not None else []
        agenda = [i for i in catch_up if i.action.date < start] if start <= today <= end else []
        self.model.set_rows(agenda + in_period)
        if plan is None or agenda or in_period:
            self.empty.clear()
        else:
            self.empty.show_message(
                _(
                    "No reminder in this period. Reminders are planned from the open invoices "
                    "and the reminder policy; the next ones appear here as they fall due."
                ),
                _("Open the invoices"),
                lambda: self.context.bus.navigate.emit("invoices", None),
            )
        week_start = today - timedelta(days=today.weekday())
        this_week = plan.count_between(week_start, week_start + timedelta(days=6)) if plan else 0
        self.summary.setText(
            _("Computing…")
            if plan is None
            else _("This week: {week} · to catch up: {late}").format(
                week=this_week, late=len(catch_up)
            )
        )
        if self.mode == "review":
            monday = self.anchor - timedelta(days=self.anchor.weekday())
            self.review.show_week(monday, plan)
        self._select_day(self.selected_day)

    def _title(self, start: date, end: date) -> None:
        if self.mode == "month":
            self.period.setText(_upper_first(format_date(self.anchor, style="LLLL y")))
        elif self.mode in ("week", "agenda", "review"):
            monday = self.anchor - timedelta(days=self.anchor.weekday())
            last = monday + timedelta(days=(AGENDA_DAYS if self.mode == "agenda" else 7) - 1)
            self.period.setText(
                _("{start} – {end}").format(
                    start=format_date(monday, style="d MMM"), end=format_date(last, style="d MMM y")
                )
            )
        else:
            self.period.setText(_("Follow-up policies"))

    # --- selection -----------------------------------------------------------------------

    def _select_day(self, day: date) -> None:
        index = self.calendar.index_of(day)
        if not index.isValid():
            day = self.calendar.start if self.mode == "month" else self.anchor
            index = self.calendar.index_of(day)
        self.grid.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self._fill_day(day)

    def _pick_day(self, index: Any) -> None:
        if index.isValid():
            self.selected_day = self.calendar.day_at(index)
            self._fill_day(self.selected_day)

    def _fill_day(self, day: date) -> None:
        keep = self.current.key if self.current is not None else None
        self.day.set_rows(self.calendar.items_on(day))
        count = self.day.rowCount()
        self.day_title.setText(
            ngettext("{date}: {count} action", "{date}: {count} actions", count).format(
                date=_upper_first(format_date(day, style="full")), count=count
            )
        )
        row = self.day.row_of(keep) if keep is not None else -1
        if row < 0 and count:
            row = 0
        if row >= 0:
            self.day_table.selectRow(row)
        else:
            self._set_current(None)

    def _pick_action(self, table: QTableView, row: int) -> None:
        model: ActionListModel = table.model()  # type: ignore[assignment]
        item = model.item(row)
        if item is None:
            return
        for other in (self.catch_up_table, self.day_table, self.agenda_table):
            if other is not table:
                other.selectionModel().clearSelection()
        self._set_current(item)

    def _set_current(self, item: PlanItem | None) -> None:
        self.current = item
        self.actions_bar.sync()

    def _double(self, table: QTableView, row: int) -> None:
        self._pick_action(table, row)
        if self.current is not None:
            self.controller.preview(self.current)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_filter(self, payload: object) -> None:
        """Navigation from elsewhere: a date opens the calendar on that day."""
        if isinstance(payload, date):
            self.anchor = self.selected_day = payload
            self.set_mode("month")
