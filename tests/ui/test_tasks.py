"""The task runner publishes what a write changed; a read publishes nothing."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from app.services.changes import Changes
from app.ui.changes import ChangeBus
from app.ui.context import ViewContext
from app.ui.tasks import TaskRunner


def test_a_write_publishes_the_changes_it_returns(qtbot: Any) -> None:
    context = ViewContext(TaskRunner(), ChangeBus())
    published: list[Changes] = []
    context.bus.changed.connect(published.append)
    wrote = Changes(clients=True, client_ids=frozenset({7}))
    results: list[object] = []
    with qtbot.waitSignal(context.bus.changed, timeout=5000):
        context.tasks.run(lambda: wrote, results.append, write=True)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert published == [wrote]
    context.tasks.run(lambda: wrote, results.append)  # a read: nothing to publish
    qtbot.waitUntil(lambda: len(results) == 2, timeout=5000)
    assert published == [wrote]


def test_the_newest_job_of_a_key_wins(qtbot: Any) -> None:
    """A slow answer for the first client arrives after the answer for the second: dropped."""
    runner = TaskRunner()
    release = threading.Event()
    shown: list[str] = []

    def first() -> str:
        release.wait(10)
        return "first client"

    runner.run(first, shown.append, key="client-card")
    qtbot.waitUntil(runner.busy, timeout=5000)  # the first job is running, not just queued
    runner.run(lambda: "second client", shown.append, key="client-card")
    qtbot.waitUntil(lambda: shown == ["second client"], timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: not runner.busy(), timeout=5000)
    # The first job's result was posted before its thread ended, so it is handled before the
    # result of a job started now: if it were shown, it would come before "again".
    runner.run(lambda: "again", shown.append, key="client-card")
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=5000)
    assert shown == ["second client", "again"]


def test_a_result_for_a_closed_dialog_is_dropped(qtbot: Any) -> None:
    """A dialog closed (and deleted) while its task ran: the result has nobody to show it to."""
    from PySide6.QtWidgets import QLabel
    from shiboken6 import delete

    runner = TaskRunner()
    label = QLabel()
    release = threading.Event()
    failures: list[Exception] = []

    def slow() -> str:
        release.wait(10)
        return "done"

    runner.run(slow, label.setText, failures.append)
    delete(label)
    release.set()
    qtbot.waitUntil(runner.idle, timeout=5000)
    assert failures == []

    def wrong(_value: str) -> None:
        raise RuntimeError("a bug of the view, not a deleted widget")

    errors: list[BaseException] = []
    runner.run(lambda: "x", wrong)
    with qtbot.capture_exceptions() as caught:
        qtbot.waitUntil(runner.idle, timeout=5000)
    errors = [info[1] for info in caught]
    assert [str(e) for e in errors] == ["a bug of the view, not a deleted widget"]


def test_workers_hand_the_interpreter_back_to_the_window_quickly(qapp) -> None:  # type: ignore[no-untyped-def]
    import sys

    from app.ui.tasks import SWITCH_INTERVAL

    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        TaskRunner()
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)
        assert SWITCH_INTERVAL <= 0.001
    finally:
        sys.setswitchinterval(before)
