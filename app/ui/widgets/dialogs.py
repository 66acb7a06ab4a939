"""Base of the editing dialogs: the save runs off the UI thread; problems land next to fields."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import RelanceError
from app.i18n import _
from app.ui.errors import explain
from app.ui.tasks import TaskRunner
from app.ui.widgets.forms import FieldErrors

log = logging.getLogger(__name__)


class ServiceDialog(QDialog):
    """`self.body` takes the form; `submit(fn)` saves and closes, or shows what is wrong."""

    def __init__(self, tasks: TaskRunner, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.result_value: Any = None
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.body = QVBoxLayout()
        self.layout_.addLayout(self.body, 1)
        self.general_error = QLabel()
        self.general_error.setObjectName("general_error")
        self.errors = FieldErrors(self.general_error)
        self.layout_.addWidget(self.general_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)
        self.saving = False
        self.user_edited = False  # the user typed, picked or ticked something since it opened
        self._watching = False

    def showEvent(self, event: QShowEvent) -> None:
        """Watch the fields for the user's own edits (what the dialog fills in is not one)."""
        super().showEvent(event)
        if self._watching:
            return
        self._watching = True

        def touched(*_args: object) -> None:
            self.user_edited = True

        for line in self.findChildren(QLineEdit):
            line.textEdited.connect(touched)
        for combo in self.findChildren(QComboBox):
            combo.activated.connect(touched)
        for button in self.findChildren(QAbstractButton):
            if button.isCheckable():
                button.clicked.connect(touched)

    def has_edits(self) -> bool:
        texts = self.findChildren(QPlainTextEdit)
        return self.user_edited or any(
            t.document().isModified() for t in texts if not t.isReadOnly()
        )

    def reject(self) -> None:
        """Escape, Cancel or the close box: a form the user has filled in is not lost unasked."""
        if self.saving:
            return
        if self.has_edits():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                _("Discard the changes you typed?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def save(self) -> None:
        """Override: build the request, then call `submit`."""
        raise NotImplementedError

    def submit(self, fn: Callable[[], Any], on_saved: Callable[[Any], None] | None = None) -> None:
        if self.saving:
            return
        self.saving = True
        self.errors.clear()
        self.buttons.setEnabled(False)

        def done(result: Any) -> None:
            self.saving = False
            self.buttons.setEnabled(True)
            self.result_value = result
            if on_saved is not None:
                on_saved(result)
            self.accept()

        def failed(error: Exception) -> None:
            self.saving = False
            self.buttons.setEnabled(True)
            if isinstance(error, RelanceError):
                self.errors.show(error)
            else:
                log.error("save failed: %r", error)
                self.errors.general.setText(explain(error))
                self.errors.general.show()
            self.on_failed(error)

        self.tasks.run(fn, done, failed, write=True)

    def on_failed(self, error: Exception) -> None:
        """Hook: e.g. bring the tab with the first problem to the front."""
