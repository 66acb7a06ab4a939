"""A formal notice and a Belgian consumer's free first reminder must reach the client in
writing: never inside another invoice's hand-over (a manual task) or a phone call, which leave
the client nothing written, and never counted as done when recorded so."""

from __future__ import annotations

from datetime import date, timedelta

from app.domain.followup.inputs import (
    FLAG_FREE_FIRST_REMINDER,
    CompanySettings,
    DoneAction,
    PlannedAction,
)
from app.domain.followup.policy import Channel, ClientType
from tests.domain.followup.planner_helpers import DUE, client, done, invoice, run
from tests.domain.followup.test_planner_resend import _plan as resend_plan

FR = CompanySettings(country="FR", promise_grace_days=0)
BE = CompanySettings(country="BE", promise_grace_days=0)


def _carrying(actions: list[PlannedAction], number: str, level: str) -> list[PlannedAction]:
    return [
        a
        for a in actions
        if any(i.invoice_number == number and i.level_code == level for i in a.items)
    ]


def _hand_over_book() -> tuple[list, list[DoneAction]]:
    """A (due 1 July) is at its hand-over when B (due 16 July) reaches its formal notice."""
    a = invoice(1, number="A")
    b = invoice(2, number="B", due=DUE + timedelta(days=15))
    history = [
        done("reminder_1", date(2026, 7, 8), 1),
        done("reminder_2", date(2026, 7, 16), 1),
        done("firm_reminder", date(2026, 7, 31), 1, 2, channel=Channel.LETTER),
        done("formal_notice", date(2026, 8, 17), 1, channel=Channel.FORMAL_NOTICE),
    ]
    return [a, b], history


def test_a_formal_notice_never_rides_in_another_invoices_hand_over() -> None:
    """The book of test_planner_resend: F005 and F006 reach their formal notice on the day of
    F004's hand-over; F001 its own on the day of F005's."""
    actions = resend_plan("50.00")
    for number in ("F001", "F005", "F006"):
        notices = _carrying(actions, number, "formal_notice")
        assert len(notices) == 1, (number, actions)
        assert notices[0].channel is Channel.FORMAL_NOTICE, notices[0]


def test_a_formal_notice_due_with_a_hand_over_goes_as_its_own_letter() -> None:
    invoices, history = _hand_over_book()
    actions = run(invoices, date(2026, 8, 18), settings=FR, history=history)
    notices = _carrying(actions, "B", "formal_notice")
    assert len(notices) == 1, actions
    assert notices[0].channel is Channel.FORMAL_NOTICE, notices[0]
    for action in actions:
        if action.level_code == "collection":
            assert "B" not in {
                i.invoice_number for i in action.items if i.level_code != "collection"
            }


def test_a_formal_notice_recorded_as_a_manual_task_is_sent_again_as_a_letter() -> None:
    invoices, history = _hand_over_book()
    on = date(2026, 8, 31)
    history += [
        DoneAction((1,), "collection", on, "done", channel=Channel.MANUAL),
        DoneAction((2,), "formal_notice", on, "done", channel=Channel.MANUAL),
    ]
    actions = run(invoices, on + timedelta(days=1), settings=FR, history=history)
    notices = _carrying(actions, "B", "formal_notice")
    assert len(notices) == 1, actions
    assert notices[0].channel is Channel.FORMAL_NOTICE
    hand_over = _carrying(actions, "B", "collection")
    assert hand_over
    assert hand_over[0].date > notices[0].date + timedelta(days=8)


def _be_book() -> tuple[list, list]:
    """A Belgian consumer who prefers the phone: A had its free reminder by letter and now
    gets a call; B falls due meanwhile and needs its own free reminder."""
    person = client(1, client_type=ClientType.CONSUMER, country="BE", preferred_channel="phone")
    a = invoice(1, number="A")
    b = invoice(2, number="B", due=date(2026, 7, 20))
    history = [done("reminder_1", date(2026, 7, 13), 1, channel=Channel.LETTER)]
    return [a, b], [person], history  # type: ignore[return-value]


def test_a_belgian_free_reminder_never_rides_in_a_phone_call() -> None:
    invoices, clients, history = _be_book()
    # on 5 August A's second reminder (a call) and B's free reminder are both to catch up
    actions = run(invoices, date(2026, 8, 5), clients=clients, settings=BE, history=history)
    assert any(a.channel is Channel.PHONE for a in actions), actions
    free = _carrying(actions, "B", "reminder_1")
    assert len(free) == 1, actions
    assert free[0].channel.is_durable, free[0]
    for action in actions:
        if not action.channel.is_durable:
            assert "B" not in {
                i.invoice_number for i in action.items if i.level_code == "reminder_1"
            }


def test_a_belgian_free_reminder_recorded_as_a_call_is_sent_again_in_writing() -> None:
    invoices, clients, history = _be_book()
    on = date(2026, 8, 5)
    history += [DoneAction((2,), "reminder_1", on, "done", channel=Channel.PHONE)]
    actions = run(invoices, on + timedelta(days=1), clients=clients, settings=BE, history=history)
    first_b = next(a for a in actions if "B" in {i.invoice_number for i in a.items})
    assert first_b.channel.is_durable, first_b
    assert FLAG_FREE_FIRST_REMINDER in first_b.flags, first_b


def test_a_ladder_done_by_phone_up_to_the_notice_goes_on_in_writing() -> None:
    """Every reminder and the formal notice recorded as calls: no written reminder, no formal
    notice; the firm reminder goes as a letter, then the formal notice, then the hand-over."""
    history = [
        done(level, date(2026, 11, 19 + n), 1, channel=Channel.PHONE)
        for n, level in enumerate(("reminder_1", "reminder_2", "firm_reminder", "formal_notice"))
    ]
    bill = invoice(1, issue=date(2026, 10, 19), due=date(2026, 11, 18), balance="10")
    actions = run([bill], date(2026, 11, 23), settings=FR, history=history)
    assert [(a.level_code, a.channel) for a in actions] == [
        ("firm_reminder", Channel.LETTER),
        ("formal_notice", Channel.FORMAL_NOTICE),
        ("collection", Channel.MANUAL),
    ]
