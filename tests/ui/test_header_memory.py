"""Every list remembers its column widths, order and sort across a restart of the window."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from app.db.models import Client, Invoice
from app.ui.main_window import MainWindow, window_settings


def _data(services) -> None:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        client = Client(code="C001", name="Boulangerie Martin", city="Lyon")
        uow.session.add(client)
        uow.session.flush()
        for number, total in (("F1", "1200.00"), ("F2", "80.00")):
            uow.session.add(
                Invoice(
                    number=number,
                    client_id=client.id,
                    issue_date=date(2026, 1, 1),
                    due_date=date(2026, 1, 31),
                    total=Decimal(total),
                )
            )
        uow.commit()


def _window(qtbot, services) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.tasks.idle, timeout=10000)
    return win


def _tables(win: MainWindow) -> dict:  # type: ignore[type-arg]
    reminders = win.views["reminders"]
    return {
        "invoices": win.views["invoices"].table,
        "clients": win.views["clients"].table,
        "aging": win.views["aging"].table,
        "agenda": reminders.agenda_table,
        "day": reminders.day_table,
        "review": reminders.review.table,
        "client_history": win.views["clients"].detail.tabs.widget(3),
    }


def test_widths_order_and_sort_come_back(qtbot, sqlite_services) -> None:  # type: ignore[no-untyped-def]
    _data(sqlite_services)
    first = _window(qtbot, sqlite_services)
    qtbot.waitUntil(lambda: first.views["aging"].model.columnCount() > 0, timeout=10000)
    tables = _tables(first)
    defaults = {name: t.columnWidth(0) for name, t in tables.items()}
    for offset, table in enumerate(tables.values()):
        table.setColumnWidth(0, 150 + offset)
    tables["invoices"].sortByColumn(0, Qt.SortOrder.AscendingOrder)
    tables["clients"].sortByColumn(2, Qt.SortOrder.DescendingOrder)
    tables["invoices"].horizontalHeader().moveSection(2, 5)
    first.close()  # saves at once, without waiting for the delayed write

    second = _window(qtbot, sqlite_services)
    qtbot.waitUntil(lambda: second.views["aging"].model.columnCount() > 0, timeout=10000)
    tables = _tables(second)
    for offset, (name, table) in enumerate(tables.items()):
        assert table.columnWidth(0) == 150 + offset != defaults[name], name
    invoices = tables["invoices"].horizontalHeader()
    assert (invoices.sortIndicatorSection(), invoices.sortIndicatorOrder()) == (
        0,
        Qt.SortOrder.AscendingOrder,
    )
    assert invoices.visualIndex(2) == 5
    clients = tables["clients"].horizontalHeader()
    assert (clients.sortIndicatorSection(), clients.sortIndicatorOrder()) == (
        2,
        Qt.SortOrder.DescendingOrder,
    )
    # the model really sorted that way, not only the arrow
    model = second.views["invoices"].model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10000)
    numbers = [model.index(row, 0).data() for row in range(2)]
    assert numbers == ["F1", "F2"]
    second.close()


def test_a_change_is_written_soon_without_closing(qtbot, sqlite_services) -> None:  # type: ignore[no-untyped-def]
    win = _window(qtbot, sqlite_services)
    win.views["invoices"].table.setColumnWidth(0, 177)
    settings = window_settings(sqlite_services.paths.window_settings)
    qtbot.waitUntil(
        lambda: (
            window_settings(sqlite_services.paths.window_settings).value("tables/invoices/header")
            is not None
        ),
        timeout=3000,
    )
    assert settings is not None
    win.close()


def test_a_table_whose_columns_changed_keeps_its_defaults(qtbot, sqlite_services) -> None:  # type: ignore[no-untyped-def]
    settings = window_settings(sqlite_services.paths.window_settings)
    settings.setValue("tables/invoices/header", b"garbage")
    settings.setValue("tables/invoices/columns", 99)
    settings.sync()
    win = _window(qtbot, sqlite_services)
    assert win.views["invoices"].table.columnWidth(0) == 140
    win.close()
