"""The freeze watchdog over a large dossier: open the window, scroll the invoice list to its
end pages, sort by every sortable column, walk through every view. The longest gap between
event-loop turns is reported (printed, and as the test's `longest_gap_ms` property), never
asserted: timings depend on the machine. bench/bench_freeze.py gives the 1M figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.ui.main_window import MainWindow
from tests.ui.freeze import FreezeWatchdog, drive

AS_OF = date(2026, 11, 22)
INVOICES = 20_000


@pytest.fixture(scope="session")
def large_dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 20,000-invoice demo dossier, made once per test session."""
    from app.bootstrap import build
    from app.paths import Paths

    folder = tmp_path_factory.mktemp("large")
    path = folder / "large.relance"
    services = build(str(path), "en", Paths.under(folder / "home"))
    try:
        services.demo.generate(clients=400, invoices=INVOICES, seed=15, as_of=AS_OF)
    finally:
        services.close()
    return path


def test_longest_freeze_is_measured_on_a_large_dossier(
    qtbot, large_dossier: Path, tmp_path: Path, record_property
) -> None:  # type: ignore[no-untyped-def]
    from app.bootstrap import build
    from app.paths import Paths

    services = build(str(large_dossier), "en", Paths.under(tmp_path / "home"))
    dog = FreezeWatchdog().start()
    with dog.phase("window"):
        window = MainWindow(services)
        qtbot.addWidget(window)
        window.show()
    try:
        scrolled = drive(window, dog, lambda condition, ms: qtbot.waitUntil(condition, timeout=ms))
    finally:
        dog.stop()
        window.tasks.wait()
    print(f"\nFreeze watchdog, {INVOICES} invoices:\n{dog.report()}")
    record_property("longest_gap_ms", round(dog.longest * 1000))
    assert dog.ticks > 50  # the event loop turned and was watched throughout
    assert set(dog.phases) >= {"scroll", "sort", "view dashboard", "view reminders"}
    assert scrolled > 500  # the scrolling fetched more pages than the first
