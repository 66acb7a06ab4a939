from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.errors import InvalidInput
from app.domain.followup.policy import (
    DEFAULT_ADMIN_FEE,
    Anchor,
    AppliesTo,
    Channel,
    ClientType,
    Fee,
    FreeReminderWait,
    InvalidPolicy,
    Level,
    Policy,
    adapted_also_email,
    adapted_channel,
    consumer_policy,
    default_policy,
)

LEVEL_CODES = (
    "receipt_confirmation",
    "courtesy",
    "reminder_1",
    "reminder_2",
    "firm_reminder",
    "formal_notice",
    "collection",
)


def test_default_policy_is_the_design_table() -> None:
    policy = default_policy()
    assert policy.codes == LEVEL_CODES
    table = [(lvl.code, lvl.anchor, lvl.days, lvl.channel) for lvl in policy.levels]
    assert table == [
        ("receipt_confirmation", Anchor.ISSUE, 3, Channel.EMAIL),
        ("courtesy", Anchor.DUE, -5, Channel.EMAIL),
        ("reminder_1", Anchor.DUE, 7, Channel.EMAIL),
        ("reminder_2", Anchor.DUE, 15, Channel.EMAIL),
        ("firm_reminder", Anchor.DUE, 30, Channel.LETTER),
        ("formal_notice", Anchor.DUE, 45, Channel.FORMAL_NOTICE),
        ("collection", Anchor.DUE, 60, Channel.MANUAL),
    ]
    assert policy.level("firm_reminder").also_email
    notice = policy.level("formal_notice")
    assert notice.needs_confirmation
    assert notice.claims_interest
    assert notice.claims_indemnity
    assert policy.level("collection").needs_confirmation
    assert not policy.level("reminder_1").needs_confirmation
    assert all(level.template == level.code for level in policy.levels)


def test_admin_fee_only_when_the_company_enables_it() -> None:
    assert all(level.fee.is_free for level in default_policy().levels)
    with_fee = default_policy(DEFAULT_ADMIN_FEE)
    assert with_fee.level("reminder_2").fee == DEFAULT_ADMIN_FEE
    others = [level for level in with_fee.levels if level.code != "reminder_2"]
    assert all(level.fee.is_free for level in others)


def test_channels_map_onto_the_contract_values() -> None:
    assert {c: c.contract_value for c in Channel} == {
        Channel.EMAIL: "email",
        Channel.LETTER: "letter",
        Channel.PHONE: "phone",
        Channel.FORMAL_NOTICE: "letter",
        Channel.MANUAL: "manual",
    }
    assert Channel.FORMAL_NOTICE.is_paper
    assert not Channel.EMAIL.is_paper
    assert not Channel.PHONE.is_durable
    assert Channel.EMAIL.is_durable


@pytest.mark.parametrize("country", ["FR", "BE"])
def test_consumer_policy_is_softer(country: str) -> None:
    business, consumer = default_policy(DEFAULT_ADMIN_FEE), consumer_policy(country)
    assert consumer.codes == business.codes
    for code in LEVEL_CODES[2:]:
        assert consumer.level(code).days > business.level(code).days
    assert all(level.fee.is_free for level in consumer.levels)
    assert not any(level.claims_indemnity for level in consumer.levels)
    assert consumer.level("formal_notice").claims_interest


def test_only_belgian_consumers_get_the_free_reminder_wait() -> None:
    assert consumer_policy("FR").free_reminder_wait is None
    belgian = consumer_policy("BE", reminder_fee=Fee(fixed=Decimal("7.50")))
    assert belgian.free_reminder_wait == FreeReminderWait("reminder_1", 14, 3)
    first = belgian.level("reminder_1")
    assert first.fee.is_free
    assert not first.bears_costs
    assert belgian.level("reminder_2").fee.fixed == Decimal("7.50")
    notice = belgian.level("formal_notice")
    # even a paper reminder (3 working days, at most 7 calendar days) leaves 14 days before it
    assert notice.days - first.days >= 14 + 7


def test_fee_is_fixed_plus_percent_rounded_to_the_currency() -> None:
    fee = Fee(fixed=Decimal("5.00"), percent=Decimal("1.5"))
    assert fee.amount(Decimal("1000.00")) == Decimal("20.00")
    assert fee.amount(Decimal("333.33")) == Decimal("10.00")
    assert Fee(percent=Decimal("10")).amount(Decimal("1234"), "JPY") == Decimal("123")
    assert fee.amount(Decimal("0.00")) == Decimal("0.00")
    assert Fee().amount(Decimal("100")) == Decimal("0.00")


