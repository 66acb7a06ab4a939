"""A freeze watchdog: the longest time the window's event loop went without a turn.

A QTimer ticks every few milliseconds; each tick notes the time since the previous one.
While the UI thread is busy (a query run on it, a model filled row by row, a chart drawn)
no tick comes, so the longest gap between ticks is the longest freeze the user would feel.
Each gap is charged to the phase named with `phase()` at the time it ended.

Used by tests/ui/test_freeze_watchdog.py (a modest dossier, no timing asserted) and by
bench/bench_freeze.py (the 1M figures)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer


class FreezeWatchdog(QObject):
    def __init__(self, interval_ms: int = 5, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval = interval_ms / 1000
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.ticks = 0
        self.longest = 0.0
        """Seconds of the longest gap between two turns, less the timer's own interval."""
        self.longest_phase = ""
        self.phases: dict[str, float] = {}
        """Longest gap seen in each phase, in seconds."""
        self._phase = "idle"
        self._last = 0.0

    def start(self) -> FreezeWatchdog:
        self._last = time.perf_counter()
        self.timer.start()
        return self

    def stop(self) -> None:
        self._tick()
        self.timer.stop()

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Charge the gaps that end while the block runs (and the event loop turns) to `name`."""
        before = self._phase
        self._phase = name
        self.phases.setdefault(name, 0.0)
        try:
            yield
        finally:
            self._tick()
            self._phase = before

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = max(0.0, now - self._last - self.interval)
        self._last = now
        self.ticks += 1
        if gap > self.phases.get(self._phase, 0.0):
            self.phases[self._phase] = gap
        if gap > self.longest:
            self.longest = gap
            self.longest_phase = self._phase

    def report(self) -> str:
        lines = [
            f"longest gap {self.longest * 1000:.0f} ms ({self.longest_phase}), {self.ticks} turns"
        ]
        lines += [f"  {name:<24} {gap * 1000:7.0f} ms" for name, gap in self.phases.items()]
        return "\n".join(lines)


WaitUntil = Callable[[Callable[[], object], int], None]
"""wait_until(condition, timeout_ms): turn the event loop until condition() is true."""


def drive(window: Any, dog: FreezeWatchdog, wait_until: WaitUntil, pages: int = 6) -> int:
    """The gestures of someone looking through a large dossier, each left to finish: the
    invoice list scrolled `pages` times to its end, sorted by each sortable column both
    ways, then every view shown in turn. Returns the invoice rows loaded by the scrolling."""
    from app.ui.views import VIEWS

    def settle() -> None:
        wait_until(window.tasks.idle, 600_000)

    def turn(ms: int) -> None:
        end = time.perf_counter() + ms / 1000
        wait_until(lambda: time.perf_counter() >= end, ms + 60_000)

    with dog.phase("open"):
        settle()
    with dog.phase("invoice list"):
        window.show_view("invoices")
        view = window.views["invoices"]
        wait_until(lambda: view.model.rowCount() > 0, 600_000)
        settle()
    with dog.phase("scroll"):
        bar = view.table.verticalScrollBar()
        for _ in range(pages):
            bar.setValue(bar.maximum())
            turn(20)
            settle()
        scrolled = int(view.model.rowCount())
    with dog.phase("sort"):
        for column, spec in enumerate(view.model.columns):
            if spec.sort_key is None:
                continue
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                view.table.sortByColumn(column, order)
                settle()
    for entry in VIEWS:
        with dog.phase(f"view {entry.key}"):
            window.show_view(entry.key)
            turn(20)
            settle()
    return scrolled
