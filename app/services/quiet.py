"""Python's cyclic garbage collector paused while a million rows become objects.

Reading a large dossier creates hundreds of thousands of small objects that all stay alive
(rows, dates, amounts); each time their number grows the collector walks every one of them
again, for nothing: none is part of a cycle. At a million invoices that walking was over a third
of the time of the risk grades, and more than the planning itself for the reminder plan.
Reference counting still frees everything as usual; the collector resumes when the last heavy
step running (in any worker thread) ends.

On resuming, the objects made meanwhile are first set aside (`gc.freeze`): otherwise the
collector's next pass walks the million values kept (a plan, a snapshot) in one go, holding
the interpreter for 0.4–0.9 s at a million invoices and freezing the window. They are still
freed by reference counting when the results are dropped. The reference cycles a step leaves
behind (the database layer's query objects: about a thousand objects a step) are not: every
twenty resumptions or more (see `RELEASE_PER`), what was set aside goes back to the collector,
which makes one full pass then. The window pauses once in many refreshes instead of at every
one, and stays about the same size all day.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

RELEASE_EVERY = 20
"""Resumptions between two full passes, at the least…"""
RELEASE_PER = 10_000
"""…and one more per this many objects set aside: the full pass costs in proportion to them
(1.4 s at a million invoices with the dashboard and the plan kept, 2 million objects), so it
comes every 200 refreshes there, every 20 on a small dossier; either way the cycles left
meanwhile stay under a tenth of what is set aside."""

_guard = threading.Lock()
_running = 0
_paused_by_us = False
_set_aside = 0  # resumptions since what was set aside went back to the collector


@contextmanager
def collector_paused() -> Iterator[None]:
    global _running, _paused_by_us, _set_aside
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
                _set_aside += 1
                if _set_aside >= max(RELEASE_EVERY, gc.get_freeze_count() // RELEASE_PER):
                    _set_aside = 0
                    gc.unfreeze()
                    gc.collect()  # a full pass: the cycles of the last steps freed now
                else:
                    gc.freeze()
                gc.enable()
