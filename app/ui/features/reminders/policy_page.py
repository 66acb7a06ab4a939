"""Settings page of the follow-up policies: the ladder of each policy, edited level by level."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.followup.policy import (
    DEFAULT_MIN_AMOUNT,
    DEFAULT_MIN_GAP_DAYS,
    FreeReminderWait,
)
from app.i18n import _, ngettext
from app.services.followup.labels import level_name
from app.services.followup.service import PolicyInfo
from app.ui.changes import Changes
from app.ui.features.reminders.policy_model import FIELDS, ChoiceDelegate, LevelsModel
from app.ui.theme import set_tone
from app.ui.widgets.fit import check_row
from app.ui.widgets.forms import AmountEdit
from app.ui.widgets.tables import fit_titles


class PolicyPage(QWidget):
    def __init__(self, services: Any, context: Any) -> None:
        super().__init__()
        self.services = services
        self.context = context
        self.policies: list[PolicyInfo] = []
        self.editing: PolicyInfo | None = None
        self.list = QListWidget()
        self.list.setMaximumWidth(260)
        self.name = QLineEdit()
        self.code = QLineEdit()
        self.kind = QLabel()
        set_tone(self.kind, "muted")
        self.wait = QCheckBox()
        self.wait_level = QComboBox()
        self.wait_level.setMinimumWidth(220)
        self.wait_level.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.wait_days = QSpinBox()
        self.wait_days.setRange(1, 90)
        self.wait_days.setSuffix(_(" days"))
        self.min_gap = QSpinBox()
        self.min_gap.setRange(1, 365)
        self.min_gap.setSuffix(_(" days"))
        self.min_gap.setToolTip(_("A client hears from you at most once in this many days"))
        self.min_amount = AmountEdit()
        self.min_amount.setMaximumWidth(120)
        self.min_amount.setToolTip(_("A contact for less than this waits until the amount grows"))
        self.model = LevelsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(ChoiceDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        for column, width in enumerate(
            (120, 190, 50, 110, 120, 170, 80, 60, 95, 95, 85, 145, 90, 95)
        ):
            self.table.setColumnWidth(column, width)
        self.table.setColumnHidden(0, True)  # the level code is the history's key, not a word
        self.table.horizontalHeader().setStretchLastSection(False)
        fit_titles(self.table)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.add_level = QPushButton(_("Add a level"))
        self.remove_level = QPushButton(_("Remove the level"))
        self.save = QPushButton(_("Save"))
        self.restore = QPushButton(_("Restore the standard ladder"))
        self.new_policy = QPushButton(_("New policy"))
        self.delete_policy = QPushButton(_("Delete"))
        self.note = QLabel(
            _(
                "Fees are charged only when the company settings enable the "
                "administrative fee. Level codes already used keep their history."
            )
        )
        self.note.setWordWrap(True)
        set_tone(self.note, "muted")
        self._layout()
        self.list.currentRowChanged.connect(self._show)
        self.add_level.clicked.connect(self._add_level)
        self.remove_level.clicked.connect(
            lambda: self.model.remove(self.table.currentIndex().row())
        )
        self.save.clicked.connect(self._save)
        self.restore.clicked.connect(self._restore)
        self.new_policy.clicked.connect(self._new)
        self.delete_policy.clicked.connect(self._delete)
        self.wait.toggled.connect(self._sync_wait)

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(_("Name"), self.name)
        form.addRow(_("Code"), self.code)
        form.addRow("", self.kind)
        form.addRow(_("Between two contacts with a client"), self.min_gap)
        form.addRow(_("Minimum amount of a contact"), self.min_amount)
        wait_row = QHBoxLayout()
        wait_text = _("Free first reminder, then a wait before any cost (Belgian consumers)")
        wait_row.addWidget(check_row(self.wait, wait_text), 1)
        wait_row.addWidget(self.wait_level)
        wait_row.addWidget(self.wait_days)
        level_buttons = QHBoxLayout()
        level_buttons.addWidget(self.add_level)
        level_buttons.addWidget(self.remove_level)
        level_buttons.addStretch(1)
        level_buttons.addWidget(self.restore)
        level_buttons.addWidget(self.save)
        right = QWidget()
        editor = QVBoxLayout(right)
        editor.addLayout(form)
        editor.addLayout(wait_row)
        editor.addWidget(self.table, 1)
        editor.addLayout(level_buttons)
        editor.addWidget(self.note)
        left = QWidget()
        side = QVBoxLayout(left)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(QLabel(_("Follow-up policies")))
        side.addWidget(self.list, 1)
        side_buttons = QHBoxLayout()
        side_buttons.addWidget(self.new_policy)
        side_buttons.addWidget(self.delete_policy)
        side.addLayout(side_buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # --- loading --------------------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        keep = select or (self.editing.code if self.editing is not None else None)
        self.context.tasks.run(
            self.services.reminders.policies,
            lambda found: self._loaded(found, keep),
            self.context.show_error,
        )

    def _loaded(self, policies: list[PolicyInfo], select: str | None) -> None:
        self.policies = policies
        self.list.blockSignals(True)
        self.list.clear()
        for info in policies:
            tags = []
            if info.is_default:
                tags.append(_("default"))
            if info.for_consumers:
                tags.append(_("default for consumers"))
            if info.client_count:
                tags.append(
                    ngettext("{count} client", "{count} clients", info.client_count).format(
                        count=info.client_count
                    )
                )
            text = info.label + (f"  ({', '.join(tags)})" if tags else "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, info.code)
            self.list.addItem(item)
        self.list.blockSignals(False)
        scroll = self.list.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        width = self.list.sizeHintForColumn(0) + 2 * self.list.frameWidth() + scroll + 8
        self.list.setMinimumWidth(min(width, 480))  # every policy's name whole
        self.list.setMaximumWidth(max(width, 260))
        codes = [info.code for info in policies]
        self.list.setCurrentRow(codes.index(select) if select in codes else 0)
        self._show(self.list.currentRow())

    def _show(self, row: int) -> None:
        info = self.policies[row] if 0 <= row < len(self.policies) else None
        self.editing = info
        if info is None:
            return
        self.name.setText(info.policy.name or info.label)
        self.code.setText(info.code)
        self.code.setReadOnly(True)
        self.kind.setText(
            _("Used for every client without a policy of their own")
            if info.is_default
            else _("Used for consumers without a policy of their own")
            if info.for_consumers
            else _("Chosen client by client")
        )
        self.model.set_levels(list(info.policy.levels))
        self._fill_wait(info)
        self.min_gap.setValue(info.policy.min_gap_days)
        self.min_amount.set_value(info.policy.min_amount)
        self.restore.setEnabled(info.is_builtin)
        self.delete_policy.setEnabled(not info.is_builtin)

    def _fill_wait(self, info: PolicyInfo) -> None:
        self.wait_level.clear()
        for level in info.policy.levels:
            self.wait_level.addItem(level_name(level.code, level), level.code)
        wait = info.policy.free_reminder_wait
        self.wait.setChecked(wait is not None)
        if wait is not None:
            self.wait_level.setCurrentIndex(max(0, self.wait_level.findData(wait.first_reminder)))
            self.wait_days.setValue(wait.days)
        else:
            self.wait_days.setValue(14)
        self._sync_wait()

    def _sync_wait(self) -> None:
        self.wait_level.setEnabled(self.wait.isChecked())
        self.wait_days.setEnabled(self.wait.isChecked())

    # --- editing --------------------------------------------------------------------------

    def _add_level(self) -> None:
        row = self.model.add()
        self.table.setCurrentIndex(self.model.index(row, 0))

    def _new(self) -> None:
        self.editing = None
        self.list.clearSelection()
        self.name.setText(_("New policy"))
        self.code.setReadOnly(False)
        self.code.setText("")
        self.code.setFocus()
        self.kind.setText(_("Chosen client by client"))
        base = self.policies[0].policy.levels if self.policies else ()
        self.model.set_levels(list(base))
        for row in self.model.rows:
            row.is_stored = False
        self.wait.setChecked(False)
        self.min_gap.setValue(DEFAULT_MIN_GAP_DAYS)
        self.min_amount.set_value(DEFAULT_MIN_AMOUNT)
        self.restore.setEnabled(False)
        self.delete_policy.setEnabled(False)

    def _save(self) -> None:
        try:
            levels = self.model.levels()
        except ValueError as error:
            self.context.show_error(error)
            return
        wait = None
        if self.wait.isChecked() and self.wait_level.currentData():
            wait = FreeReminderWait(self.wait_level.currentData(), self.wait_days.value())
        try:
            min_amount = self.min_amount.value()
        except ValueError as error:
            self.context.show_error(error)
            return
        min_gap = self.min_gap.value()
        code = self.code.text().strip()
        name = self.name.text().strip()
        editing = self.editing
        if editing is not None and name == editing.label and not editing.policy.name:
            name = ""  # keep the built-in, translated label
        replaces = editing.code if editing is not None else None

        def save():  # type: ignore[no-untyped-def]
            return self.services.reminders.save_policy(
                code,
                name,
                levels,
                free_reminder_wait=wait,
                replaces=replaces,
                min_gap_days=min_gap,
                min_amount=DEFAULT_MIN_AMOUNT if min_amount is None else min_amount,
            )

        self.context.tasks.run(
            save, lambda info: self._saved(info.code), self.context.show_error, write=True
        )

    def _saved(self, code: str) -> None:
        self.context.bus.publish(Changes(reminders=True, settings=True))
        self.refresh(code)

    def _restore(self) -> None:
        if self.editing is None:
            return
        code = self.editing.code
        self.context.tasks.run(
            lambda: self.services.reminders.restore_policy(code),
            lambda info: self._saved(info.code),
            self.context.show_error,
            write=True,
        )

    def _delete(self) -> None:
        if self.editing is None or self.editing.is_builtin:
            return
        code = self.editing.code
        answer = QMessageBox.question(
            self,
            _("Delete"),
            _("Delete the policy {name}? Its clients go back to the default policy.").format(
                name=self.editing.label
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.context.tasks.run(
            lambda: self.services.reminders.delete_policy(code),
            lambda _r: self._saved(""),
            self.context.show_error,
            write=True,
        )


__all__ = ["FIELDS", "PolicyPage"]
