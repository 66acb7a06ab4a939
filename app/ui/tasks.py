"""Run service calls off the UI thread; results and errors come back by signal.

Reads go to a shared pool; writes to a one-thread pool (SQLite has one writer); slow reads
(totals over a million rows) to a pool of their own so that paging never waits behind them.
A job started with a `key` replaces the queued, not yet started job with the same key, and the
newest job of a key wins: the result of an older one still running is dropped when it comes
(a page switched to another client never shows the first client's figures last).
Workers never touch widgets. Long jobs receive a `progress(done, total)` callable.
A write's result says what it changed (`app.services.changes`): the runner emits it on
`changed` (the window's change bus listens) before handing the result to the caller.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.domain.errors import RelanceError
from app.services.changes import changes_of

log = logging.getLogger(__name__)

SWITCH_INTERVAL = 0.001
"""Seconds a busy worker keeps the interpreter before handing it over (Python's default is
0.005). The window's thread takes the interpreter back for every event it hands to Python code
(a cell to show, a row to paint): with a worker computing a plan beside it, each of those
waited up to 5 ms, and opening the reminders of a million invoices froze the window for
seconds. At 1 ms, the freeze is a fifth; the workers lose a few per cent."""


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], with_progress: bool) -> None:
        super().__init__()
        self.fn = fn
        self.with_progress = with_progress
        self.signals = _Signals()
        self.setAutoDelete(False)  # the runner keeps it until its result is delivered

    def run(self) -> None:
        try:
            if self.with_progress:
                result = self.fn(lambda done, total: self._emit(self.signals.progress, done, total))
            else:
                result = self.fn()
        except RelanceError as error:
            log.info("refused: %s", type(error).__name__)
            self._emit(self.signals.failed, error)
        except Exception as error:
            log.exception("background task failed")
            self._emit(self.signals.failed, error)
        else:
            self._emit(self.signals.done, result)

    @staticmethod
    def _emit(signal: Any, *args: Any) -> None:
        """Deliver, unless the window that asked was closed meanwhile (nobody is waiting)."""
        try:
            signal.emit(*args)
        except RuntimeError:
            log.info("result of a background task dropped: its window is gone")


def _deliver(callback: Callable[[Any], None], value: Any) -> None:
    """Call back with a task's result, unless the widget it was for is gone (a dialog closed
    while its task ran): Qt then refuses the call, and the result has nobody to show it to."""
    try:
        callback(value)
    except RuntimeError as error:
        if "already deleted" not in str(error):
            raise
        log.info("result of a background task dropped: its widget is gone (%s)", error)


class TaskRunner(QObject):
    changed = Signal(object)  # the Changes a finished write returned

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        sys.setswitchinterval(SWITCH_INTERVAL)
        self.reads = QThreadPool(self)
        self.reads.setMaxThreadCount(2)
        self.writes = QThreadPool(self)
        self.writes.setMaxThreadCount(1)
        self.slow = QThreadPool(self)
        self.slow.setMaxThreadCount(2)  # a long risk computation must not hold up the totals
        self._jobs: set[_Job] = set()
        self._queued: dict[str, tuple[QThreadPool, _Job]] = {}
        self._newest: dict[str, _Job] = {}

    def run(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
        *,
        write: bool = False,
        slow: bool = False,
        key: str | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        pool = self.writes if write else self.slow if slow else self.reads
        if key is not None and key in self._queued:
            old_pool, old_job = self._queued.pop(key)
            if old_pool.tryTake(old_job):
                self._jobs.discard(old_job)
        job = _Job(fn, with_progress=on_progress is not None)
        self._jobs.add(job)
        if key is not None:
            self._queued[key] = (pool, job)
            self._newest[key] = job

        def forget() -> bool:
            """Drop the job; False when a newer job of its key was started meanwhile."""
            self._jobs.discard(job)
            if key is None:
                return True
            if self._queued.get(key, (None, None))[1] is job:
                del self._queued[key]
            if self._newest.get(key) is not job:
                return False
            del self._newest[key]
            return True

        def finish(result: Any) -> None:
            newest = forget()
            changes = changes_of(result) if write else None
            if changes:
                self.changed.emit(changes)
            if newest or write:
                _deliver(on_done, result)
            else:
                log.debug("stale result of %s dropped", key)

        def fail(error: Exception) -> None:
            if not forget() and not write:
                return
            if on_error is not None:
                _deliver(on_error, error)

        job.signals.done.connect(finish)
        job.signals.failed.connect(fail)
        if on_progress is not None:
            job.signals.progress.connect(on_progress)
        pool.start(job)

    def wait(self, msecs: int = 30000) -> bool:
        return all(pool.waitForDone(msecs) for pool in (self.reads, self.writes, self.slow))

    def idle(self) -> bool:
        """Every job started has delivered its result (or been dropped as stale)."""
        return not self._jobs

    def busy(self) -> bool:
        return any(pool.activeThreadCount() for pool in (self.reads, self.writes, self.slow))
