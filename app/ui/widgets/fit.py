"""Dialogs grow to show all their text: a longer translation, a larger font, a warning that
arrives after the dialog opened (a word-wrapped label needs more height than its minimum).

`install_dialog_fit(app)` watches every dialog: when one is shown or its layout changes, it is
enlarged to its layout's minimum size and to the height its wrapped texts need
at its width, within the screen. `check_row` puts a long check box text on several lines.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QStyleOptionFrame,
    QWidget,
)

_WATCHED = (QEvent.Type.Show, QEvent.Type.LayoutRequest)
TITLE_BAR = 120  # the window's icon and buttons beside its title


def grow_to_fit(window: QWidget) -> None:
    """Enlarge the window until its layout has the room it asks for; never beyond the screen
    (a default size larger than a small screen is brought back within it)."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    minimum = layout.totalMinimumSize()
    title = window.fontMetrics().horizontalAdvance(window.windowTitle()) + TITLE_BAR
    width = max(window.width(), minimum.width(), title)
    height = max(window.height(), minimum.height())
    if layout.hasHeightForWidth():
        height = max(height, layout.totalHeightForWidth(width))
    screen = window.screen().availableGeometry() if window.screen() else None
    if screen is not None:
        frame = window.frameGeometry().size() - window.size()  # title bar and borders
        width = min(width, screen.width() - frame.width())
        height = min(height, screen.height() - frame.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)


_COMPOSED = (QAbstractSpinBox, QComboBox)  # their own line edit shows no placeholder of ours


class DialogFit(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _WATCHED and isinstance(watched, QDialog) and watched.isVisible():
            if event.type() == QEvent.Type.Show:
                for line in watched.findChildren(QLineEdit):
                    if line.placeholderText() and not isinstance(line.parent(), _COMPOSED):
                        fit_placeholder(line)
            grow_to_fit(watched)
        return False


def install_dialog_fit(app: QApplication) -> DialogFit:
    fit = DialogFit(app)
    app.installEventFilter(fit)
    return fit


class _WrappedText(QLabel):
    """The check box's text, on as many lines as needed; a click on it ticks the box."""

    def __init__(self, box: QCheckBox, text: str) -> None:
        super().__init__(text)
        self.box = box
        self.setWordWrap(True)
        self.setBuddy(box)

    def mouseReleaseEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self.box.isEnabled() and event.button() == Qt.MouseButton.LeftButton:
            self.box.click()
        super().mouseReleaseEvent(event)


class _EnabledMirror(QObject):
    def __init__(self, box: QCheckBox, label: QLabel) -> None:
        super().__init__(box)
        self.label = label

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.EnabledChange:
            self.label.setEnabled(watched.isEnabled())  # type: ignore[attr-defined]
        return False


def check_row(box: QCheckBox, text: str) -> QWidget:
    """`box` (its own text left empty) with `text` beside it, wrapped; greyed with the box."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    label = _WrappedText(box, text)
    box.setAccessibleName(text)
    layout.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
    layout.addWidget(label, 1)
    box.installEventFilter(_EnabledMirror(box, label))
    label.setEnabled(box.isEnabled())
    return row


def fit_placeholder(line: QLineEdit) -> None:
    """A field never narrower than its placeholder (an example cut short helps nobody)."""
    option = QStyleOptionFrame()
    line.initStyleOption(option)
    frame = line.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, option, line)
    margins = line.textMargins()
    need = line.fontMetrics().horizontalAdvance(line.placeholderText())
    need += 2 * frame + margins.left() + margins.right() + 8
    if line.minimumWidth() < need:
        line.setMinimumWidth(need)
