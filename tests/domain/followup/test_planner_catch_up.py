"""A dossier opened long after the invoices fell due: a first start is a first reminder, one
contact per client gathering its late invoices, no late receipt check; what was done stays
history."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

from app.domain.followup.inputs import Instalment, PlanStatus, PromiseToPay
from app.domain.followup.policy import Channel
from tests.domain.followup.planner_helpers import (
    ISSUE,
    by_level,
    done,
    invoice,
    ladder,
    run,
)

AUTUMN = date(2026, 11, 23)  # a Monday, months after every invoice below fell due


def _overdue(actions: list) -> list:  # type: ignore[type-arg]
    return [
        (a.client_id, a.level_code, a.invoice_ids)
        for a in actions
        if a.status is PlanStatus.OVERDUE
    ]


def test_old_invoices_without_history_start_with_one_first_reminder_per_client() -> None:
    invoices = [
        invoice(1, due=date(2026, 7, 1)),  # collection reached 31 August (30th: Sunday)
        invoice(2, due=date(2026, 6, 16), balance="40.00"),  # 15 August: Saturday, holiday
        invoice(3, due=date(2026, 5, 4), balance="60.00"),
        invoice(4, client_id=2, due=date(2026, 7, 1)),
    ]
    actions = run(invoices, AUTUMN)
    assert _overdue(actions) == [(1, "reminder_1", (3, 2, 1)), (2, "reminder_1", (4,))]
    first = actions[0]
    assert first.date == date(2026, 7, 8)  # the latest day one of them reached the level
    assert first.amounts == {"EUR": Decimal("200.00")}
    assert first.channel is Channel.EMAIL
    assert [(a.date, a.level_code) for a in actions if a.client_id == 1][:3] == [
        (date(2026, 7, 8), "reminder_1"),
        (date(2026, 12, 1), "reminder_2"),  # as if the first were sent today, + 8 days
        (date(2026, 12, 16), "firm_reminder"),
    ]


def test_a_client_gets_one_contact_with_each_invoice_at_its_own_level() -> None:
    invoices = [
        invoice(1, due=date(2026, 7, 1)),  # collection reached 31 August
        invoice(2, due=date(2026, 10, 5)),  # formal notice reached 19 November
        invoice(4, due=date(2026, 11, 12)),  # first reminder reached 19 November
        invoice(5, due=date(2026, 11, 25)),  # courtesy reminder on 20 November: not due yet
        invoice(6, client_id=2, due=date(2026, 11, 12)),
    ]
    actions = run(invoices, AUTUMN)
    assert [
        (a.date, a.client_id, a.level_code, a.invoice_ids)
        for a in actions
        if a.status is PlanStatus.OVERDUE
    ] == [
        (date(2026, 11, 19), 1, "reminder_1", (1, 2, 4)),
        (date(2026, 11, 19), 2, "reminder_1", (6,)),
    ]
    assert actions[0].amounts == {"EUR": Decimal("300.00")}
    mine = [a for a in actions if a.client_id == 1 and a.status is PlanStatus.PLANNED]
    assert ladder(mine)[:3] == [
        (date(2026, 12, 1), "reminder_2"),
        (date(2026, 12, 8), "reminder_1"),  # invoice 5, no courtesy, a week after the last
        (date(2026, 12, 16), "firm_reminder"),
    ]
    firm = mine[2]
    assert [(i.invoice_id, i.level_code) for i in firm.items] == [
        (1, "firm_reminder"),
        (2, "firm_reminder"),
        (4, "firm_reminder"),
        (5, "reminder_2"),  # in the same letter, at its own level
    ]
    dates = [a.date for a in actions if a.client_id == 1]
    assert all(later - earlier >= timedelta(days=7) for earlier, later in itertools.pairwise(dates))
    other = [a for a in actions if a.client_id == 2]
    assert ladder(other)[:2] == [
        (date(2026, 11, 19), "reminder_1"),
        (date(2026, 12, 1), "reminder_2"),
    ]  # today + 8 days


def test_a_gathered_catch_up_once_done_or_skipped_is_history_for_all_its_invoices() -> None:
    invoices = [
        invoice(1, due=date(2026, 7, 1)),
        invoice(2, due=date(2026, 10, 5)),
        invoice(3, due=date(2026, 11, 12)),
    ]
    gathered = run(invoices, AUTUMN)
    assert next((a.level_code, a.invoice_ids) for a in gathered) == ("reminder_1", (1, 2, 3))
    sent = run(invoices, AUTUMN, history=[done("reminder_1", AUTUMN, 1, 2, 3)])
    assert next((a.date, a.level_code, a.invoice_ids) for a in sent) == (
        date(2026, 12, 1),  # the policy's 8 days after the first reminder
        "reminder_2",
        (1, 2, 3),
    )
    skipped = [done("reminder_1", AUTUMN, 1, 2, 3, status="skipped")]
    after = run(invoices, AUTUMN, history=skipped)
    # skipped is not sent: no gap counts from it, each second reminder on its own day
    assert [(a.date, a.level_code, a.invoice_ids) for a in after][:2] == [
        (date(2026, 10, 20), "reminder_2", (1, 2)),
        (date(2026, 11, 30), "reminder_2", (3,)),
    ]
    snoozed = [
        done("reminder_1", AUTUMN, 1, 2, 3, status="snoozed", snoozed_until=date(2026, 11, 30))
    ]
    later = run(invoices, AUTUMN, history=snoozed)
    assert next((a.date, a.level_code, a.invoice_ids) for a in later) == (
        date(2026, 11, 30),
        "reminder_1",
        (1, 2, 3),
    )


def test_an_invoice_reaching_the_level_today_joins_the_catch_up() -> None:
    invoices = [invoice(1, due=date(2026, 11, 9)), invoice(2, due=date(2026, 11, 16))]
    actions = run(invoices, AUTUMN)  # reminder_1: 16 November and today
    first = actions[0]
    assert (first.date, first.level_code, first.invoice_ids, first.status) == (
        AUTUMN,
        "reminder_1",
        (1, 2),
        PlanStatus.PLANNED,
    )
    assert not [a for a in actions if a.status is PlanStatus.OVERDUE]


def test_the_catch_up_of_one_level_is_never_dated_on_a_closed_day() -> None:
    invoices = [
        invoice(1, due=date(2026, 10, 9)),
        invoice(2, due=date(2026, 10, 27)),
        invoice(3, due=date(2026, 10, 26)),
    ]
    # firm reminder of the first: 8 November, a Sunday, so 9 November; second reminder of the
    # others: 10 November and 11 November, Armistice Day, so 12 November
    actions = run(invoices, date(2026, 11, 21))  # a Saturday
    # first reminders: 16 October, 2 and 3 November: one catch-up on the latest
    assert next((a.date, a.level_code, a.invoice_ids, a.status) for a in actions) == (
        date(2026, 11, 3),
        "reminder_1",
        (1, 3, 2),
        PlanStatus.OVERDUE,
    )
    assert all(a.date.weekday() < 5 for a in actions)
    assert [(a.date, a.level_code, a.invoice_ids) for a in actions[1:3]] == [
        (date(2026, 11, 30), "reminder_2", (1, 3, 2)),  # then up the ladder together
        (date(2026, 12, 14), "firm_reminder", (1, 3, 2)),
    ]


def test_done_skipped_and_snoozed_levels_stay_history() -> None:
    invoices = [invoice(1), invoice(2), invoice(3)]
    history = [
        done("collection", date(2026, 9, 1), 1),
        done("collection", date(2026, 9, 1), 2, status="skipped"),
        done(
            "collection", date(2026, 11, 20), 3, status="snoozed", snoozed_until=date(2026, 11, 30)
        ),
    ]
    actions = run(invoices, AUTUMN, history=history)
    # 1 and 2 are at the end of their ladder; 3 starts at the first reminder after the snooze
    assert ladder(actions)[0] == (date(2026, 11, 30), "reminder_1")
    assert {a.invoice_ids for a in actions} == {(3,)}


def test_a_missed_receipt_check_is_not_caught_up() -> None:
    fresh = invoice(issue=date(2026, 11, 2), due=date(2026, 12, 2))
    actions = run([fresh], AUTUMN)  # issue + 3 was 5 November
    assert ladder(actions)[0] == (date(2026, 11, 27), "courtesy")
    assert not by_level(actions, "receipt_confirmation")
    assert not [a for a in actions if a.status is PlanStatus.OVERDUE]


def test_the_receipt_check_moved_past_a_weekend_or_holiday_is_still_on_time() -> None:
    thursday = invoice(issue=date(2026, 7, 9), due=date(2026, 8, 10))  # + 3: Sunday 12 July
    on_sunday = by_level(run([thursday], date(2026, 7, 12)), "receipt_confirmation")
    assert [(a.date, a.status) for a in on_sunday] == [(date(2026, 7, 13), PlanStatus.PLANNED)]
    assert not by_level(run([thursday], date(2026, 7, 14)), "receipt_confirmation")
    saturday = invoice(issue=date(2026, 7, 11), due=date(2026, 8, 10))  # + 3: 14 July
    assert [
        a.date for a in by_level(run([saturday], date(2026, 7, 11)), "receipt_confirmation")
    ] == [date(2026, 7, 15)]


def test_no_late_receipt_check_for_a_new_payment_plan() -> None:
    parts = (
        Instalment(date(2026, 12, 1), Decimal("50.00")),
        Instalment(date(2027, 1, 4), Decimal("50.00")),
    )
    actions = run([invoice(instalments=parts)], AUTUMN)
    assert ladder(actions)[0] == (date(2026, 11, 26), "courtesy")
    assert not by_level(actions, "receipt_confirmation")


def test_no_receipt_check_after_a_pause_or_a_promise() -> None:
    paused = invoice(paused_until=date(2026, 6, 10))
    assert not by_level(run([paused], ISSUE), "receipt_confirmation")
    promise = PromiseToPay(client_id=1, promised_date=date(2026, 6, 8))
    actions = run([invoice()], ISSUE, promises=[promise])
    assert not by_level(actions, "receipt_confirmation")
    assert ladder(actions)[0] == (date(2026, 6, 26), "courtesy")


def test_a_snoozed_receipt_check_comes_back_on_its_day() -> None:
    history = [
        done(
            "receipt_confirmation",
            date(2026, 6, 4),
            status="snoozed",
            snoozed_until=date(2026, 6, 6),
        )
    ]  # a Saturday
    actions = run([invoice()], date(2026, 6, 4), history=history)
    assert ladder(actions)[0] == (date(2026, 6, 8), "receipt_confirmation")
    assert not by_level(run([invoice()], date(2026, 6, 9), history=history), "receipt_confirmation")


def test_until_keeps_the_same_actions_up_to_that_day() -> None:
    invoices = [invoice(i, due=ISSUE + timedelta(days=7 * i)) for i in range(1, 12)]
    invoices += [invoice(20, client_id=2, due=date(2026, 5, 1))]
    today = date(2026, 7, 20)
    whole = run(invoices, today)
    for until in (today, date(2026, 7, 26), date(2026, 8, 31)):
        part = run(invoices, today, until=until)
        assert part == [a for a in whole if a.date <= until]


def test_a_large_gathered_reminder_keeps_a_short_stable_key() -> None:
    invoices = [invoice(i, due=date(2026, 6, 1) + timedelta(days=i)) for i in range(1, 41)]
    first = run(invoices, AUTUMN)
    later = run(invoices, AUTUMN + timedelta(days=3))
    assert [len(a.invoice_ids) for a in first] == [40] * 5
    assert first[0].key == later[0].key
    assert first[0].key.startswith("1/reminder_1/40-")
    assert len(first[0].key) < 60
    assert run(invoices[:2], AUTUMN)[0].key == "1/reminder_1/1@2026-06-02+2@2026-06-03"
