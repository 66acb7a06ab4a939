"""The window's views, each built the first time it is shown or asked for.

Until then its page in the stack is an empty placeholder: the window opens with its frame
and the first view only, and a view nobody opens never reads the dossier nor imports its
module. `views[key]` builds the view when needed, so callers need not know."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from PySide6.QtWidgets import QStackedWidget, QWidget

from app.ui.views import VIEWS


class ViewStack(Mapping[str, QWidget]):
    """key → view, over `stack` (one page per entry of VIEWS, in order)."""

    def __init__(self, stack: QStackedWidget, build: Callable[[Any], QWidget]) -> None:
        self._stack = stack
        self._build = build
        self._built: dict[str, QWidget] = {}
        self._keys = [entry.key for entry in VIEWS]
        for key in self._keys:
            placeholder = QWidget()
            placeholder.setObjectName(f"placeholder_{key}")
            stack.addWidget(placeholder)

    def __getitem__(self, key: str) -> QWidget:
        view = self._built.get(key)
        if view is not None:
            return view
        if key not in self._keys:
            raise KeyError(key)
        index = self._keys.index(key)
        view = self._build(VIEWS[index])
        view.setObjectName(f"view_{key}")
        self._built[key] = view
        placeholder = self._stack.widget(index)
        was_current = self._stack.currentIndex() == index
        self._stack.insertWidget(index, view)
        if was_current:
            self._stack.setCurrentIndex(index)
        if placeholder is not None:
            self._stack.removeWidget(placeholder)
            placeholder.deleteLater()
        return view

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def is_built(self, key: str) -> bool:
        return key in self._built

    def built(self) -> list[QWidget]:
        return list(self._built.values())

    def show(self, index: int) -> None:
        """Make the page at `index` current, building its view first."""
        if 0 <= index < len(self._keys):
            self[self._keys[index]]
        self._stack.setCurrentIndex(index)
