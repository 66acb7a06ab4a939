"""Help ▸ User guide in both languages, with pictures made from the real window by
docs/guide/make_screenshots.py; View ▸ Appearance."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QPalette, QTextDocument

from app import i18n
from app.paths import resources_dir
from app.ui import theme
from app.ui.features.help.guide import chapters, guide_file, pictures
from app.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
PICTURE = re.compile(r"!\[[^\]]*\]\(([^)]+)\)")


def referenced(lang: str) -> list[str]:
    return PICTURE.findall(guide_file(lang).read_text(encoding="utf-8"))


def _script():  # type: ignore[no-untyped-def]
    path = ROOT / "docs" / "guide" / "make_screenshots.py"
    spec = importlib.util.spec_from_file_location("make_screenshots", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_guide_covers_the_week_and_ships_its_pictures(lang: str) -> None:
    path = guide_file(lang)
    assert path == resources_dir() / "guide" / lang / "guide.md"
    document = QTextDocument()
    document.setMarkdown(path.read_text(encoding="utf-8"))
    assert len(chapters(document)) == 10
    names = referenced(lang)
    assert len(names) >= 10
    for name in names:
        image = QImage(str(path.parent / name))
        assert not image.isNull(), name
        assert image.width() <= 1100
        assert image.height() <= 700
        assert (path.parent / name).stat().st_size < 120_000, name


def test_both_languages_show_the_same_pictures() -> None:
    assert referenced("fr") == referenced("en")


def test_the_script_makes_every_picture_the_guide_shows(tmp_path, qapp) -> None:  # type: ignore[no-untyped-def]
    language = i18n.current_language()
    written = _script().make_screenshots(
        tmp_path / "out", ("fr",), ("light",), clients=12, invoices=150, scratch=tmp_path
    )
    assert i18n.current_language() == language
    made = {p.relative_to(tmp_path / "out" / "fr").as_posix() for p in written}
    assert set(referenced("fr")) <= made
    for path in written:
        image = QImage(str(path))
        assert not image.isNull()
        assert image.width() <= 1100
        assert image.height() <= 700
    assert not theme.is_dark()


@pytest.fixture
def window(qtbot, sqlite_services):  # type: ignore[no-untyped-def]
    win = MainWindow(sqlite_services)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.tasks.wait()
    theme.appearance().set_mode(theme.SYSTEM)


def test_f1_opens_the_guide_in_the_window_language(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(i18n, "_current", "fr")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.guide_dialog
    qtbot.waitUntil(dialog.isVisible)
    titles = [title for title, _position in dialog.chapters]
    assert titles[0] == "Premier démarrage"
    assert "La mise en demeure et la réclamation" in titles
    document = dialog.browser.document()
    for name in pictures(document):
        image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        assert image is not None, name
        assert not image.isNull(), name
    dialog.contents.setCurrentRow(len(titles) - 1)
    assert dialog.browser.verticalScrollBar().value() > 0
    dialog.close()


def test_help_menu_has_the_guide_and_the_about_box(window) -> None:  # type: ignore[no-untyped-def]
    menus = {a.text(): a.menu() for a in window.menuBar().actions() if a.menu()}
    help_menu = menus["&Help"]
    texts = [a.text() for a in help_menu.actions() if not a.isSeparator()]
    assert texts == ["&User guide", "&About Relance"]
    assert "F1" in [k.toString() for k in window.action_guide.shortcuts()]


def test_view_appearance_switches_and_is_remembered(qtbot, window, qapp) -> None:  # type: ignore[no-untyped-def]
    actions = {a.data(): a for a in window.appearance_group.actions()}
    assert set(actions) == {theme.SYSTEM, theme.LIGHT, theme.DARK}
    assert actions[theme.SYSTEM].isChecked()
    actions[theme.DARK].trigger()
    assert theme.is_dark()
    assert theme.is_dark_palette(qapp.palette())
    assert theme.saved_mode(window.services.paths.window_settings) == theme.DARK
    qtbot.waitUntil(lambda: window.palette().color(QPalette.ColorRole.Window).lightness() < 80)
    actions[theme.LIGHT].trigger()
    assert not theme.is_dark()
    assert theme.saved_mode(window.services.paths.window_settings) == theme.LIGHT


def test_f1_in_a_dialog_opens_the_guide_over_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """A dialog holding the input (a form being filled) still answers F1, with the guide
    above it where it can be read and closed."""
    from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

    form = QDialog(window)
    field = QLineEdit(form)
    QVBoxLayout(form).addWidget(field)
    form.open()
    qtbot.waitExposed(form)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_F1)
    guide = window.guide_dialog
    qtbot.waitUntil(guide.isVisible)
    assert guide.parent() is form
    assert form.isVisible()
    qtbot.keyClick(guide.browser, Qt.Key.Key_F1)  # F1 in the guide opens no second guide
    assert window.guide_dialog is guide
    guide.close()
    form.reject()
