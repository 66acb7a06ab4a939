"""What an empty list says: a centred sentence over the table, and the button that does the
next thing (add the first client, clear the filters…)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.theme import set_tone


class EmptyState(QWidget):
    """Lies over `table`'s viewport, hidden until `show_message`."""

    def __init__(self, table: QAbstractItemView, name: str) -> None:
        super().__init__(table.viewport())
        self.setObjectName(f"empty_{name}")
        self.label = QLabel()
        self.label.setObjectName("empty_message")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_tone(self.label, "muted", "font-size: 14px;")
        self.button = QPushButton()
        self.button.setObjectName("empty_action")
        self.button.clicked.connect(self._clicked)
        self._action: Callable[[], object] | None = None
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(8)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)
        self.hide()

    def show_message(
        self, text: str, button: str = "", action: Callable[[], object] | None = None
    ) -> None:
        self.label.setText(text)
        self.button.setText(button)
        self.button.setVisible(bool(button) and action is not None)
        self._action = action
        self._fit()
        self.show()
        self.raise_()

    def clear(self) -> None:
        self.hide()

    def _clicked(self) -> None:
        if self._action is not None:
            self._action()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        """Cover the viewport; the sentence wraps at most 520 px wide, never clipped."""
        area = self._viewport.rect()
        width = max(min(520, area.width() - 40), 160)
        self.label.setFixedWidth(width)
        height = self.label.heightForWidth(width)
        if height > 0:
            self.label.setFixedHeight(height)
        self.setGeometry(area)
