"""The plan against what already happened: done, skipped, snoozed, promises, payment plans."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.followup.inputs import (
    FLAG_BROKEN_PROMISE,
    FLAG_FREE_FIRST_REMINDER,
    CompanySettings,
    Instalment,
    PlanStatus,
    PromiseToPay,
)
from app.domain.followup.policy import Channel, Fee, Level, Policy, consumer_policy
from tests.domain.followup.planner_helpers import (
    ISSUE,
    by_level,
    client,
    done,
    invoice,
    ladder,
    run,
)


def test_a_level_done_is_not_planned_again() -> None:
    history = [done("reminder_1", date(2026, 7, 8))]
    actions = run([invoice()], date(2026, 7, 9), history=history)
    assert ladder(actions)[0] == (date(2026, 7, 16), "reminder_2")
    assert not by_level(actions, "reminder_1")


def test_a_late_catch_up_keeps_the_spacing_of_the_policy() -> None:
    history = [done("reminder_1", date(2026, 7, 20))]
    actions = run([invoice()], date(2026, 7, 20), history=history)
    assert ladder(actions)[:2] == [
        (date(2026, 7, 28), "reminder_2"),  # done + 8 days, not 16 July
        (date(2026, 8, 12), "firm_reminder"),
    ]


def test_a_skipped_level_is_history_and_the_ladder_goes_on() -> None:
    history = [done("reminder_1", date(2026, 7, 8), status="skipped")]
    actions = run([invoice()], date(2026, 7, 8), history=history)
    assert ladder(actions)[0] == (date(2026, 7, 16), "reminder_2")


def test_a_snoozed_action_comes_back_on_its_date() -> None:
    history = [
        done("reminder_1", date(2026, 7, 8), status="snoozed", snoozed_until=date(2026, 7, 13))
    ]
    actions = run([invoice()], date(2026, 7, 8), history=history)
    assert ladder(actions)[:2] == [
        (date(2026, 7, 13), "reminder_1"),
        (date(2026, 7, 21), "reminder_2"),
    ]
    assert actions[0].status is PlanStatus.PLANNED


def test_a_snooze_to_a_saturday_comes_back_on_monday() -> None:
    history = [
        done("reminder_1", date(2026, 7, 8), status="snoozed", snoozed_until=date(2026, 7, 11))
    ]
    actions = run([invoice()], date(2026, 7, 8), history=history)
    assert ladder(actions)[0] == (date(2026, 7, 13), "reminder_1")


def test_the_latest_snooze_counts_and_a_done_level_forgets_it() -> None:
    snoozes = [
        done("reminder_1", date(2026, 7, 8), status="snoozed", snoozed_until=date(2026, 7, 14)),
        done("reminder_1", date(2026, 7, 9), status="snoozed", snoozed_until=date(2026, 7, 10)),
    ]
    actions = run([invoice()], date(2026, 7, 9), history=snoozes)
    assert ladder(actions)[0] == (date(2026, 7, 10), "reminder_1")
    history = [*snoozes, done("reminder_1", date(2026, 7, 10))]
    actions = run([invoice()], date(2026, 7, 10), history=history)
    assert ladder(actions)[0] == (date(2026, 7, 20), "reminder_2")  # 18 July is a Saturday


def test_a_long_snooze_keeps_the_level() -> None:
    history = [
        done("reminder_1", date(2026, 7, 8), status="snoozed", snoozed_until=date(2026, 7, 20))
    ]
    actions = run([invoice()], date(2026, 7, 8), history=history)
    assert ladder(actions)[:2] == [
        (date(2026, 7, 20), "reminder_1"),  # never a second reminder before the first
        (date(2026, 7, 28), "reminder_2"),
    ]


def test_after_a_month_away_each_client_starts_with_a_first_reminder() -> None:
    invoices = [invoice(1), invoice(2), invoice(3, client_id=2, due=date(2026, 7, 6))]
    actions = run(invoices, date(2026, 7, 20))
    overdue = [(a.client_id, a.level_code, a.invoice_ids) for a in actions if a.status == "overdue"]
    assert overdue == [(1, "reminder_1", (1, 2)), (2, "reminder_1", (3,))]
    mine = [a for a in actions if a.client_id == 1]
    assert ladder(mine) == [
        (date(2026, 7, 8), "reminder_1"),
        (date(2026, 7, 28), "reminder_2"),  # spaced from today, when the catch-up is done
        (date(2026, 8, 12), "firm_reminder"),
        (date(2026, 8, 27), "formal_notice"),
        (date(2026, 9, 11), "collection"),
    ]


def test_long_after_everything_the_ladder_still_starts_at_the_first_reminder() -> None:
    actions = run([invoice()], date(2026, 9, 20))
    assert [a.level_code for a in actions] == [
        "reminder_1",
        "reminder_2",
        "firm_reminder",
        "formal_notice",
        "collection",
    ]
    assert [a.status for a in actions][:2] == [PlanStatus.OVERDUE, PlanStatus.PLANNED]


def test_the_catch_up_is_the_level_after_the_one_done() -> None:
    history = [done("reminder_1", date(2026, 7, 8))]
    actions = run([invoice()], date(2026, 8, 3), history=history)
    assert ladder(actions)[:2] == [
        (date(2026, 7, 16), "reminder_2"),  # overdue, never jumped
        (date(2026, 8, 18), "firm_reminder"),  # 15 days after today
    ]


PROMISE = PromiseToPay(client_id=1, promised_date=date(2026, 7, 20), amount=Decimal("100"))


def test_a_promise_pauses_the_ladder_then_resumes_flagged() -> None:
    history = [done("reminder_1", date(2026, 7, 8))]
    actions = run([invoice()], date(2026, 7, 10), promises=[PROMISE], history=history)
    assert ladder(actions) == [
        (date(2026, 7, 24), "reminder_2"),  # promised date + 3 days of grace, then resumes
        (date(2026, 8, 10), "firm_reminder"),
        (date(2026, 8, 24), "formal_notice"),
        (date(2026, 9, 7), "collection"),
    ]
    assert all(FLAG_BROKEN_PROMISE in action.flags for action in actions)


def test_the_grace_period_is_a_setting() -> None:
    settings = CompanySettings(promise_grace_days=0)
    actions = run([invoice()], date(2026, 7, 10), promises=[PROMISE], settings=settings)
    assert ladder(actions)[0] == (date(2026, 7, 21), "reminder_1")


@pytest.mark.parametrize(("kept", "flagged"), [(True, False), (False, True)])
def test_a_settled_promise_no_longer_pauses(kept: bool, flagged: bool) -> None:
    promise = PromiseToPay(client_id=1, promised_date=date(2026, 7, 20), kept=kept)
    history = [done("reminder_1", date(2026, 7, 8))]
    actions = run([invoice()], date(2026, 7, 10), promises=[promise], history=history)
    assert ladder(actions)[0] == (date(2026, 7, 16), "reminder_2")
    assert (FLAG_BROKEN_PROMISE in actions[0].flags) is flagged


def test_a_promise_covers_only_its_invoices() -> None:
    promise = PromiseToPay(client_id=1, promised_date=date(2026, 7, 20), invoice_ids=(2,))
    invoices = [invoice(1), invoice(2, due=date(2026, 7, 2))]
    history = [done("reminder_1", date(2026, 7, 8), 1, 2)]
    actions = run(invoices, date(2026, 7, 10), promises=[promise], history=history)
    assert [(a.date, a.invoice_ids) for a in by_level(actions, "reminder_2")] == [
        (date(2026, 7, 16), (1,)),
        (date(2026, 7, 24), (2,)),
    ]
    other_client = PromiseToPay(client_id=2, promised_date=date(2026, 7, 20))
    actions = run(invoices[:1], date(2026, 7, 10), promises=[other_client], history=history)
    assert ladder(actions)[0] == (date(2026, 7, 16), "reminder_2")


def test_the_broken_promise_flag_stops_once_a_reminder_went_out() -> None:
    history = [done("reminder_2", date(2026, 7, 24))]
    actions = run([invoice()], date(2026, 7, 27), promises=[PROMISE], history=history)
    assert actions
    assert not any(FLAG_BROKEN_PROMISE in action.flags for action in actions)


PLAN = (
    Instalment(date(2026, 7, 1), Decimal("400.00"), paid=True),
    Instalment(date(2026, 8, 3), Decimal("400.00")),
    Instalment(date(2026, 9, 1), Decimal("400.00")),
)


def test_a_payment_plan_is_followed_instead_of_the_due_date() -> None:
    late = invoice(balance="800.00", instalments=PLAN)
    actions = run([late], date(2026, 7, 2))
    assert [(a.date, a.level_code, a.amounts["EUR"]) for a in actions] == [
        (date(2026, 7, 29), "courtesy", Decimal("400.00")),
        (date(2026, 8, 10), "reminder_1", Decimal("400.00")),
        (date(2026, 8, 18), "reminder_2", Decimal("400.00")),
        (date(2026, 9, 2), "firm_reminder", Decimal("800.00")),
        (date(2026, 9, 17), "formal_notice", Decimal("800.00")),
        (date(2026, 10, 2), "collection", Decimal("800.00")),
    ]
    assert {item.due_date for a in actions for item in a.items} == {date(2026, 8, 3)}


def test_the_first_instalment_gets_the_receipt_confirmation() -> None:
    unpaid = tuple(Instalment(part.due_date, part.amount) for part in PLAN)
    actions = run([invoice(balance="1200.00", instalments=unpaid)], ISSUE)
    amounts = {a.level_code: a.amounts["EUR"] for a in actions}
    assert amounts["receipt_confirmation"] == Decimal("1200.00")
    assert amounts["reminder_1"] == Decimal("400.00")
    assert amounts["formal_notice"] == Decimal("800.00")
    assert by_level(actions, "reminder_1")[0].date == date(2026, 7, 8)


@pytest.mark.parametrize("instalment_due", [date(2026, 7, 1), None])
def test_each_instalment_has_its_own_ladder(instalment_due: date | None) -> None:
    history = [done("reminder_1", date(2026, 7, 8), instalment_due=instalment_due)]
    actions = run([invoice(balance="800.00", instalments=PLAN)], date(2026, 7, 20), history=history)
    assert by_level(actions, "reminder_1")[0].date == date(2026, 8, 10)
    current = [done("reminder_1", date(2026, 8, 10), instalment_due=date(2026, 8, 3))]
    actions = run([invoice(balance="800.00", instalments=PLAN)], date(2026, 8, 11), history=current)
    assert not by_level(actions, "reminder_1")


# Belgian consumers: a free first reminder, then 14 days without any cost (CDE XIX.2).
QUICK = Policy(
    "quick",
    "Quick",
    (
        Level("reminder_1", 10, Channel.EMAIL),
        Level("reminder_2", 12, Channel.EMAIL, fee=Fee(fixed=Decimal("7.50"))),
        Level("formal_notice", 20, Channel.FORMAL_NOTICE, claims_interest=True),
    ),
)


def _quick(country: str, client_country: str, history: list, today: date) -> list:
    settings = CompanySettings(country, policies={"quick": QUICK})
    consumer = client(client_type="consumer", country=client_country, policy_code="quick")
    return run([invoice()], today, clients=[consumer], settings=settings, history=history)


def test_belgian_costs_wait_14_days_after_an_email_reminder() -> None:
    history = [done("reminder_1", date(2026, 7, 13), channel="email")]
    actions = _quick("BE", "BE", history, date(2026, 7, 13))
    assert ladder(actions) == [
        (date(2026, 7, 28), "reminder_2"),  # days run from 14 July: 14 of them end on 27 July
        (date(2026, 8, 5), "formal_notice"),  # the policy's 8 days after the second
    ]
    assert actions[0].fees == {"EUR": Decimal("7.50")}
    french = _quick("FR", "FR", history, date(2026, 7, 13))
    assert ladder(french) == [
        (date(2026, 7, 20), "reminder_2"),  # a week after the last contact
        (date(2026, 7, 28), "formal_notice"),
    ]


@pytest.mark.parametrize(
    ("company", "wait_over"),
    [
        ("BE", date(2026, 8, 6)),  # from Thursday 23 July: 21 July is a Belgian holiday
        ("FR", date(2026, 8, 5)),  # a French company, a Belgian consumer: from 22 July
    ],
)
def test_belgian_costs_wait_from_the_third_working_day_after_a_letter(
    company: str, wait_over: date
) -> None:
    history = [done("reminder_1", date(2026, 7, 17), channel="letter")]
    actions = _quick(company, "BE", history, date(2026, 7, 17))
    assert ladder(actions)[0] == (wait_over, "reminder_2")


def test_belgian_consumer_first_gets_the_free_reminder_when_long_overdue() -> None:
    policy = consumer_policy("BE", reminder_fee=Fee(fixed=Decimal("7.50")))
    settings = CompanySettings("BE", consumer_policy=policy)
    today = date(2026, 9, 9)
    consumer = client(client_type="consumer", country="BE")
    actions = run([invoice()], today, clients=[consumer], settings=settings)
    first = actions[0]
    assert (first.date, first.level_code, first.status) == (
        date(2026, 7, 13),
        "reminder_1",
        PlanStatus.OVERDUE,
    )
    assert FLAG_FREE_FIRST_REMINDER in first.flags
    assert first.fees == {}
    assert sum(a.status is PlanStatus.OVERDUE for a in actions) == 1
    costly = [a for a in actions if a.fees or a.level_code == "formal_notice"]
    assert costly
    assert min(a.date for a in costly) >= date(2026, 9, 24)
    french = run([invoice()], today, clients=[client(client_type="consumer")])
    assert ladder(french)[:2] == [
        (date(2026, 7, 13), "reminder_1"),  # 11 July, a Saturday
        (date(2026, 9, 24), "reminder_2"),  # 15 days after the catch-up, done today at best
    ]


def test_the_free_first_reminder_is_never_a_phone_call() -> None:
    consumer = client(client_type="consumer", country="BE", preferred_channel="phone")
    actions = run([invoice()], ISSUE, clients=[consumer], settings=CompanySettings("BE"))
    first = by_level(actions, "reminder_1")[0]
    assert first.channel is Channel.LETTER
    assert FLAG_FREE_FIRST_REMINDER in first.flags
    assert by_level(actions, "reminder_2")[0].channel is Channel.PHONE


def test_no_cost_for_a_belgian_consumer_without_a_free_reminder() -> None:
    policy = consumer_policy("BE", reminder_fee=Fee(fixed=Decimal("7.50")))
    settings = CompanySettings("BE", consumer_policy=policy)
    history = [done("reminder_1", date(2026, 7, 13), status="skipped")]
    consumer = client(client_type="consumer", country="BE")
    actions = run(
        [invoice()], date(2026, 7, 13), clients=[consumer], settings=settings, history=history
    )
    # a skipped free reminder was not sent: it comes back before any cost
    first = actions[0]
    assert (first.date, first.level_code) == (date(2026, 7, 13), "reminder_1")
    assert FLAG_FREE_FIRST_REMINDER in first.flags
    assert ladder(actions)[1] == (date(2026, 7, 28), "reminder_2")
