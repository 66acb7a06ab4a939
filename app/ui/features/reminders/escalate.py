"""Escalate now: the only way the ladder jumps, asked with a confirmation that names the levels
it skips, written to the client's history with the reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.followup.policy import Policy
from app.i18n import _
from app.services.followup.labels import level_name
from app.services.followup.service import PlanItem
from app.ui.theme import set_tone


def skipped_levels(policy: Policy, item: PlanItem, target: str) -> list[str]:
    """The names of the levels between the action's own and the target (both excluded)."""
    start = policy.position(item.action.level_code)
    end = policy.position(target)
    return [level_name(level.code, level) for level in policy.levels[start + 1 : end]]


class EscalateDialog(QDialog):
    """Choose a higher level and say why; the dialog says what will not be sent."""

    def __init__(self, item: PlanItem, policy: Policy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.policy = policy
        self.setWindowTitle(_("Escalate now — {client}").format(client=item.client.name))
        layout = QVBoxLayout(self)
        self.level = QComboBox()
        start = policy.position(item.action.level_code)
        for level in policy.levels[start + 1 :]:
            self.level.addItem(level_name(level.code, level), level.code)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("Why does the follow-up jump?"))
        form = QFormLayout()
        form.addRow(_("Level to send now"), self.level)
        form.addRow(_("Reason"), self.reason)
        layout.addLayout(form)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        set_tone(self.warning, "warning")
        layout.addWidget(self.warning)
        self.box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.box.button(QDialogButtonBox.StandardButton.Ok).setText(_("Escalate"))
        self.box.accepted.connect(self.accept)
        self.box.rejected.connect(self.reject)
        layout.addWidget(self.box)
        self.level.currentIndexChanged.connect(lambda _i: self._sync())
        self.reason.textChanged.connect(lambda _t: self._sync())
        self._sync()

    def chosen(self) -> tuple[str, str]:
        return self.level.currentData() or "", self.reason.text().strip()

    def _sync(self) -> None:
        target = self.level.currentData()
        skipped = skipped_levels(self.policy, self.item, target) if target else []
        current = level_name(self.item.action.level_code, self.item.level)
        if skipped:
            text = _(
                "Instead of {current}, {target} is planned today for {invoices}; "
                "these steps will not be sent: {skipped}."
            )
        else:
            text = _("Instead of {current}, {target} is planned today for {invoices}.")
        self.warning.setText(
            text.format(
                current=current,
                target=self.level.currentText(),
                invoices=", ".join(self.item.action.invoice_numbers),
                skipped=", ".join(skipped),
            )
        )
        ok = self.box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(target) and bool(self.reason.text().strip()))
