"""Undo of a done / skip / snooze: exactly the history rows it wrote go, the action is planned
again, and nothing else moves; refused when something came after it on the same invoices."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import Conflict
from app.services.followup.service import CallOutcome
from tests.services.followup.data import TODAY, by_client, seed


def _plan(services, code: str):  # type: ignore[no-untyped-def]
    return [
        (i.action.key, i.action.level_code, i.action.date)
        for i in by_client(services.reminders.plan(TODAY).items, code)
    ]


def _first(services, code: str):  # type: ignore[no-untyped-def]
    return by_client(services.reminders.plan(TODAY).items, code)[0].action


def _history(services, client_id: int):  # type: ignore[no-untyped-def]
    return [(e.kind, e.status, e.level_code) for e in services.reminders.history(client_id)]


@pytest.mark.parametrize("outcome", ["done", "skipped", "snoozed"])
def test_undo_plans_the_action_again_and_removes_only_its_rows(services, outcome) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    other = services.reminders.skip(_first(services, "C002"), TODAY, "on holiday")
    other_history = _history(services, ids["C002"])
    before = _plan(services, "C001")
    action = _first(services, "C001")
    if outcome == "done":
        recorded = services.reminders.done(action, TODAY, note="sent")
    elif outcome == "skipped":
        recorded = services.reminders.skip(action, TODAY, "paid at the counter")
    else:
        recorded = services.reminders.snooze(action, TODAY, date(2026, 11, 26))
    assert recorded.undoable
    assert _plan(services, "C001") != before
    assert [h[1] for h in _history(services, ids["C001"])] == [outcome]

    changes = services.reminders.undo(recorded)

    assert changes.reminders
    assert changes.client_ids == frozenset({ids["C001"]})
    assert _plan(services, "C001") == before
    assert _history(services, ids["C001"]) == []
    assert _history(services, ids["C002"]) == other_history  # the other client's skip stays
    with pytest.raises(Conflict):
        services.reminders.undo(recorded)  # undone already: nothing more goes
    assert _history(services, ids["C002"]) == other_history
    assert other.undoable


def test_undo_is_refused_when_something_came_after_on_the_same_invoices(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    first = services.reminders.done(_first(services, "C001"), TODAY)
    second = services.reminders.done(_first(services, "C001"), TODAY)
    with pytest.raises(Conflict):
        services.reminders.undo(first)
    assert len(_history(services, ids["C001"])) == 2  # nothing removed
    services.reminders.undo(second)
    services.reminders.undo(first)
    assert _history(services, ids["C001"]) == []


def test_a_call_is_not_undone(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    recorded = services.reminders.call(
        _first(services, "C002"), TODAY, CallOutcome("wrong_contact", "autre abonné")
    )
    assert not recorded.undoable
    with pytest.raises(Conflict):
        services.reminders.undo(recorded)
    assert len(_history(services, ids["C002"])) == 2
