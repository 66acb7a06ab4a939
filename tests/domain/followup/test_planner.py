from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.domain.errors import NotFound
from app.domain.followup.inputs import (
    FLAG_LATE_INTEREST,
    FLAG_RECOVERY_INDEMNITY,
    CompanySettings,
    PlanStatus,
)
from app.domain.followup.planner import due_on, levels_reached, plan, policy_for
from app.domain.followup.policy import (
    DEFAULT_ADMIN_FEE,
    AppliesTo,
    Channel,
    Level,
    Policy,
    default_policy,
)
from tests.domain.followup.planner_helpers import (
    DEFAULT_DATES,
    ISSUE,
    by_level,
    client,
    invoice,
    ladder,
    run,
)


def test_a_fresh_invoice_gets_the_whole_ladder() -> None:
    actions = run([invoice()], ISSUE)
    assert ladder(actions) == [(day, code) for code, day in DEFAULT_DATES.items()]
    assert all(action.status is PlanStatus.PLANNED for action in actions)
    assert all(action.invoice_numbers == ("F0001",) for action in actions)
    assert all(action.amounts == {"EUR": Decimal("100.00")} for action in actions)
    assert [a.needs_confirmation for a in actions] == [False] * 5 + [True, True]
    firm = by_level(actions, "firm_reminder")[0]
    assert firm.channel is Channel.LETTER
    assert firm.also_email


@pytest.mark.parametrize(
    ("due", "level", "country", "expected"),
    [
        (date(2026, 7, 7), "reminder_1", "FR", date(2026, 7, 15)),  # 14 July
        (date(2026, 7, 7), "reminder_1", "BE", date(2026, 7, 14)),
        (date(2026, 7, 14), "reminder_1", "BE", date(2026, 7, 22)),  # 21 July in Belgium
        (date(2026, 7, 14), "reminder_1", "FR", date(2026, 7, 21)),
        (date(2026, 3, 30), "reminder_1", "FR", date(2026, 4, 7)),  # Easter Monday
        (date(2026, 5, 7), "reminder_1", "FR", date(2026, 5, 15)),  # Ascension
        (date(2027, 10, 25), "reminder_1", "FR", date(2027, 11, 2)),  # All Saints, a Monday
        (date(2026, 12, 18), "reminder_1", "FR", date(2026, 12, 28)),  # Christmas, a Friday
        (date(2026, 7, 31), "firm_reminder", "FR", date(2026, 8, 31)),  # month end, Sunday
        (date(2028, 2, 22), "reminder_1", "FR", date(2028, 2, 29)),  # leap day
        (date(2028, 1, 30), "firm_reminder", "FR", date(2028, 2, 29)),
        (date(2028, 1, 30), "formal_notice", "FR", date(2028, 3, 15)),
        (date(2027, 1, 30), "firm_reminder", "FR", date(2027, 3, 1)),  # no 29 February
        (date(2028, 3, 5), "courtesy", "FR", date(2028, 2, 29)),
        (date(2028, 11, 30), "firm_reminder", "FR", date(2029, 1, 2)),  # Saturday, New Year
    ],
)
def test_actions_move_to_the_next_working_day(
    due: date, level: str, country: str, expected: date
) -> None:
    issue = due - timedelta(days=30)
    actions = run([invoice(issue=issue, due=due)], issue, settings=CompanySettings(country))
    assert [action.date for action in by_level(actions, level)] == [expected]


def test_invoices_of_one_client_due_together_are_grouped() -> None:
    invoices = [
        invoice(1, balance="100.00"),
        invoice(2, balance="50.25"),
        invoice(3, balance="70.00", due=date(2026, 7, 3)),
        invoice(4, client_id=2, balance="10.00"),
    ]
    actions = run(invoices, ISSUE)
    first = [(a.date, a.client_code, a.invoice_ids) for a in by_level(actions, "reminder_1")]
    assert first == [
        (date(2026, 7, 8), "C001", (1, 2)),
        (date(2026, 7, 8), "C002", (4,)),
        (date(2026, 7, 15), "C001", (3,)),  # one contact a week for a client
    ]
    assert by_level(actions, "reminder_1")[0].amounts == {"EUR": Decimal("150.25")}
    receipts = by_level(actions, "receipt_confirmation")
    assert [(a.client_code, a.invoice_ids) for a in receipts] == [
        ("C001", (1, 2, 3)),
        ("C002", (4,)),
    ]
    assert receipts[0].amounts == {"EUR": Decimal("220.25")}


def test_currencies_are_never_summed_and_credit_stays_in_its_currency() -> None:
    invoices = [
        invoice(1, balance="100.00"),
        invoice(2, balance="80.00", currency="USD"),
        invoice(3, balance="1000", currency="JPY"),
    ]
    credit = {"EUR": Decimal("30.00")}
    action = by_level(run(invoices, ISSUE, clients=[client(unapplied_credit=credit)]), "courtesy")
    assert len(action) == 1
    assert action[0].amounts == {
        "EUR": Decimal("70.00"),
        "JPY": Decimal("1000"),
        "USD": Decimal("80.00"),
    }
    assert action[0].credit == {"EUR": Decimal("30.00")}
    assert [item.currency for item in action[0].items] == ["EUR", "USD", "JPY"]


