"""Python's cyclic garbage collector paused while a million rows become objects.

Reading a large dossier creates hundreds of thousands of small objects that all stay alive
(rows, dates, amounts); each time their number grows the collector walks every one of them
again, for nothing: none is part of a cycle. At a million invoices that walking was over a third
of the time of the risk grades, and more than the planning itself for the reminder plan.
Reference counting still frees everything as usual; the collector resumes when the last heavy
step running (in any worker thread) ends.

On resuming, the objects made meanwhile are first set aside (`gc.freeze`): otherwise the
collector's next pass walks the million values kept (a plan, a snapshot) in one go, holding
the interpreter for seconds and freezing the window. They are still freed by reference
counting when the results are dropped; only a reference cycle made during a heavy step would
wait, and these steps make none.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_guard = threading.Lock()
_running = 0
_paused_by_us = False


@contextmanager
def collector_paused() -> Iterator[None]:
    global _running, _paused_by_us
    with _guard:
        if _running == 0 and gc.isenabled():
            gc.disable()
            _paused_by_us = True
        _running += 1
    try:
        yield
    finally:
        with _guard:
            _running -= 1
            if _running == 0 and _paused_by_us:
                _paused_by_us = False
                gc.freeze()
                gc.enable()
