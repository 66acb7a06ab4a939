"""The demo history's view of one invoice's ladder: working days on ordinals, the rungs of the
client's policy, where each invoice (or instalment) stands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.followup.policy import Channel
from app.domain.workdays import working_day_on_or_after
from app.services.demo.history_rows import InvoiceFollowUp

NEVER = 10**7  # an ordinal after any date


class WorkingDays:
    """working_day_on_or_after on ordinals, remembered (the demo asks for the same days often)."""

    def __init__(self, country: str) -> None:
        self.country = country
        self.known: dict[int, int] = {}

    def on_or_after(self, day: int) -> int:
        found = self.known.get(day)
        if found is None:
            found = working_day_on_or_after(date.fromordinal(day), self.country).toordinal()
            self.known[day] = found
        return found

    def after(self, day: int) -> int:
        return self.on_or_after(day + 1)


@dataclass(frozen=True, slots=True)
class _Rung:
    position: int
    code: str
    days: int
    is_issue: bool
    channel: Channel
    also_email: bool


@dataclass(slots=True)
class _Ladder:
    """One invoice's (or one instalment's) place on the ladder, as the planner reads it."""

    facts: InvoiceFollowUp
    id: int
    issue: int
    due: int
    settled: int
    payments: list[tuple[int, int]]
    top: int = -1
    last_done: tuple[int, int] | None = None  # (level days, done on) of a due-anchored level
    promise_floor: int = 0
    snooze: tuple[int, int] | None = None  # (position, until)
    dispute_on: int = NEVER
    resolved_on: int = NEVER
    promised: int = 0  # a promise the demo wants on the dashboard this week
    stop_on: int = NEVER  # the payment plan takes over that day
    owed_after: int | None = None  # an instalment: what the later instalments still owe
    written: bool = False  # a letter or email reminder was done (a formal notice needs one)
    notice_on: int | None = None  # the formal notice went out that day

    def balance(self, on: int) -> int:
        return self.facts.total - sum(amount for day, amount in self.payments if day <= on)

    def is_open(self, on: int) -> bool:
        if self.owed_after is not None:
            return self.balance(on) > self.owed_after
        return self.settled > on


def _ladder(facts: InvoiceFollowUp, due: date | None = None) -> _Ladder:
    settled = facts.settled_on.toordinal() if facts.settled_on else NEVER
    payments = [(day.toordinal(), amount) for day, amount in facts.payments]
    return _Ladder(
        facts,
        facts.id,
        facts.issue_date.toordinal(),
        (due or facts.due_date).toordinal(),
        settled,
        payments,
    )
