"""The written reminder a formal notice needs is sent again once, in writing: never twice, and
never inside a hand-over or a call, which leave the client nothing written."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from app.domain.followup.inputs import ClientState, CompanySettings, DoneAction, PlannedAction
from app.domain.followup.policy import Channel
from tests.domain.followup.planner_helpers import done, invoice, run

START = date(2026, 1, 1)


def _book(balance: str = "0.01") -> dict:
    """The book hypothesis found: F001 (not yet issued today) had its firm reminder skipped, so
    its formal notice needs the firm reminder again; F004, F005 and F006 of the same client
    climb to the hand-over meanwhile."""
    invoices = [
        invoice(1, number="F001", issue=date(2026, 2, 9), due=date(2026, 2, 16), balance=balance),
        invoice(2, number="F002", issue=START, due=START, balance="0"),
        invoice(3, number="F003", issue=START, due=START, balance="0"),
        invoice(4, number="F004", issue=START, due=date(2026, 1, 31), balance="10"),
        invoice(5, number="F005", issue=START, due=START, balance="0.01"),
        invoice(6, number="F006", issue=START, due=START, balance="9.98"),
        invoice(7, number="F007", issue=START, due=START, balance="0"),
    ]
    history = [
        done("receipt_confirmation", START, 1),
        done("firm_reminder", START, 1, status="skipped"),
    ]
    return {
        "invoices": invoices,
        "clients": [ClientState(id=1, code="C1", name="Client 1", country="FR")],
        "history": history,
        "settings": CompanySettings(country="FR", promise_grace_days=0),
    }


def _plan(
    balance: str = "0.01", today: date = START, history: list[DoneAction] | None = None
) -> list[PlannedAction]:
    book = _book(balance)
    return run(
        book["invoices"],
        today,
        clients=book["clients"],
        settings=book["settings"],
        history=book["history"] if history is None else history,
    )


def _levels_per_invoice(actions: list[PlannedAction]) -> dict[str, list[tuple[date, str, str]]]:
    found: dict[str, list[tuple[date, str, str]]] = defaultdict(list)
    for action in actions:
        for item in action.items:
            found[item.invoice_number].append((action.date, item.level_code, action.level_code))
    return found


def test_each_invoice_gets_each_level_once() -> None:
    for number, steps in _levels_per_invoice(_plan()).items():
        levels = [level for _on, level, _voice in steps]
        assert len(levels) == len(set(levels)), (number, steps)


def test_the_resent_firm_reminder_never_rides_in_a_hand_over() -> None:
    for action in _plan():
        for item in action.items:
            if item.invoice_number == "F001" and item.level_code == "firm_reminder":
                assert action.channel.is_durable, action
    written = {Channel.EMAIL, Channel.LETTER, Channel.FORMAL_NOTICE}
    for action in _plan():
        if action.level_code == "collection":
            assert action.channel not in written
            assert "F001" not in {item.invoice_number for item in action.items}


def test_the_firm_reminder_goes_once_in_writing_after_the_hand_over() -> None:
    actions = _plan("50.00")
    f001 = _levels_per_invoice(actions)["F001"]
    assert f001 == [
        # a week after the hand-over, in the formal notice letter of F005 and F006 (a formal
        # notice never rides in a hand-over: it goes in writing, its own letter)
        (date(2026, 4, 8), "firm_reminder", "formal_notice"),
        (date(2026, 4, 23), "formal_notice", "formal_notice"),
        (date(2026, 5, 11), "collection", "collection"),
    ]
    letter = next(a for a in actions if a.date == date(2026, 4, 8))
    assert letter.channel is Channel.FORMAL_NOTICE


def test_a_firm_reminder_recorded_with_a_hand_over_is_sent_again_once_in_writing() -> None:
    """What the calendar used to show: F001's firm reminder inside the hand-over of F004. Once
    recorded so (a manual task leaves nothing written), it goes once more, as a letter."""
    history = list(_book("50.00")["history"])
    for action in _plan("50.00"):
        if action.date >= date(2026, 4, 1):
            break
        for level in sorted({item.level_code for item in action.items}):
            ids = tuple(i.invoice_id for i in action.items if i.level_code == level)
            history.append(DoneAction(ids, level, action.date, "done", channel=action.channel))
    on = date(2026, 4, 1)
    history += [
        DoneAction((4,), "collection", on, "done", channel=Channel.MANUAL),
        DoneAction((5, 6), "formal_notice", on, "done", channel=Channel.MANUAL),
        DoneAction((1,), "firm_reminder", on, "done", channel=Channel.MANUAL),
    ]
    actions = _plan("50.00", on + timedelta(days=1), history)
    f001 = _levels_per_invoice(actions)["F001"]
    assert [level for _on, level, _voice in f001] == [
        "firm_reminder",
        "formal_notice",
        "collection",
    ]
    resent = next(a for a in actions if a.date == f001[0][0])
    assert resent.channel.is_durable  # with F005/F006's formal notice, recorded as a task
