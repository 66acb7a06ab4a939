"""The collector is paused while a heavy step runs and resumes after the last one, even when a
step fails; a collector someone else turned off stays off."""

from __future__ import annotations

import gc
import threading

import pytest

from app.services.quiet import collector_paused


def test_paused_during_and_back_after_the_last_step() -> None:
    assert gc.isenabled()
    inside, release = threading.Event(), threading.Event()

    def other_step() -> None:
        with collector_paused():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=other_step)
    worker.start()
    inside.wait(5)
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other worker's step still runs
    release.set()
    worker.join(5)
    assert gc.isenabled()


def test_resumes_after_a_failure() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("query failed")
    assert gc.isenabled()


def test_leaves_a_collector_turned_off_elsewhere_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_cycles_made_during_a_step_are_still_collected() -> None:
    """Nothing a step made is set aside for good: a reference cycle dropped during the step is
    freed by the collector afterwards (a window refreshed all day must not grow)."""
    import weakref

    class Node:
        pass

    freed: list[int] = []
    with collector_paused():
        for n in range(100):
            a, b = Node(), Node()
            a.other, b.other = b, a  # type: ignore[attr-defined]
            weakref.finalize(a, freed.append, n)
            del a, b
    gc.collect()
    assert len(freed) == 100