def test_bears_costs() -> None:
    assert not Level("a", 7, Channel.EMAIL).bears_costs
    assert Level("b", 7, Channel.EMAIL, fee=Fee(fixed=Decimal("1"))).bears_costs
    assert Level("c", 7, Channel.LETTER, claims_interest=True).bears_costs
    assert Level("d", 7, Channel.FORMAL_NOTICE).bears_costs


def test_level_accepts_plain_strings() -> None:
    level = Level("x", 3, "letter", anchor="issue", applies_to="consumer")
    assert level.channel is Channel.LETTER
    assert level.anchor is Anchor.ISSUE
    assert level.applies_to is AppliesTo.CONSUMER


def test_applies_to() -> None:
    assert AppliesTo.BOTH.includes(ClientType.CONSUMER)
    assert AppliesTo.BUSINESS.includes("business")
    assert not AppliesTo.BUSINESS.includes(ClientType.CONSUMER)


@pytest.mark.parametrize(
    ("levels", "reason"),
    [
        ((), "no_levels"),
        ((Level("a", 7, Channel.EMAIL), Level("a", 15, Channel.EMAIL)), "duplicate_level_code"),
        ((Level("a", 15, Channel.EMAIL), Level("b", 7, Channel.EMAIL)), "days_not_increasing"),
        ((Level("a", 7, Channel.EMAIL), Level("b", 7, Channel.EMAIL)), "days_not_increasing"),
        (
            (Level("a", 7, Channel.EMAIL), Level("b", 3, Channel.EMAIL, anchor=Anchor.ISSUE)),
            "issue_level_after_due_level",
        ),
        ((Level("", 7, Channel.EMAIL),), "empty_level_code"),
        ((Level("a", 7, Channel.EMAIL, fee=Fee(fixed=Decimal("-1"))),), "invalid_fee"),
        ((Level("a", 7, Channel.EMAIL, fee=Fee(percent=Decimal("101"))),), "invalid_fee"),
    ],
)
def test_invalid_policies_are_refused(levels: tuple[Level, ...], reason: str) -> None:
    with pytest.raises(InvalidPolicy) as caught:
        Policy("p", "P", levels)
    assert caught.value.reason == reason
    assert isinstance(caught.value, InvalidInput)


def test_issue_and_due_levels_count_days_separately() -> None:
    policy = Policy(
        "p",
        "P",
        (Level("r", 3, Channel.EMAIL, anchor=Anchor.ISSUE), Level("c", -5, Channel.EMAIL)),
    )
    assert policy.position("c") == 1


def test_wait_must_name_a_free_level() -> None:
    levels = (Level("r1", 7, Channel.EMAIL, fee=Fee(fixed=Decimal("5"))),)
    with pytest.raises(InvalidPolicy) as caught:
        Policy("p", "P", levels, FreeReminderWait("r1"))
    assert caught.value.reason == "first_reminder_not_free"
    with pytest.raises(InvalidPolicy) as caught:
        Policy("p", "P", levels, FreeReminderWait("nope"))
    assert caught.value.reason == "unknown_first_reminder"


@pytest.mark.parametrize(
    ("preferred", "expected"),
    [
        (None, Channel.EMAIL),
        (Channel.EMAIL, Channel.EMAIL),
        (Channel.PHONE, Channel.PHONE),
        ("letter", Channel.LETTER),
    ],
)
def test_emails_follow_the_preferred_channel(
    preferred: Channel | str | None, expected: Channel
) -> None:
    assert adapted_channel(default_policy().level("reminder_1"), preferred) is expected


@pytest.mark.parametrize("preferred", [None, Channel.EMAIL, Channel.PHONE, Channel.LETTER])
def test_letters_notices_and_tasks_keep_their_channel(preferred: Channel | None) -> None:
    policy = default_policy()
    for code in ("firm_reminder", "formal_notice", "collection"):
        level = policy.level(code)
        assert adapted_channel(level, preferred) is level.channel


def test_email_copy_only_for_email_clients() -> None:
    firm = default_policy().level("firm_reminder")
    assert adapted_also_email(firm, None)
    assert adapted_also_email(firm, "email")
    assert not adapted_also_email(firm, Channel.PHONE)
    assert not adapted_also_email(firm, Channel.LETTER)