def test_credit_covering_the_balances_leaves_nothing_to_claim() -> None:
    invoices = [invoice(1), invoice(2, client_id=2)]
    clients = [client(1, unapplied_credit={"EUR": Decimal("100.00")}), client(2)]
    actions = run(invoices, ISSUE, clients=clients)
    assert {action.client_id for action in actions} == {2}


@pytest.mark.parametrize(
    ("extra", "client_extra"),
    [
        ({"is_disputed": True}, {}),
        ({"is_written_off": True}, {}),
        ({"balance": "0.00"}, {}),
        ({"balance": "-20.00"}, {}),
        ({}, {"dunning_blocked": True}),
    ],
)
def test_invoices_never_followed_up(extra: dict, client_extra: dict) -> None:
    late = invoice(**extra)
    for today in (ISSUE, date(2026, 7, 20), date(2026, 12, 1)):
        assert run([late], today, clients=[client(**client_extra)]) == []
    assert levels_reached(late, date(2026, 12, 1), default_policy(), client(**client_extra)) == ()


def test_a_paused_invoice_waits_then_starts_at_the_first_reminder() -> None:
    actions = run([invoice(paused_until=date(2026, 7, 20))], date(2026, 7, 1))
    assert ladder(actions) == [  # one step at a time from the end of the pause
        (date(2026, 7, 21), "reminder_1"),
        (date(2026, 7, 29), "reminder_2"),
        (date(2026, 8, 13), "firm_reminder"),
        (date(2026, 8, 28), "formal_notice"),
        (date(2026, 9, 14), "collection"),  # 12 and 13 September: a weekend
    ]
    assert actions[0].status is PlanStatus.PLANNED


def test_a_pause_that_ended_leaves_one_overdue_action() -> None:
    actions = run([invoice(paused_until=date(2026, 7, 10))], date(2026, 7, 20))
    overdue = [a for a in actions if a.status is PlanStatus.OVERDUE]
    assert ladder(overdue) == [(date(2026, 7, 13), "reminder_1")]  # 11 July, a Saturday
    assert ladder(actions)[1] == (date(2026, 7, 28), "reminder_2")  # as if done today


@pytest.mark.parametrize(
    ("preferred", "email_levels", "also_email"),
    [
        (None, Channel.EMAIL, True),
        (Channel.EMAIL, Channel.EMAIL, True),
        (Channel.PHONE, Channel.PHONE, False),
        (Channel.LETTER, Channel.LETTER, False),
    ],
)
def test_the_preferred_channel_adapts_the_actions(
    preferred: Channel | None, email_levels: Channel, also_email: bool
) -> None:
    actions = run([invoice()], ISSUE, clients=[client(preferred_channel=preferred)])
    channels = {action.level_code: action.channel for action in actions}
    assert channels == {
        "receipt_confirmation": email_levels,
        "courtesy": email_levels,
        "reminder_1": email_levels,
        "reminder_2": email_levels,
        "firm_reminder": Channel.LETTER,
        "formal_notice": Channel.FORMAL_NOTICE,
        "collection": Channel.MANUAL,
    }
    assert by_level(actions, "firm_reminder")[0].also_email is also_email
    assert by_level(actions, "formal_notice")[0].channel.contract_value == "letter"


def test_only_business_clients_get_the_recovery_indemnity_flag() -> None:
    strict = Policy("strict", "Strict", default_policy().levels)
    settings = CompanySettings(policies={"strict": strict})
    clients = [
        client(1),
        client(2, client_type="consumer"),
        client(3, client_type="consumer", policy_code="strict"),
    ]
    invoices = [invoice(1), invoice(2, client_id=2), invoice(3, client_id=3)]
    notices = by_level(run(invoices, ISSUE, clients=clients, settings=settings), "formal_notice")
    flags = {action.client_id: action.flags for action in notices}
    assert flags == {
        1: {FLAG_LATE_INTEREST, FLAG_RECOVERY_INDEMNITY},
        2: {FLAG_LATE_INTEREST},
        3: {FLAG_LATE_INTEREST},
    }
    assert not any(FLAG_RECOVERY_INDEMNITY in a.flags for a in notices if a.client_id != 1)


def test_consumers_follow_the_softer_ladder() -> None:
    actions = run([invoice()], ISSUE, clients=[client(client_type="consumer")])
    assert by_level(actions, "reminder_1")[0].date == date(2026, 7, 13)  # 11 July is a Saturday
    assert by_level(actions, "collection")[0].date == date(2026, 9, 29)


