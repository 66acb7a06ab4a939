"""Light and dark: the palette, the coloured texts of lists and labels, and the charts follow
the scheme, and every coloured text keeps a WCAG contrast of 4.5 on its background."""

from __future__ import annotations

import re

import pytest
from matplotlib.colors import to_hex
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from app.services.analytics.charts import draw_forecast
from app.ui import theme
from app.ui.features.aging.chart import ChartWidget


@pytest.fixture
def scheme(qapp):  # type: ignore[no-untyped-def]
    found = theme.appearance()
    yield found
    found.set_mode(theme.SYSTEM)


def _window_colour(qapp) -> str:  # type: ignore[no-untyped-def]
    return qapp.palette().color(QPalette.ColorRole.Window).name()


def test_switching_the_scheme_changes_the_palette(qapp, scheme) -> None:  # type: ignore[no-untyped-def]
    scheme.set_mode(theme.LIGHT)
    assert not theme.is_dark()
    light = _window_colour(qapp)
    scheme.set_mode(theme.DARK)
    assert theme.is_dark()
    assert QColor(_window_colour(qapp)).lightness() < 80
    scheme.set_mode(theme.LIGHT)
    assert _window_colour(qapp) == light


def test_dark_palette_reads_well() -> None:
    palette = theme.dark_palette()
    for back, text in (
        (QPalette.ColorRole.Window, QPalette.ColorRole.WindowText),
        (QPalette.ColorRole.Base, QPalette.ColorRole.Text),
        (QPalette.ColorRole.Button, QPalette.ColorRole.ButtonText),
        (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText),
    ):
        assert theme.contrast(palette.color(back), palette.color(text)) >= 4.5


@pytest.mark.parametrize("mode", [theme.LIGHT, theme.DARK])
def test_status_colours_keep_their_contrast(qapp, scheme, mode) -> None:  # type: ignore[no-untyped-def]
    scheme.set_mode(mode)
    palette = qapp.palette()
    for tone in theme.TEXT_TONES:
        for role in (
            QPalette.ColorRole.Base,
            QPalette.ColorRole.AlternateBase,
            QPalette.ColorRole.Window,
        ):
            ratio = theme.contrast(theme.colour(tone), palette.color(role))
            assert ratio >= 4.5, (mode, tone, role, round(ratio, 2))


def test_the_contrast_formula_matches_wcag() -> None:
    assert theme.contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21)
    assert theme.contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


def test_toned_labels_change_shade_with_the_scheme(qtbot, scheme) -> None:  # type: ignore[no-untyped-def]
    scheme.set_mode(theme.LIGHT)
    label = QLabel("Échu")
    qtbot.addWidget(label)
    theme.set_tone(label, "warning", "font-weight: 600;")
    assert theme.TONES["warning"][0] in label.styleSheet()
    scheme.set_mode(theme.DARK)
    assert theme.TONES["warning"][1] in label.styleSheet()
    assert "font-weight: 600;" in label.styleSheet()
    theme.set_tone(label, None)
    assert "color" not in label.styleSheet()


def test_charts_follow_the_window_colours(qtbot, qapp, scheme) -> None:  # type: ignore[no-untyped-def]
    scheme.set_mode(theme.LIGHT)
    chart = ChartWidget(4, 2)
    qtbot.addWidget(chart)
    chart.show()
    chart.draw(lambda figure, ink: draw_forecast(figure, None, "EUR", ink))
    qtbot.waitUntil(lambda: not chart.pending())

    def colours() -> tuple[str, str]:
        text = chart.figure.axes[0].texts[0]
        return to_hex(chart.figure.get_facecolor()), to_hex(text.get_color())

    face, ink = colours()
    assert face == _window_colour(qapp)
    scheme.set_mode(theme.DARK)
    qtbot.waitUntil(lambda: colours()[0] == _window_colour(qapp))
    dark_face, dark_ink = colours()
    assert dark_face != face
    assert dark_ink != ink
    assert theme.contrast(QColor(dark_ink), QColor(dark_face)) >= 4.5
    assert theme.contrast(QColor(ink), QColor(face)) >= 4.5


