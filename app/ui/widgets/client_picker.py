"""Pick a client among thousands by typing part of its name or code (searched in the database)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QWidget

from app.i18n import _
from app.ui.widgets.fit import fit_placeholder


class ClientPicker(QWidget):
    changed = Signal(object)  # client id or None

    def __init__(
        self,
        search: Callable[[str], list[Any]],
        run: Callable[..., None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._run = run
        self._client_id: int | None = None
        self._current: tuple[int, str, str] | None = None
        self._choices: dict[str, Any] = {}
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(_("Type a name or a code…"))
        fit_placeholder(self.edit)
        self.edit.setClearButtonEnabled(True)
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.activated.connect(self._chosen)
        self.edit.setCompleter(self.completer)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self._lookup)
        self.edit.textEdited.connect(self._typed)

    @staticmethod
    def label(code: str, name: str) -> str:
        return f"{name} ({code})"

    def client_id(self) -> int | None:
        return self._client_id

    def current(self) -> tuple[int, str, str] | None:
        """(id, code, name) of the chosen client."""
        return self._current if self._client_id is not None else None

    def set_client(self, client_id: int | None, code: str = "", name: str = "") -> None:
        self._client_id = client_id
        self._current = (client_id, code, name) if client_id is not None else None
        self.edit.setText(self.label(code, name) if client_id is not None else "")
        self.changed.emit(client_id)

    def _typed(self, _text: str) -> None:
        if self._client_id is not None:
            self._client_id = None
            self.changed.emit(None)
        self._debounce.start()

    def _lookup(self) -> None:
        text = self.edit.text().strip()
        if self._run is None:
            self._show(self._search(text))
        else:
            self._run(lambda: self._search(text), self._show)

    def _show(self, choices: list[Any]) -> None:
        self._choices = {self.label(c.code, c.name): c for c in choices}
        self._model.setStringList(list(self._choices))
        if self.edit.hasFocus() and self._choices:
            self.completer.complete()
        if len(self._choices) == 1 and self.edit.text().strip().lower() in {
            c.code.lower() for c in choices
        }:
            self._chosen(next(iter(self._choices)))

    def _chosen(self, text: str) -> None:
        choice = self._choices.get(text)
        if choice is None:
            return
        self._client_id = choice.id
        self._current = (choice.id, choice.code, choice.name)
        self.edit.setText(text)
        self.changed.emit(choice.id)
