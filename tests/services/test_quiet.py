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


def test_what_a_step_made_is_set_aside_from_the_collectors_walks(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The values a heavy step keeps are not walked again by the collector's next pass (which
    would hold the interpreter, and the window, for seconds at a million invoices)."""
    from app.services import quiet

    monkeypatch.setattr(quiet, "_set_aside", 0)  # not the resumption that gives back
    gc.unfreeze()
    try:
        with collector_paused():
            kept = [[n] for n in range(10_000)]  # lists: objects the collector tracks
        assert gc.get_freeze_count() >= len(kept)
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_cycles_left_by_steps_are_freed_within_a_few_resumptions(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """What is set aside goes back to the collector every RELEASE_EVERY resumptions: the
    cycles the steps left are then freed, and a window refreshed all day does not grow."""
    import weakref

    from app.services import quiet

    class Node:
        pass

    freed: list[int] = []
    gc.unfreeze()
    monkeypatch.setattr(quiet, "_set_aside", 0)
    monkeypatch.setattr(quiet, "RELEASE_PER", 10**12)  # the twentieth, whatever else is kept
    try:
        for step in range(quiet.RELEASE_EVERY):
            with collector_paused():
                a, b = Node(), Node()
                a.other, b.other = b, a  # type: ignore[attr-defined]
                weakref.finalize(a, freed.append, step)
                del a, b
            gc.collect()
            if step < quiet.RELEASE_EVERY - 1:
                assert gc.get_freeze_count() > 0  # set aside meanwhile
        assert len(freed) == quiet.RELEASE_EVERY
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
