"""Light and dark appearance: follows the system's colour scheme, or the user's choice in
View ▸ Appearance, and gives every coloured text of the window a shade readable on both.

The platform gives the palette when it can (macOS, Windows 11 style, most Linux desktops); when
the wanted scheme is not the one the platform style shows, the window switches to the Fusion
style with a palette of its own. Coloured texts are named by their meaning (a *tone*) and take
the shade of the scheme in force when they are drawn; labels coloured by `set_tone` are
re-styled when the scheme changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

SYSTEM, LIGHT, DARK = "system", "light", "dark"
MODES = (SYSTEM, LIGHT, DARK)
SETTING = "appearance/scheme"

# tone: (light shade, dark shade); text tones keep a WCAG contrast of 4.5 on the base colour
TONES = {
    "muted": ("#566573", "#a9b3bd"),
    "warning": ("#a93226", "#f1948a"),
    "dispute": ("#a04000", "#f0b27a"),
    "success": ("#1e7b45", "#7dcea0"),
    "heading": ("#2c3e50", "#d6dde4"),
    # calendar cells (fills behind the palette's text colour) and the selected day's edge
    "today_fill": ("#fef9e7", "#3b3826"),
    "weekend_fill": ("#f4f6f7", "#26282c"),
    "outside_fill": ("#eaeded", "#161719"),
    "tag_fill": ("#e5e8e8", "#3a3e44"),
    "selected_edge": ("#2e86c1", "#5dade2"),
    "table_head": ("#eaecee", "#3a3e44"),  # header row of the tables in a letter's preview
}
TEXT_TONES = ("muted", "warning", "dispute", "success", "heading")

DARK_COLOURS = {
    QPalette.ColorRole.Window: "#2b2d30",
    QPalette.ColorRole.WindowText: "#e8e8e8",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#26282b",
    QPalette.ColorRole.ToolTipBase: "#3c3f43",
    QPalette.ColorRole.ToolTipText: "#e8e8e8",
    QPalette.ColorRole.PlaceholderText: "#8f949a",
    QPalette.ColorRole.Text: "#e8e8e8",
    QPalette.ColorRole.Button: "#35373b",
    QPalette.ColorRole.ButtonText: "#e8e8e8",
    QPalette.ColorRole.BrightText: "#ff8a80",
    QPalette.ColorRole.Light: "#4b4e53",
    QPalette.ColorRole.Midlight: "#3f4246",
    QPalette.ColorRole.Mid: "#303236",
    QPalette.ColorRole.Dark: "#1b1c1e",
    QPalette.ColorRole.Shadow: "#0a0a0a",
    QPalette.ColorRole.Highlight: "#2f65ca",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#7cb8f5",
    QPalette.ColorRole.LinkVisited: "#b89af0",
}
DARK_DISABLED = {
    QPalette.ColorRole.WindowText: "#7d8084",
    QPalette.ColorRole.Text: "#7d8084",
    QPalette.ColorRole.ButtonText: "#7d8084",
    QPalette.ColorRole.Highlight: "#3d4148",
    QPalette.ColorRole.HighlightedText: "#9a9da1",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in DARK_COLOURS.items():
        palette.setColor(role, QColor(colour))
    for role, colour in DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


def is_dark_palette(palette: QPalette) -> bool:
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return window.lightness() < text.lightness()


def is_dark() -> bool:
    """Whether the window is drawn dark now (the application's palette decides)."""
    return is_dark_palette(QGuiApplication.palette())


def colour(tone: str) -> QColor:
    light, dark = TONES[tone]
    return QColor(dark if is_dark() else light)


def brush(tone: str) -> QBrush:
    return QBrush(colour(tone))


def set_tone(widget: QWidget, tone: str | None, extra: str = "") -> None:
    """Colour a label's text by meaning (None: the palette's); `extra` is the rest of its
    style sheet (font size, weight…), kept when the scheme changes."""
    widget.setProperty("relance_tone", tone or "")
    widget.setProperty("relance_extra", extra)
    _restyle(widget)


def _restyle(widget: QWidget) -> None:
    tone = widget.property("relance_tone")
    extra = widget.property("relance_extra") or ""
    shade = f"color: {colour(tone).name()}; " if tone else ""
    widget.setStyleSheet(f"{shade}{extra}".strip())


def restyle_all() -> None:
    """After a change of scheme: toned labels take their new shade, and every widget with a
    style sheet of its own (a bold title, a larger figure) is styled again: Qt keeps the text
    colour it had when the sheet was set, black on the dark background otherwise."""
    for widget in QApplication.allWidgets():
        if widget.property("relance_tone"):
            _restyle(widget)
        elif widget.styleSheet():
            widget.setStyleSheet(widget.styleSheet())


def luminance(value: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(value.redF())
        + 0.7152 * channel(value.greenF())
        + 0.0722 * channel(value.blueF())
    )


def contrast(one: QColor, two: QColor) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    a, b = sorted((luminance(one), luminance(two)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def saved_mode(path: Path) -> str:
    value = QSettings(str(path), QSettings.Format.IniFormat).value(SETTING, SYSTEM)
    return value if value in MODES else SYSTEM


def save_mode(path: Path, mode: str) -> None:
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    settings.setValue(SETTING, mode)
    settings.sync()


class Appearance(QObject):
    """The scheme in force; follows the system's changes while the mode is *system*."""

    changed = Signal(bool)  # dark or not, once the palette is in place

    def __init__(self, app: QApplication, mode: str = SYSTEM) -> None:
        super().__init__(app)
        self._app = app
        self._platform_style = app.style().name()
        self._overridden = False
        self._applying = False
        self.mode = mode if mode in MODES else SYSTEM
        app.styleHints().colorSchemeChanged.connect(self._system_changed)
        self.apply()

    def wants_dark(self) -> bool:
        if self.mode != SYSTEM:
            return self.mode == DARK
        return self._app.styleHints().colorScheme() == Qt.ColorScheme.Dark

    def set_mode(self, mode: str) -> None:
        self.mode = mode if mode in MODES else SYSTEM
        self.apply()

    def _system_changed(self, _scheme: object) -> None:
        if not self._applying and self.mode == SYSTEM:
            self.apply()

    def apply(self) -> None:
        self._applying = True
        try:
            self._ask_platform()
            dark = self.wants_dark()
            if self._overridden:  # back to what the platform gives, then see if it fits
                self._app.setStyle(self._platform_style)
                self._app.setPalette(QPalette())
                self._overridden = False
            if is_dark_palette(self._app.palette()) != dark:
                self._app.setStyle("Fusion")
                style = self._app.style()
                self._app.setPalette(dark_palette() if dark else style.standardPalette())
                self._overridden = True
        finally:
            self._applying = False
        restyle_all()
        self.changed.emit(is_dark())

    def _ask_platform(self) -> None:
        """Qt 6.8 lets the program ask the platform for a scheme (native dark widgets)."""
        hints = self._app.styleHints()
        if not hasattr(hints, "setColorScheme"):
            return
        if self.mode == SYSTEM:
            hints.unsetColorScheme()
        else:
            hints.setColorScheme(Qt.ColorScheme.Dark if self.mode == DARK else Qt.ColorScheme.Light)


def appearance() -> Appearance:
    """The application's one Appearance, made (following the system) the first time."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)  # a window exists: so does its application
    found = app.findChild(Appearance)
    return found if found is not None else Appearance(app)
