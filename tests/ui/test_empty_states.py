"""A new dossier's lists say what to do next, in both languages; a search that finds nothing
offers to clear it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app import i18n
from app.services.ledger.clients import ClientData
from app.ui.features.clients.view import ClientsView
from app.ui.main_window import MainWindow
from tests.ui.language_check import english_leaks, french_translator

LISTS = ("clients", "invoices", "aging", "reminders")


@pytest.fixture
def empty_window(qtbot, sqlite_services):  # type: ignore[no-untyped-def]
    window = MainWindow(sqlite_services)  # closed here, once its background work is done
    window.resize(1280, 800)
    window.show()
    yield window
    qtbot.waitUntil(window.tasks.idle, timeout=10000)
    window.tasks.wait()
    window.close()


def _shown(qtbot, window, key: str):  # type: ignore[no-untyped-def]
    window.show_view(key)
    if key == "reminders":
        window.views[key].set_mode("agenda")  # the list of the coming four weeks
    empty = window.views[key].empty
    qtbot.waitUntil(lambda: empty.isVisible(), timeout=10000)
    return empty


def test_every_empty_list_says_what_to_do(qtbot, empty_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened = []
    monkeypatch.setattr(ClientsView, "new_client", lambda self: opened.append(True))
    empty = _shown(qtbot, empty_window, "clients")
    assert "No client yet" in empty.label.text()
    assert empty.geometry() == empty_window.views["clients"].table.viewport().rect()
    qtbot.mouseClick(empty.button, Qt.MouseButton.LeftButton)
    assert opened == [True]
    assert "No invoice yet" in _shown(qtbot, empty_window, "invoices").label.text()
    assert "Nothing is owed" in _shown(qtbot, empty_window, "aging").label.text()
    reminders = _shown(qtbot, empty_window, "reminders")
    assert "No reminder in this period" in reminders.label.text()
    qtbot.mouseClick(reminders.button, Qt.MouseButton.LeftButton)
    assert empty_window.current_view_key() == "invoices"


def test_a_search_that_finds_nothing_offers_to_clear_it(qtbot, empty_window) -> None:  # type: ignore[no-untyped-def]
    services = empty_window.services
    services.clients.create(ClientData(code="C001", name="Boulangerie Martin", email="a@b.fr"))
    view = empty_window.views["clients"]
    empty_window.show_view("clients")
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.empty.isVisible())
    qtbot.keyClicks(view.search, "zzz")
    qtbot.waitUntil(lambda: view.empty.isVisible(), timeout=5000)
    assert view.empty.label.text() == "No client matches this search."
    qtbot.mouseClick(view.empty.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and not view.empty.isVisible())
    assert view.search.text() == ""
    qtbot.waitUntil(lambda: not view._debounce.isActive() and empty_window.tasks.idle())


def test_empty_states_in_french(qtbot, sqlite_services, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    translations = {"fr": french_translator(), "en": i18n.translator("en")}
    monkeypatch.setattr(i18n, "translator", translations.__getitem__)
    i18n.set_language("fr")
    try:
        window = MainWindow(sqlite_services)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        for key in LISTS:
            empty = _shown(qtbot, window, key)
            assert english_leaks(empty) == []
            window.grab().save(str(tmp_path / f"empty-{key}-fr.png"))
        assert "Aucun client" in window.views["clients"].empty.label.text()
        qtbot.waitUntil(window.tasks.idle, timeout=10000)
        window.tasks.wait()
    finally:
        i18n.set_language("en")


def test_ctrl_f_goes_to_the_search_of_every_list(qtbot, empty_window) -> None:  # type: ignore[no-untyped-def]
    empty_window.activateWindow()
    for key, field in (
        ("clients", lambda v: v.search),
        ("invoices", lambda v: v.filters.text),
    ):
        empty_window.show_view(key)
        view = empty_window.views[key]
        field(view).setText("old search")
        view.table.setFocus()
        qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert field(view).hasFocus(), key
        assert field(view).selectedText() == "old search"
        field(view).clear()


def test_an_empty_dashboard_says_how_it_fills_in(qtbot, empty_window) -> None:  # type: ignore[no-untyped-def]
    dashboard = empty_window.views["dashboard"]
    empty_window.show_view("dashboard")
    qtbot.waitUntil(lambda: dashboard.empty_hint.isVisible(), timeout=10000)
    assert "Nothing is owed today" in dashboard.empty_hint.text()
