"""Run service calls off the UI thread; results and errors come back by signal.

Reads go to a shared pool; writes to a one-thread pool (SQLite has one writer). Workers never
touch widgets. Long jobs receive a `progress(done, total)` callable.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


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
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            if self.with_progress:
                result = self.fn(lambda done, total: self.signals.progress.emit(done, total))
            else:
                result = self.fn()
        except Exception as error:  # noqa: BLE001 - delivered to the UI, which explains it
            log.exception("background task failed")
            self.signals.failed.emit(error)
        else:
            self.signals.done.emit(result)


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reads = QThreadPool(self)
        self.reads.setMaxThreadCount(2)
        self.writes = QThreadPool(self)
        self.writes.setMaxThreadCount(1)
        self._jobs: set[_Job] = set()

    def run(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
        *,
        write: bool = False,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        job = _Job(fn, with_progress=on_progress is not None)
        self._jobs.add(job)

        def finish(result: Any) -> None:
            self._jobs.discard(job)
            on_done(result)

        def fail(error: Exception) -> None:
            self._jobs.discard(job)
            if on_error is not None:
                on_error(error)

        job.signals.done.connect(finish)
        job.signals.failed.connect(fail)
        if on_progress is not None:
            job.signals.progress.connect(on_progress)
        (self.writes if write else self.reads).start(job)

    def wait(self, msecs: int = 30000) -> bool:
        return self.reads.waitForDone(msecs) and self.writes.waitForDone(msecs)
