""" "Already reminded…" on the client page: a reminder sent before Relance (or outside it) is
written to the history as done, so the plan goes on from it instead of starting over."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.followup.policy import Policy
from app.i18n import _
from app.services.followup.client_policy import PolicyOptions
from app.services.followup.labels import channel_name, level_name
from app.services.followup.service import Plan
from app.ui.changes import Changes
from app.ui.undo import Undoable
from app.ui.widgets.forms import DateEdit

CHANNEL_CODES = ("email", "letter", "phone")


class AlreadyRemindedDialog(QDialog):
    """Which invoices, which level of the client's policy, on which day, by which channel."""

    def __init__(
        self,
        policy: Policy,
        invoices: list[Any],
        today: Any,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Already reminded"))
        self.invoices = QListWidget()
        for invoice in invoices:
            item = QListWidgetItem(invoice.number)
            item.setData(Qt.ItemDataRole.UserRole, invoice.invoice_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.invoices.addItem(item)
        self.level = QComboBox()
        for level in policy.levels:
            self.level.addItem(level_name(level.code, level), level.code)
        self.on = DateEdit(today)
        self.on.setMaximumDate(self.on.date())
        self.channel = QComboBox()
        for code in CHANNEL_CODES:
            self.channel.addItem(channel_name(code), code)
        form = QFormLayout()
        form.addRow(_("Invoices"), self.invoices)
        form.addRow(_("Level sent"), self.level)
        form.addRow(_("On"), self.on)
        form.addRow(_("Channel"), self.channel)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("The follow-up goes on from this reminder.")))
        layout.addLayout(form)
        self.box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.box.accepted.connect(self.accept)
        self.box.rejected.connect(self.reject)
        layout.addWidget(self.box)

    def chosen_invoices(self) -> tuple[int, ...]:
        items = (self.invoices.item(row) for row in range(self.invoices.count()))
        return tuple(
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        )


def open_already_reminded(detail: Any) -> None:
    """From the client page: load the client's policy, ask, write through the service."""
    client_id, account = detail.client_id, detail.account
    if client_id is None or account is None or not account.open_invoices:
        return
    services, context = detail.services, detail.context
    today = context.today()

    def policy() -> Policy:
        plan: Plan = services.reminders.plan(today, until=today)
        found = plan.policies.get(client_id)
        if found is not None:
            return found
        options: PolicyOptions = services.clients.policy_options()
        info = options.applied(detail.client.client_type, detail.client.dunning_policy)
        assert info is not None  # the built-in policies are seeded: a default always applies
        return info.policy

    def ask(loaded: Policy) -> None:
        dialog = AlreadyRemindedDialog(loaded, list(account.open_invoices), today, detail)
        detail.reminded_dialog = dialog

        def finished(result: int) -> None:
            detail.reminded_dialog = None
            if result != QDialog.DialogCode.Accepted:
                return
            ids = dialog.chosen_invoices()
            level, on = dialog.level.currentData(), dialog.on.value()
            channel = dialog.channel.currentData()

            def recorded(result: Any) -> None:
                context.bus.publish(Changes(reminders=True, client_ids=frozenset({client_id})))
                what = _("already reminded ({client})").format(client=detail.client.name)
                context.bus.undoable.emit(Undoable(what, lambda: services.reminders.undo(result)))

            context.tasks.run(
                lambda: services.reminders.already_reminded(
                    client_id, ids, level, on, channel, today
                ),
                recorded,
                context.show_error,
                write=True,
            )

        dialog.finished.connect(finished)
        dialog.open()

    context.tasks.run(policy, ask, context.show_error)
