"""Dunning policies stored in the dossier: seeded once, edited, chosen per client, followed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.domain.errors import Conflict, InvalidInput
from app.domain.followup.policy import Channel, Fee, Level, consumer_policy, default_policy
from tests.services.followup.data import TODAY, add_client, add_invoice, by_client, seed


def test_builtin_policies_are_seeded_once(services) -> None:  # type: ignore[no-untyped-def]
    first = services.reminders.policies()
    second = services.reminders.policies()
    assert [p.code for p in first] == [p.code for p in second] == ["default", "consumer"]
    default, consumer = first
    assert default.is_default
    assert consumer.for_consumers
    assert default.policy.levels == default_policy(Fee(Decimal("10.00"))).levels
    assert consumer.policy.levels == consumer_policy("FR").levels
    assert [p.label for p in first] == ["Standard follow-up", "Consumers"]


def test_screens_opening_at_once_seed_the_policies_once(services) -> None:  # type: ignore[no-untyped-def]
    """The calendar and the dashboard plan at the same time on a new dossier."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        plans = [pool.submit(services.reminders.plan, TODAY) for _ in range(8)]
        for plan in plans:
            plan.result()
    assert [p.code for p in services.reminders.policies()] == ["default", "consumer"]


def test_belgian_company_gets_the_belgian_consumer_ladder(services) -> None:  # type: ignore[no-untyped-def]
    settings = services.dossier.settings()
    services.dossier.update(replace(settings, country="BE"))
    consumer = next(p for p in services.reminders.policies() if p.for_consumers)
    assert consumer.code == "consumer_be"
    assert consumer.policy.free_reminder_wait is not None
    assert consumer.policy.free_reminder_wait.first_reminder == "reminder_1"


def test_editing_the_default_policy_moves_the_plan(services) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    default = services.reminders.policy("default")
    levels = [
        replace(lv, days=10) if lv.code == "reminder_1" else lv for lv in default.policy.levels
    ]
    services.reminders.save_policy("default", "", levels, replaces="default")
    items = by_client(services.reminders.plan(TODAY).items, "C001")
    # the first reminder moves to due + 10 (26/11); no late courtesy reminder; the second
    # keeps the policy's gap (15 - 10 days) and the client's week between two contacts
    assert [(i.action.level_code, i.action.date) for i in items[:2]] == [
        ("reminder_1", date(2026, 11, 26)),
        ("reminder_2", date(2026, 12, 3)),
    ]
    restored = services.reminders.restore_policy("default")
    assert restored.policy.levels == default.policy.levels


def test_a_client_can_follow_its_own_policy(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    levels = [
        Level("gentle_call", 20, Channel.PHONE, template="reminder_1", name="Appel amical"),
        Level("last_letter", 40, Channel.LETTER, template="firm_reminder"),
    ]
    services.reminders.save_policy("gentle", "Clients fidèles", levels)
    services.reminders.set_client_policy(ids["C001"], "gentle")
    info = services.reminders.policy("gentle")
    assert (info.label, info.client_count) == ("Clients fidèles", 1)
    items = by_client(services.reminders.plan(TODAY).items, "C001")
    assert [(i.action.level_code, i.action.date) for i in items] == [
        ("gentle_call", date(2026, 12, 7)),  # 06/12 is a Sunday
        ("last_letter", date(2026, 12, 28)),  # 26/12 a Saturday
    ]
    assert items[0].level is not None
    assert items[0].level.name == "Appel amical"
    services.reminders.delete_policy("gentle")
    back = by_client(services.reminders.plan(TODAY).items, "C001")
    assert back[0].action.level_code == "reminder_1"


def test_invalid_policy_is_explained_in_french(services) -> None:  # type: ignore[no-untyped-def]
    from app import i18n

    i18n.set_language("fr")
    levels = [Level("a", 10, Channel.EMAIL), Level("b", 5, Channel.EMAIL)]
    with pytest.raises(InvalidInput) as caught:
        services.reminders.save_policy("bad", "", levels)
    problem = caught.value.problems[0]
    assert problem.column == "b"
    assert problem.message != "days_not_increasing"
    assert "days_not_increasing" not in str(caught.value)


def test_codes_are_unique_and_builtins_stay(services) -> None:  # type: ignore[no-untyped-def]
    levels = [Level("only", 10, Channel.EMAIL)]
    services.reminders.save_policy("mine", "", levels)
    with pytest.raises(Conflict):
        services.reminders.save_policy("mine", "", levels)
    with pytest.raises(Conflict):
        services.reminders.save_policy("default", "", levels, replaces="mine")
    with pytest.raises(Conflict):
        services.reminders.delete_policy("default")


def test_fees_only_when_the_company_charges_them(services) -> None:  # type: ignore[no-untyped-def]
    seed(services)

    def second_reminder_fees():  # type: ignore[no-untyped-def]
        items = by_client(services.reminders.plan(TODAY).items, "C001")
        return dict(next(i.action.fees for i in items if i.action.level_code == "reminder_2"))

    assert second_reminder_fees() == {}
    settings = services.dossier.settings()
    services.dossier.update(replace(settings, admin_fee_enabled=True))
    assert second_reminder_fees() == {"EUR": Decimal("10.00")}


def test_consumers_follow_the_softer_ladder(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services, "P001", "Jeanne Dupuis", client_type="consumer")
    add_invoice(services, client, "P1", date(2026, 9, 20), date(2026, 10, 20), "90.00")
    items = by_client(services.reminders.plan(TODAY).items, "P001")
    codes = [i.action.level_code for i in items]
    # due + 25 = 14/11 reached, but nothing was sent yet: a first reminder first
    assert codes[:2] == ["reminder_1", "reminder_2"]
    notice = next(i for i in items if i.action.level_code == "formal_notice")
    assert "recovery_indemnity" not in notice.action.flags
    assert "late_interest" in notice.action.flags


def test_belgian_consumers_get_their_free_first_reminder(services) -> None:  # type: ignore[no-untyped-def]
    settings = services.dossier.settings()
    services.dossier.update(replace(settings, country="BE"))
    client = add_client(services, "P002", "Luc Peeters", client_type="consumer", country="BE")
    add_invoice(services, client, "B1", date(2026, 10, 2), date(2026, 11, 1), "120.00")
    first = by_client(services.reminders.plan(TODAY).items, "P002")[0]
    assert first.action.level_code == "reminder_1"
    assert "free_first_reminder" in first.action.flags
    assert first.action.fees == {}
