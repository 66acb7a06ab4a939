"""Words for the follow-up codes (levels, channels, flags, outcomes), shared by the CLI and UI.

Codes stay in the data and in JSON; these labels are what people read.
"""

from __future__ import annotations

from app.domain.followup.policy import Level, Policy
from app.i18n import N_, _

LEVEL_NAMES = {
    "receipt_confirmation": N_("Invoice receipt check"),
    "courtesy": N_("Courtesy reminder"),
    "reminder_1": N_("First reminder"),
    "reminder_2": N_("Second reminder"),
    "firm_reminder": N_("Firm reminder"),
    "formal_notice": N_("Formal notice"),
    "collection": N_("Hand over to collection"),
}

CHANNEL_NAMES = {
    "email": N_("email"),
    "letter": N_("letter"),
    "formal_notice": N_("registered letter"),
    "phone": N_("call"),
    "manual": N_("task"),
}

FLAG_NAMES = {
    "broken_promise": N_("broken promise"),
    "recovery_indemnity": N_("€40 recovery indemnity"),
    "late_interest": N_("late interest"),
    "free_first_reminder": N_("free first reminder"),
}

POLICY_NAMES = {
    "default": N_("Standard follow-up"),
    "consumer": N_("Consumers"),
    "consumer_be": N_("Consumers (Belgium)"),
}

POLICY_PROBLEMS = {
    "empty_policy_code": N_("the policy needs a code"),
    "no_levels": N_("a policy needs at least one level"),
    "empty_level_code": N_("every level needs a code"),
    "duplicate_level_code": N_("two levels have the same code"),
    "invalid_fee": N_("a fee cannot be negative and a percentage must be 0 to 100"),
    "issue_level_after_due_level": N_(
        "levels counted from the issue date must come before those counted from the due date"
    ),
    "days_not_increasing": N_("each level must come later than the one before it"),
    "unknown_first_reminder": N_("the free first reminder must be one of the policy's levels"),
    "first_reminder_not_free": N_(
        "the free first reminder must count from the due date and claim nothing"
    ),
    "invalid_wait": N_("the wait after the free first reminder must be at least one day"),
    "invalid_min_gap": N_("the days between two contacts must be between 1 and 365"),
    "invalid_min_amount": N_("the minimum amount cannot be negative"),
}

OUTCOME_NAMES = {
    "done": N_("done"),
    "skipped": N_("skipped"),
    "snoozed": N_("snoozed"),
    "escalated": N_("escalated"),
    "planned": N_("planned"),
    "promise": N_("promise to pay"),
    "dispute": N_("dispute"),
    "wrong_contact": N_("wrong contact"),
    "no_answer": N_("no answer"),
}


def level_name(code: str, level: Level | None = None) -> str:
    """The level's own name when the user gave one, else the standard name of its code."""
    if level is not None and level.name:
        return level.name
    return _(LEVEL_NAMES[code]) if code in LEVEL_NAMES else code


def channel_name(code: str) -> str:
    return _(CHANNEL_NAMES[code]) if code in CHANNEL_NAMES else code


def flag_name(code: str) -> str:
    return _(FLAG_NAMES[code]) if code in FLAG_NAMES else code


def outcome_name(code: str) -> str:
    return _(OUTCOME_NAMES[code]) if code in OUTCOME_NAMES else code


def policy_name(policy: Policy) -> str:
    """Built-in policies have no stored name: they are labelled by their code."""
    if policy.name:
        return policy.name
    return _(POLICY_NAMES[policy.code]) if policy.code in POLICY_NAMES else policy.code


def policy_problem(reason: str) -> str:
    return _(POLICY_PROBLEMS[reason]) if reason in POLICY_PROBLEMS else reason
