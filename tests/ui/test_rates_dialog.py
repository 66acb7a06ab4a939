"""Settings ▸ Late-payment rates: the user adds the new half-year's rate and removes it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.services.claims.rate_settings import RateSettings
from app.services.claims.rates import BE_LATE_FILE, FR_LEGAL_FILE, bundled_rates_dir
from app.ui.changes import ChangeBus
from app.ui.context import ViewContext
from app.ui.features.rates.dialog import RatesDialog
from app.ui.tasks import TaskRunner

TODAY = date(2031, 8, 3)


@pytest.fixture
def dialog(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    tasks = TaskRunner()
    context = ViewContext(tasks, ChangeBus(), today=lambda: TODAY)
    rates = RateSettings(bundled_rates_dir, lambda: tmp_path / "rates")
    window = RatesDialog(rates, context)
    qtbot.addWidget(window)
    window.show()
    page = window.pages[FR_LEGAL_FILE]
    qtbot.waitUntil(lambda: page.table.rowCount() > 0, timeout=10000)
    yield window
    tasks.wait()


def test_missing_half_year_is_announced_then_added(qtbot, dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = dialog.pages[FR_LEGAL_FILE]
    assert not page.warning.isHidden()
    assert "2031" in page.warning.text()
    dialog.grab().save(str(tmp_path / "rates.png"))
    page.start.set_value(date(2031, 7, 1))
    page.rates[0].setText("7,05 %")
    page.rates[1].setText("3,2")
    page.source.setText("Arrêté du 24 juin 2031")
    page.save()
    qtbot.waitUntil(lambda: page.warning.isHidden(), timeout=10000)
    assert page.table.item(0, 1).text() == "7.05"
    assert page.table.item(0, 4).text() == "you"
    assert not dialog.pages[BE_LATE_FILE].warning.isHidden()
    assert dialog.rates.entries(FR_LEGAL_FILE)[0].rates == (Decimal("7.05"), Decimal("3.2"))


def test_bad_row_shows_errors_by_field_and_writes_nothing(qtbot, dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = dialog.pages[FR_LEGAL_FILE]
    page.start.set_value(date(2031, 2, 1))
    page.rates[0].setText("abc")
    page.rates[1].setText("2")
    page.save()
    assert page.errors.message("rate_creditor_individual")
    page.rates[0].setText("7")
    page.save()
    qtbot.waitUntil(lambda: bool(page.errors.message("semester_start")), timeout=10000)
    assert page.errors.message("source")
    assert not (tmp_path / "rates").exists()


def test_only_the_users_rows_can_be_removed(qtbot, dialog, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = dialog.pages[BE_LATE_FILE]
    page.table.selectRow(page.table.rowCount() - 1)
    assert not page.remove_button.isEnabled()
    dialog.rates.save(BE_LATE_FILE, date(2031, 7, 1), [Decimal("10")], "FOD Financiën")
    dialog.reload()
    qtbot.waitUntil(lambda: page.entries and page.entries[0].yours, timeout=10000)
    page.table.selectRow(0)
    assert page.remove_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.remove()
    qtbot.waitUntil(lambda: not page.entries[0].yours, timeout=10000)


def test_settings_menu_opens_the_rates(qtbot, sqlite_services) -> None:  # type: ignore[no-untyped-def]
    from app.ui.main_window import MainWindow

    window = MainWindow(sqlite_services, quiet=True)  # an error is listed, not a modal box
    qtbot.addWidget(window)
    window.action_rates.trigger()
    dialogs = [d for d in window.findChildren(RatesDialog) if d.isVisible()]
    assert len(dialogs) == 1
    qtbot.waitUntil(lambda: dialogs[0].pages[FR_LEGAL_FILE].table.rowCount() > 0, timeout=10000)
    dialogs[0].close()
    window.tasks.wait()
    assert window.quiet_errors == []
