from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from app.db.models import Client, Invoice
from app.ui.main_window import MainWindow
from app.ui.views import VIEWS


@pytest.fixture
def window(qtbot, sqlite_services):  # type: ignore[no-untyped-def]
    with sqlite_services.uow() as uow:
        client = Client(code="C001", name="Boulangerie Martin", city="Lyon")
        uow.session.add(client)
        uow.session.flush()
        uow.session.add(
            Invoice(
                number="F1",
                client_id=client.id,
                issue_date=date(2026, 1, 1),
                due_date=date(2026, 1, 31),
                total=Decimal("1200.00"),
            )
        )
        uow.session.add(
            Invoice(
                number="F2",
                client_id=client.id,
                issue_date=date(2099, 1, 1),
                due_date=date(2099, 1, 31),
                total=Decimal("80.00"),
            )
        )
        uow.commit()
    win = MainWindow(sqlite_services)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.tasks.wait()


def _settle(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(win.tasks.idle, timeout=10000)


def test_every_view_by_shortcut(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    for index, entry in enumerate(VIEWS):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
        assert window.current_view_key() == entry.key
    assert "test" in window.status_dossier.text()


def test_views_show_real_data(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _settle(qtbot, window)
    clients = window.views["clients"].model
    qtbot.waitUntil(lambda: clients.rowCount() == 1)
    assert clients.data(clients.index(0, 1)) == "Boulangerie Martin"
    invoices = window.views["invoices"].model
    qtbot.waitUntil(lambda: invoices.rowCount() == 2)
    aging = window.views["aging"].model
    qtbot.waitUntil(lambda: aging.rowCount() == 1)
    reminders = window.views["reminders"].model  # built now: its first reading starts
    _settle(qtbot, window)
    # The overdue first reminder, then the steps that follow it once it is done (never F2).
    assert {r.action.invoice_numbers for r in reminders.rows} == {("F1",)}
    assert reminders.rows[0].action.level_code == "reminder_1"
    figure = window.views["dashboard"].receivable.value.text()
    assert figure == "€1,200.00"  # the invoice issued in 2099 does not count yet


def test_client_search_filters(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    view = window.views["clients"]
    _settle(qtbot, window)
    qtbot.keyClicks(view.search, "zzz")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=5000)
    view.search.clear()
    qtbot.keyClicks(view.search, "lyon")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)


def test_opening_an_aging_cell_shows_its_invoices(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    aging = window.views["aging"]
    _settle(qtbot, window)
    qtbot.waitUntil(lambda: aging.model.rowCount() == 1)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view_key() == "aging"
    aging.table.setFocus()
    aging.table.setCurrentIndex(aging.model.index(0, 0))
    qtbot.keyClick(aging.table, Qt.Key.Key_Return)  # as a double click does: the cell opens
    assert window.current_view_key() == "invoices"
    invoices = window.views["invoices"]
    qtbot.waitUntil(lambda: invoices.model.rowCount() == 2 and not invoices.model.loading)
    assert invoices.filters.client.client_id() is not None
    qtbot.waitUntil(lambda: invoices.count.text() == "2 invoices")


def test_geometry_is_remembered(qtbot, sqlite_services) -> None:  # type: ignore[no-untyped-def]
    first = MainWindow(sqlite_services)
    qtbot.addWidget(first)
    first.show()
    first.resize(1011, 707)
    qtbot.waitUntil(lambda: first.width() == 1011)
    first.close()
    second = MainWindow(sqlite_services)
    qtbot.addWidget(second)
    # The offscreen screen is 800 px wide, so Qt clamps the width; the height comes back.
    assert second.height() == 707
    from app.ui.main_window import window_settings

    assert window_settings(sqlite_services.paths.window_settings).value("main/geometry") is not None


def test_models_pass_the_model_tester(qtbot, qtmodeltester, window) -> None:  # type: ignore[no-untyped-def]
    keys = ("clients", "invoices", "aging", "reminders")
    for key in keys:
        window.views[key]  # each view is built when first asked for, and starts reading
    _settle(qtbot, window)
    for key in keys:
        qtmodeltester.check(window.views[key].model)


def test_smoke_test_entry_point(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.main import main

    assert main(["--database", str(tmp_path / "s.relance"), "--smoke-test"]) == 0
    assert main(["--smoke-test"]) == 0


def test_the_smoke_test_opens_every_view_and_draws_its_charts(tmp_path, caplog) -> None:  # type: ignore[no-untyped-def]
    """The dashboard (the first view, already current) is built too: its two charts and the
    aging's are drawn by the frozen app's check."""
    import logging

    from app.main import main

    db = str(tmp_path / "demo.relance")
    assert main(["--database", db, "demo", "--clients", "4", "--invoices", "30"]) == 0
    with caplog.at_level(logging.INFO, logger="app.ui.app"):
        assert main(["--database", db, "--smoke-test"]) == 0
    assert "smoke test: 3 charts drawn" in caplog.text


def test_opening_another_dossier_closes_the_first(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication, QFileDialog

    from app.bootstrap import build
    from app.paths import Paths
    from app.services.dossier import CompanySettings
    from app.ui.app import open_window

    paths = Paths.under(tmp_path / "home")
    other = tmp_path / "other.relance"
    made = build(str(other), "en", paths)
    made.dossier.init(CompanySettings(name="Garage Dupont"))
    made.close()
    first = open_window(str(tmp_path / "first.relance"), "en", QApplication.instance(), paths, True)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitUntil(first.tasks.idle, timeout=10000)
    closed: list[str] = []
    close = first.services.close
    monkeypatch.setattr(
        first.services, "close", lambda: (closed.append(first.services.name), close())
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    qtbot.keyClick(first, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not first.isVisible(), timeout=10000)
    assert closed == ["first"]  # its dossier closed with it (engine disposed)
    second = next(
        w for w in QApplication.topLevelWidgets() if w.isVisible() and hasattr(w, "services")
    )
    qtbot.addWidget(second)
    assert "other" in second.status_dossier.text()
    qtbot.waitUntil(second.tasks.idle, timeout=10000)
