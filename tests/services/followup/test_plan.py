"""The plan and the agenda computed from the dossier's data, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.db.models import Instalment, PaymentPlan
from app.domain.errors import InvalidInput
from tests.services.followup.data import SUNDAY, TODAY, add_invoice, by_client, pay, seed

KEYS = [
    "date",
    "client",
    "client_name",
    "level",
    "channel",
    "invoices",
    "amount",
    "currency",
    "status",
    "key",
]


def test_agenda_json_has_the_contract_shape(services) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    got = [entry.to_json() for entry in services.reminders.agenda(TODAY, SUNDAY, TODAY)]
    keys = {item.action.key for item in services.reminders.plan(TODAY, SUNDAY).items}
    assert all(entry["key"] in keys for entry in got)
    assert [{k: v for k, v in entry.items() if k != "key"} for entry in got] == [
        {
            "date": "2026-11-16",
            "client": "C002",
            "client_name": "Garage Petit",
            "level": "reminder_1",
            "channel": "phone",
            "invoices": ["G1"],
            "amount": "300.00",
            "currency": "EUR",
            "status": "overdue",
        },
        {
            "date": "2026-11-23",
            "client": "C001",
            "client_name": "Boulangerie Martin",
            "level": "reminder_1",
            "channel": "email",
            "invoices": ["F1", "F2"],
            "amount": "150.00",
            "currency": "EUR",
            "status": "planned",
        },
    ]
    assert all(list(entry) == KEYS for entry in got)


def test_future_period_leaves_the_catch_up_out(services) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    got = services.reminders.agenda(date(2026, 12, 1), date(2026, 12, 7), TODAY)
    assert [(e.date, e.client, e.level, e.status) for e in got] == [
        (date(2026, 12, 1), "C001", "reminder_2", "planned"),
        (date(2026, 12, 1), "C002", "reminder_2", "planned"),
    ]


def test_past_period_lists_what_was_not_done(services) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    day = date(2026, 11, 16)
    got = services.reminders.agenda(day, day, TODAY)
    assert [(e.client, e.level, e.status) for e in got] == [("C002", "reminder_1", "overdue")]


def test_reversed_period_is_rejected(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput):
        services.reminders.agenda(SUNDAY, TODAY, TODAY)


def test_one_entry_per_currency_with_stable_uids(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    add_invoice(
        services, ids["C001"], "F3", date(2026, 10, 20), date(2026, 11, 16), "80.00", currency="USD"
    )
    first = [e for e in services.reminders.agenda(TODAY, TODAY, TODAY) if e.client == "C001"]
    assert [(e.currency, e.amount, e.invoices) for e in first] == [
        ("EUR", Decimal("150.00"), ("F1", "F2")),
        ("USD", Decimal("80.00"), ("F3",)),
    ]
    assert len({e.uid for e in first}) == 2
    again = [e for e in services.reminders.agenda(TODAY, SUNDAY, TODAY) if e.client == "C001"]
    assert [e.uid for e in again] == [e.uid for e in first]


def test_balances_count_payments_up_to_today_and_credit(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    pay(services, ids["C001"], date(2026, 11, 20), "40.00", ids["F1"])
    pay(services, ids["C001"], date(2026, 11, 25), "50.00", ids["F2"])  # after today
    pay(services, ids["C001"], date(2026, 11, 21), "10.00")  # unapplied credit
    entry = next(e for e in services.reminders.agenda(TODAY, TODAY, TODAY) if e.client == "C001")
    assert entry.amount == Decimal("100.00")  # 60 + 50 - 10 of credit
    assert entry.invoices == ("F1", "F2")


def test_paid_and_disputed_invoices_get_nothing(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    pay(services, ids["C001"], date(2026, 11, 20), "100.00", ids["F1"])
    pay(services, ids["C001"], date(2026, 11, 20), "50.00", ids["F2"])
    plan = services.reminders.plan(TODAY)
    assert by_client(plan.items, "C001") == []
    assert all("G2" not in item.action.invoice_numbers for item in plan.items)


def test_payment_plan_instalments_are_followed(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    with services.uow() as uow:
        plan = PaymentPlan(invoice_id=ids["G1"], agreed_on=date(2026, 11, 20))
        uow.session.add(plan)
        uow.session.flush()
        uow.session.add_all(
            [
                Instalment(plan_id=plan.id, due_date=date(2026, 11, 30), amount=Decimal("150.00")),
                Instalment(plan_id=plan.id, due_date=date(2026, 12, 31), amount=Decimal("150.00")),
            ]
        )
        uow.commit()
    # G1 was issued on 10/10: its receipt check (13/10) is long past, never caught up now
    first = by_client(services.reminders.plan(TODAY).items, "C002")[0].action
    assert (first.date, first.level_code, first.amounts["EUR"]) == (
        date(2026, 11, 25),
        "courtesy",
        Decimal("150.00"),
    )
    pay(services, ids["C002"], date(2026, 11, 23), "150.00", ids["G1"])
    second = by_client(services.reminders.plan(TODAY).items, "C002")[0].action
    assert (second.date, second.level_code) == (date(2026, 12, 28), "courtesy")  # 26/12: Sat


def test_weekly_review_puts_the_biggest_amount_first(services) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    review = services.reminders.weekly_review(TODAY)
    assert [(i.client.code, i.action.level_code, i.is_overdue) for i in review] == [
        ("C002", "reminder_1", True),
        ("C001", "reminder_1", False),
    ]
    next_week = services.reminders.weekly_review(TODAY, date(2026, 12, 2))
    assert [i.client.code for i in next_week] == ["C002", "C001"]
    assert not any(i.is_overdue for i in next_week)


def test_calendar_keeps_the_catch_up_apart(services) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    data = services.reminders.calendar(date(2026, 11, 30), date(2027, 1, 3), TODAY)
    assert [i.client.code for i in data.catch_up] == ["C002"]
    assert {i.action.date for i in data.items} == {
        date(2026, 12, 1),
        date(2026, 12, 16),
        date(2026, 12, 31),
    }
    assert data.items[0].level is not None
    assert data.items[0].level.code == "reminder_2"