def test_the_choice_is_kept_for_the_next_start(tmp_path, scheme) -> None:  # type: ignore[no-untyped-def]
    settings = tmp_path / "window.ini"
    assert theme.saved_mode(settings) == theme.SYSTEM
    theme.save_mode(settings, theme.DARK)
    assert theme.saved_mode(settings) == theme.DARK
    scheme.set_mode(theme.saved_mode(settings))  # what the start of the window does
    assert theme.is_dark()
    assert theme.appearance() is scheme


def test_no_text_colour_is_written_in_hex_outside_the_theme() -> None:
    """A new `color: #…` would stay the same in dark mode: name a tone instead."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "app" / "ui"
    allowed = {"theme.py", "features/rates/dialog.py"}  # the rates banner has its own background
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        if path.relative_to(root).as_posix() not in allowed
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"(?<![-\w])color\s*:\s*#", line) or "background:#" in line
    ]
    assert found == []


@pytest.mark.parametrize("mode", [theme.LIGHT, theme.DARK])
def test_calendar_cells_keep_their_texts_readable(qapp, scheme, mode) -> None:  # type: ignore[no-untyped-def]
    scheme.set_mode(mode)
    text = qapp.palette().color(QPalette.ColorRole.Text)
    for fill in ("today_fill", "weekend_fill", "outside_fill", "tag_fill"):
        for ink in (theme.colour("muted"), theme.colour("warning"), text):
            assert theme.contrast(ink, theme.colour(fill)) >= 4.5, (mode, fill, ink.name())


def test_like_the_system_follows_a_change_of_the_system(qapp, scheme, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    scheme.set_mode(theme.SYSTEM)
    assert not theme.is_dark()
    monkeypatch.setattr(scheme, "wants_dark", lambda: True)  # the system turned dark
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.is_dark()
    monkeypatch.setattr(scheme, "wants_dark", lambda: False)
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not theme.is_dark()
    scheme.set_mode(theme.LIGHT)  # a chosen scheme ignores the system
    monkeypatch.setattr(scheme, "wants_dark", lambda: scheme.mode == theme.DARK)
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not theme.is_dark()


def test_a_chart_on_a_view_not_shown_is_drawn_when_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A chart the user cannot see is drawn only when it is shown."""
    from PySide6.QtWidgets import QStackedWidget

    stack = QStackedWidget()
    qtbot.addWidget(stack)
    front, back = QLabel("front"), QWidget()
    chart = ChartWidget(4, 2, back)
    stack.addWidget(front)
    stack.addWidget(back)
    stack.show()
    qtbot.waitExposed(stack)
    drawn: list[int] = []

    def painter(figure, ink):  # type: ignore[no-untyped-def]
        drawn.append(1)
        return draw_forecast(figure, None, "EUR", ink)

    chart.draw(painter)
    qtbot.wait(50)
    assert drawn == []
    assert chart.figure is None
    stack.setCurrentWidget(back)
    qtbot.waitUntil(lambda: chart.figure is not None)
    assert drawn == [1]
    chart.draw(painter)  # shown: drawn at once
    qtbot.waitUntil(lambda: drawn == [1, 1])


def test_a_label_with_its_own_style_sheet_changes_shade_with_the_scheme(qtbot, scheme) -> None:  # type: ignore[no-untyped-def]
    """A bold figure styled by its own sheet turned black on the dark background when the
    scheme changed with the window open."""
    scheme.set_mode(theme.LIGHT)
    card = QWidget()
    label = QLabel("MMMM", card)
    label.setStyleSheet("font-size: 30px; font-weight: 600;")
    qtbot.addWidget(card)
    card.show()
    qtbot.waitExposed(card)

    def text_lightness() -> int:
        image = label.grab().toImage()
        back = image.pixelColor(0, 0).lightness()
        pixels = [
            image.pixelColor(x, y).lightness()
            for x in range(0, image.width(), 2)
            for y in range(0, image.height(), 2)
        ]
        return max(pixels, key=lambda p: abs(p - back))

    assert text_lightness() < 80
    scheme.set_mode(theme.DARK)
    qtbot.waitUntil(lambda: text_lightness() > 170)
