"""Recording plan actions: once per action (the second desk is told who and when), one history
row per level an action gathers, and the escalation, the only jump."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.domain.errors import Conflict, InvalidInput, NotFound
from tests.services.followup.data import TODAY, add_invoice, by_client, seed


def _plan(services, code: str, today: date = TODAY):  # type: ignore[no-untyped-def]
    return [i.action for i in by_client(services.reminders.plan(today).items, code)]


def test_the_same_action_recorded_twice_is_one_entry(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    action = _plan(services, "C001")[0]
    services.reminders.done(action, TODAY)
    with pytest.raises(Conflict, match="already recorded by"):
        services.reminders.done(action, TODAY)  # another desk, the same plan on its screen
    with pytest.raises(Conflict):
        services.reminders.skip(replace(action), TODAY, "duplicate")
    assert len(services.reminders.history(ids["C001"])) == 1


def test_record_by_key_and_unknown_keys(services) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    action = _plan(services, "C001")[0]
    services.reminders.record(action.key, "snoozed", TODAY, until=TODAY + timedelta(days=3))
    back = _plan(services, "C001")[0]
    assert (back.key, back.date, back.level_code) == (action.key, date(2026, 11, 26), "reminder_1")
    with pytest.raises(InvalidInput):
        services.reminders.record(back.key, "skipped", TODAY)  # no reason
    with pytest.raises(NotFound):
        services.reminders.record("1/nothing/0", "done", TODAY)


def test_a_contact_with_invoices_at_two_levels_writes_one_row_per_level(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    services.reminders.done(_plan(services, "C001")[0], TODAY)  # F1, F2: first reminder
    add_invoice(
        services, ids["C001"], "F3", date(2026, 10, 17), date(2026, 11, 17), "80.00"
    )  # late, no history: its first reminder joins the next contact
    later = TODAY + timedelta(days=8)
    action = _plan(services, "C001", later)[0]
    levels = sorted({(i.invoice_number, i.level_code) for i in action.items})
    assert levels == [("F1", "reminder_2"), ("F2", "reminder_2"), ("F3", "reminder_1")]
    assert action.level_code == "reminder_2"
    services.reminders.done(action, later)
    events = [e for e in services.reminders.history(ids["C001"]) if e.on == later]
    assert sorted(e.level_code for e in events) == ["reminder_1", "reminder_2"]
    assert {e.channel for e in events} == {action.channel.value}


def test_escalate_now_is_the_only_jump(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    action = _plan(services, "C001")[0]
    with pytest.raises(InvalidInput):
        services.reminders.escalate(action, "formal_notice", TODAY, " ")
    services.reminders.escalate(action, "formal_notice", TODAY, "the client left the country")
    first = _plan(services, "C001")[0]
    assert (first.level_code, first.date) == ("formal_notice", TODAY)
    [event] = services.reminders.history(ids["C001"])
    assert (event.status, event.level_code) == ("escalated", "formal_notice")
    assert "left the country" in event.note