def test_admin_fee_on_the_second_reminder_when_enabled() -> None:
    clients = [client(unapplied_credit={"EUR": Decimal("20.00")})]
    off = by_level(run([invoice()], ISSUE, clients=clients), "reminder_2")[0]
    assert off.fees == {}
    settings = CompanySettings(admin_fee_enabled=True)
    on = run([invoice()], ISSUE, clients=clients, settings=settings)
    assert by_level(on, "reminder_2")[0].fees == {"EUR": DEFAULT_ADMIN_FEE.fixed}
    assert by_level(on, "reminder_1")[0].fees == {}
    assert by_level(on, "reminder_2")[0].amounts == {"EUR": Decimal("80.00")}


def test_policy_choice() -> None:
    custom = Policy("custom", "Custom", (Level("only", 10, Channel.PHONE),))
    settings = CompanySettings(country="BE", policies={"custom": custom})
    assert policy_for(client(policy_code="custom"), settings) is custom
    assert policy_for(client(policy_code="gone"), settings).code == "default"
    assert policy_for(client(client_type="consumer"), settings).code == "consumer_be"
    french = CompanySettings()
    assert policy_for(client(client_type="consumer"), french).code == "consumer"
    assert policy_for(client(client_type="consumer", country="BE"), french).code == "consumer_be"


def test_levels_for_one_client_type_only() -> None:
    policy = Policy(
        "mixed",
        "Mixed",
        (
            Level("call", 5, Channel.PHONE, applies_to=AppliesTo.BUSINESS),
            Level("mail", 10, Channel.EMAIL),
        ),
    )
    settings = CompanySettings(policies={"mixed": policy})
    clients = [
        client(1, policy_code="mixed"),
        client(2, policy_code="mixed", client_type="consumer"),
    ]
    actions = run([invoice(1), invoice(2, client_id=2)], ISSUE, clients=clients, settings=settings)
    assert sorted((a.client_id, a.level_code) for a in actions) == [
        (1, "call"),
        (1, "mail"),
        (2, "mail"),
    ]


def test_short_terms_drop_the_levels_that_make_no_sense() -> None:
    week = run([invoice(due=date(2026, 6, 8))], ISSUE)
    assert ladder(week)[:2] == [(date(2026, 6, 3), "courtesy"), (date(2026, 6, 15), "reminder_1")]
    on_receipt = run([invoice(due=ISSUE)], ISSUE)
    # the receipt check would fall within a week of the first reminder: dropped, not postponed
    assert ladder(on_receipt)[:2] == [
        (date(2026, 6, 8), "reminder_1"),
        (date(2026, 6, 16), "reminder_2"),
    ]


def test_an_action_dated_today_is_planned_not_overdue() -> None:
    actions = run([invoice()], date(2026, 7, 8))
    assert (actions[0].date, actions[0].level_code) == (date(2026, 7, 8), "reminder_1")
    assert actions[0].status is PlanStatus.PLANNED


def test_the_plan_is_sorted_by_date_then_client_code() -> None:
    clients = [client(1, code="B"), client(2, code="A")]
    invoices = [invoice(1, due=date(2026, 7, 2)), invoice(2, client_id=2), invoice(3)]
    actions = run(invoices, ISSUE, clients=clients)
    keys = [(a.date, a.client_code) for a in actions]
    assert keys == sorted(keys)
    assert [a.client_code for a in by_level(actions, "reminder_1")] == ["A", "B", "B"]


def test_action_keys_are_stable_while_the_level_waits() -> None:
    before = by_level(run([invoice()], ISSUE), "formal_notice")[0]
    later = by_level(run([invoice()], date(2026, 8, 1)), "formal_notice")[0]
    assert before.key == later.key == "1/formal_notice/1@2026-07-01"


def test_an_unknown_client_is_an_error() -> None:
    with pytest.raises(NotFound):
        plan([invoice(client_id=9)], [client(1)], ISSUE)


def test_due_on_filters_one_day_and_one_level() -> None:
    invoices = [invoice(1), invoice(2, client_id=2, due=date(2026, 6, 1))]
    actions = run(invoices, date(2026, 7, 8))
    assert [a.client_id for a in due_on(actions, date(2026, 7, 8))] == [1]
    assert due_on(actions, date(2026, 7, 8), "reminder_2") == []
    overdue = due_on(actions, date(2026, 7, 8), include_overdue=True)
    assert {(a.client_id, a.level_code) for a in overdue} == {
        (1, "reminder_1"),
        (2, "reminder_1"),  # late at entry, no history: a first reminder first
    }


def test_levels_reached_counts_calendar_days_whatever_was_done() -> None:
    policy = default_policy()
    late = invoice()
    assert levels_reached(late, date(2026, 8, 14), policy)[-1] == "firm_reminder"
    # due + 45 is Saturday 15 August: reached that day, though the plan waits for Monday
    assert levels_reached(late, date(2026, 8, 15), policy) == policy.codes[:-1]
    assert levels_reached(late, date(2026, 6, 3), policy) == ()
    assert levels_reached(late, date(2026, 6, 4), policy) == ("receipt_confirmation",)
    paused = invoice(paused_until=date(2026, 8, 20))
    assert levels_reached(paused, date(2026, 8, 20), policy) == ()
    assert "formal_notice" in levels_reached(paused, date(2026, 8, 21), policy)
