"""The task runner publishes what a write changed; a read publishes nothing."""

from __future__ import annotations

from typing import Any

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
