"""The buttons that act on the selected action: preview, do it, call outcome, snooze, skip,
escalate now."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from app.domain.followup.policy import Channel
from app.i18n import _
from app.services.followup.service import PlanItem
from app.ui.features.reminders.controller import RemindersController


def review_keys() -> dict[str, str]:
    """The weekly review's one-letter keys, in the UI language (each a word's initial)."""
    return {
        "preview": _("P"),  # preview (French: V, voir)
        "do": _("D"),  # do it (French: F, faire)
        "call": _("C"),  # call outcome (French: A, appel)
        "snooze": _("S"),  # snooze (French: R, reporter)
        "skip": _("K"),  # skip (French: I, ignorer)
    }


class ActionBar(QWidget):
    def __init__(
        self,
        controller: RemindersController,
        current: Callable[[], PlanItem | None],
        shortcuts: bool = False,
    ) -> None:
        super().__init__()
        self.controller = controller
        self.current = current
        keys = review_keys()
        hint = (lambda name: f" ({keys[name]})") if shortcuts else (lambda name: "")
        self.preview = QPushButton(_("Preview") + hint("preview"))
        self.do_it = QPushButton(_("Do it") + hint("do"))
        self.do_it.setDefault(True)
        self.call = QPushButton(_("Call outcome…") + hint("call"))
        self.snooze = QPushButton(_("Snooze…") + hint("snooze"))
        self.skip = QPushButton(_("Skip…") + hint("skip"))
        self.escalate = QPushButton(_("Escalate now…"))
        self.escalate.setToolTip(_("Send a higher level now, skipping the steps between"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.preview, self.do_it, self.call, self.snooze, self.skip, self.escalate):
            layout.addWidget(button)
        layout.addStretch(1)
        self.preview.clicked.connect(lambda: self._run(controller.preview))
        self.do_it.clicked.connect(lambda: self._run(controller.do))
        self.call.clicked.connect(lambda: self._run(controller.call))
        self.snooze.clicked.connect(lambda: self._run(controller.snooze))
        self.skip.clicked.connect(lambda: self._run(controller.skip))
        self.escalate.clicked.connect(lambda: self._run(controller.escalate))
        self.sync()

    def _run(self, fn: Callable[[PlanItem], None]) -> None:
        item = self.current()
        if item is not None and self.controller.dialog is None:
            fn(item)

    def sync(self) -> None:
        """Enable what makes sense for the selected action; name 'Do it' after its channel."""
        item = self.current()
        for button in (self.preview, self.do_it, self.call, self.snooze, self.skip):
            button.setEnabled(item is not None)
        self.escalate.setEnabled(item is not None and item.level is not None)
        if item is None:
            return
        channel = item.action.channel
        label = {
            Channel.LETTER: _("Write the letter"),
            Channel.FORMAL_NOTICE: _("Write the letter"),
            Channel.PHONE: _("Log the call"),
        }.get(channel, _("Mark as done"))
        self.do_it.setToolTip(label)
