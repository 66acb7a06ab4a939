"""What the calendar does: load the plan in the background, and carry out, snooze, skip or log
a call on an action, through the task runner; every write is broadcast on the change bus."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.domain.followup.policy import Channel
from app.i18n import _
from app.services.followup.mail_out import MailNotOpened
from app.services.followup.service import CallOutcome, Plan, PlanItem
from app.ui.changes import Changes
from app.ui.context import ViewContext
from app.ui.features.reminders.dialogs import (
    CallOutcomeDialog,
    PreviewDialog,
    SkipDialog,
    SnoozeDialog,
    confirm_text,
)
from app.ui.features.reminders.mail_dialog import NoMailClientDialog
from app.ui.undo import Undoable

log = logging.getLogger(__name__)


class RemindersController(QObject):
    plan_loaded = Signal(object)  # Plan
    acted = Signal(str, str)  # action key, outcome code
    undone = Signal(str)  # action key: planned again (Edit ▸ Undo)
    message = Signal(str)

    def __init__(self, services: Any, context: ViewContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.services = services
        self.context = context
        self.window = parent
        self.plan: Plan | None = None
        self.dialog: QDialog | QMessageBox | None = None
        self._generation = 0
        self.busy = False  # a plan is being computed
        self.until: date | None = None  # the plan has the actions up to this day
        self.writing = 0  # writes sent and not yet answered

    @property
    def today(self) -> date:
        return self.context.today()

    # --- loading --------------------------------------------------------------------------

    def load(self, until: date | None = None) -> None:
        """Compute the plan off the UI thread, up to `until` (the last day on screen; None: the
        day asked last time); a newer request wins over an older one."""
        self._generation += 1
        generation = self._generation
        today = self.today
        if until is not None:
            self.until = until
        horizon = self.until
        self.busy = True

        def done(plan: Plan) -> None:
            if generation == self._generation:
                self.busy = False
                self.plan = plan
                self.plan_loaded.emit(plan)

        def failed(error: Exception) -> None:
            if generation == self._generation:
                self.busy = False
            self.context.show_error(error)

        self.context.tasks.run(
            lambda: self.services.reminders.plan(today, horizon).warm(), done, failed
        )

    def covers(self, day: date) -> bool:
        """Whether the plan loaded (or being loaded) has the actions up to that day."""
        return self.until is not None and day <= self.until

    # --- writes ---------------------------------------------------------------------------

    def _write(
        self,
        item: PlanItem,
        outcome: str,
        fn: Callable[[], Any],
        invoices: bool = False,
        after: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], bool] | None = None,
    ) -> None:
        def done(result: Any) -> None:
            self.acted.emit(item.key, outcome)
            self.context.bus.undoable.emit(self._undoable(item, outcome, result))
            if after is not None:
                after(result)
            self.context.bus.publish(
                Changes(reminders=True, invoices=invoices, client_ids=frozenset({item.client.id}))
            )
            self.writing -= 1

        def failed(error: Exception) -> None:
            self.writing -= 1
            if on_error is None or not on_error(error):
                self.context.show_error(error)

        self.writing += 1
        self.context.tasks.run(fn, done, failed, write=True)

    def _undoable(self, item: PlanItem, outcome: str, result: Any) -> Undoable | None:
        """How to take that recording back, when it is a plain done / skip / snooze."""
        recorded = getattr(result, "recorded", result)
        texts = {
            "done": _("done ({client})"),
            "skipped": _("skip ({client})"),
            "snoozed": _("snooze ({client})"),
        }
        if outcome not in texts or not getattr(recorded, "undoable", False):
            return None
        return Undoable(
            texts[outcome].format(client=item.client.name),
            lambda: self.services.reminders.undo(recorded),
            lambda: self.undone.emit(item.key),
        )

    def _open(self, dialog: QDialog | QMessageBox, on_accept: Callable[[int], None]) -> None:
        self.dialog = dialog

        def finished(result: int) -> None:
            self.dialog = None
            dialog.deleteLater()
            on_accept(result)

        dialog.finished.connect(finished)
        dialog.open()

    def do(self, item: PlanItem) -> None:
        """Carry the action out: a call asks how it went; steps that need it are confirmed."""
        if item.action.channel is Channel.PHONE:
            self.call(item)
            return
        if item.action.needs_confirmation:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                _("Confirm"),
                confirm_text(item),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                self.window,
            )
            self._open(
                box,
                lambda result: (
                    self._perform(item) if result == QMessageBox.StandardButton.Yes else None
                ),
            )
            return
        self._perform(item)

    def _perform(self, item: PlanItem) -> None:
        today = self.today

        def written(performed: Any) -> None:
            path: Path | None = performed.document_path
            parts = [_("Done: {client}").format(client=item.client.name)]
            if path is not None and path.suffix == ".pdf":
                parts = [_("Letter written: {path}").format(path=path)]
            mail = performed.mail
            if performed.mail_problem and mail is not None and mail.eml_path is not None:
                # The letter went; its email copy is kept as a .eml to send by hand.
                parts.append(_("the email copy is kept to send yourself"))
                self.no_mail_client(item, mail.eml_path, performed.mail_problem, None)
            elif mail is not None:
                parts.append(_("the email is open in your mail client, ready to send"))
                if mail.explanation:
                    parts.append(mail.explanation)
            elif performed.mail_problem:
                parts.append(
                    _("the email copy could not be opened: {reason}").format(
                        reason=performed.mail_problem
                    )
                )
            self.message.emit(" — ".join(parts))

        def not_opened(error: Exception) -> bool:
            if not isinstance(error, MailNotOpened):
                return False
            kept = error.documents[0]
            self.no_mail_client(item, error.eml_path, str(error), (str(kept.path), kept.sha256))
            return True

        self._write(
            item,
            "done",
            lambda: self.services.reminders.perform(item.action, today),
            after=written,
            on_error=not_opened,
        )

    def no_mail_client(
        self, item: PlanItem, eml_path: Path, explanation: str, evidence: tuple[str, str] | None
    ) -> None:
        """No mail program: the kept .eml, its folder, the address and text to copy; when the
        reminder waits for it (`evidence`), "I have sent it" records it with that .eml."""
        today = self.today
        dialog = NoMailClientDialog(eml_path, explanation, evidence is not None, self.window)

        def finished(result: int) -> None:
            if result == NoMailClientDialog.SENT and evidence is not None:
                note = _("sent by hand from the saved email")
                self._write(
                    item,
                    "done",
                    lambda: self.services.reminders.done(item.action, today, note, *evidence),
                )

        self._open(dialog, finished)

    def preview(self, item: PlanItem) -> None:
        today = self.today

        def show(preview: Any) -> None:
            dialog = PreviewDialog(item, preview, self.window)
            dialog.pdf_button.clicked.connect(lambda: self.open_pdf(item))
            self._open(
                dialog, lambda result: self.do(item) if result == PreviewDialog.DO_IT else None
            )

        self.context.tasks.run(
            lambda: self.services.reminders.preview(item.action, today, item.level),
            show,
            self.context.show_error,
        )

    def call(self, item: PlanItem, outcome: CallOutcome | None = None) -> None:
        today = self.today
        if outcome is None:
            dialog = CallOutcomeDialog(item, today, self.window)
            self._open(
                dialog,
                lambda result: (
                    self.call(item, dialog.outcome())
                    if result == QDialog.DialogCode.Accepted
                    else None
                ),
            )
            return
        code = "snoozed" if outcome.kind == "no_answer" else outcome.kind
        self._write(
            item,
            code,
            lambda: self.services.reminders.call(item.action, today, outcome),
            invoices=outcome.kind == "dispute",
        )

    def snooze(self, item: PlanItem, until: date | None = None, note: str = "") -> None:
        today = self.today
        if until is None:
            dialog = SnoozeDialog(item, today, self.window)
            self._open(
                dialog,
                lambda result: (
                    self.snooze(item, *dialog.chosen())
                    if result == QDialog.DialogCode.Accepted
                    else None
                ),
            )
            return
        chosen = until
        self._write(
            item,
            "snoozed",
            lambda: self.services.reminders.snooze(item.action, today, chosen, note),
        )

    def skip(self, item: PlanItem, reason: str | None = None) -> None:
        today = self.today
        if reason is None:
            dialog = SkipDialog(item, self.window)
            self._open(
                dialog,
                lambda result: (
                    self.skip(item, dialog.text())
                    if result == QDialog.DialogCode.Accepted
                    else None
                ),
            )
            return
        text = reason
        self._write(item, "skipped", lambda: self.services.reminders.skip(item.action, today, text))

    def escalate(self, item: PlanItem, level_code: str | None = None, reason: str = "") -> None:
        """Escalate now, after a dialog that names the skipped steps (the only jump)."""
        from app.ui.features.reminders.escalate import EscalateDialog

        today = self.today
        if level_code is None:
            policy = self.plan.policies.get(item.client.id) if self.plan else None
            if policy is None or item.action.level_code not in policy.codes:
                return
            dialog = EscalateDialog(item, policy, self.window)
            self._open(
                dialog,
                lambda result: (
                    self.escalate(item, *dialog.chosen())
                    if result == QDialog.DialogCode.Accepted
                    else None
                ),
            )
            return
        code, why = level_code, reason
        self._write(
            item,
            "escalated",
            lambda: self.services.reminders.escalate(item.action, code, today, why),
        )

    def open_pdf(self, item: PlanItem) -> None:
        """Show the letter as it will print, in the system's PDF viewer."""
        today = self.today

        def opened(path: Path | None) -> None:
            if path is not None:
                self.open_document(str(path))

        self.context.tasks.run(
            lambda: self.services.reminders.draft_pdf(item.action, today),
            opened,
            self.context.show_error,
        )

    @staticmethod
    def open_document(path: str) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))
