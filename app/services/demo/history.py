"""Demo follow-up history: what the user of the demo company did since they started with
Relance, consistent with the ledger and with the plan.

Each client's follow-up is replayed day by day as the planner plans it (the client's policy,
working days, one action per level and day, the catch-up of what is due, spacing after what
was done, snoozes, pending promises, instalments), and acted on every working day the way a
careful user works through the reminder calendar: done, skipped, snoozed, calls and what they
gave (promise to pay, no answer, wrong contact), disputes opened and resolved, payment plans.
Days are ordinals here, for speed; the rows are written by `demo_history_rows`.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass
from datetime import date

from app.domain.followup.policy import Anchor, Channel, Policy, adapted_also_email, adapted_channel
from app.domain.workdays import working_day_on_or_after
from app.services.demo import words as data
from app.services.demo.history_rows import HistoryWriter, InvoiceFollowUp
from app.services.demo.parties import ClientSpec

FOLLOWUP_DAYS = 75  # the demo company has used Relance for two and a half months
PROMISE_GRACE_DAYS = 3  # planner_inputs.CompanySettings.promise_grace_days
BEFORE_DUE = ("receipt_confirmation", "courtesy")
CALLED = ("reminder_1", "reminder_2")
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


class ClientFollowUp:
    """Replays one client's follow-up from `since` to the day before `as_of`."""

    def __init__(
        self,
        rng: random.Random,
        spec: ClientSpec,
        policy: Policy,
        workdays: WorkingDays,
        since: date,
        as_of: date,
        writer: HistoryWriter,
        credit: list[tuple[date, int]],
    ) -> None:
        self.rng, self.spec, self.workdays, self.write = rng, spec, workdays, writer
        self.since, self.as_of = since.toordinal(), as_of.toordinal()
        self.credit = [(day.toordinal(), amount) for day, amount in credit]
        preferred = spec.row.get("preferred_channel") or None
        kind = "consumer" if spec.is_consumer else "business"
        self.rungs = [
            _Rung(
                position,
                level.code,
                level.days,
                level.anchor is Anchor.ISSUE,
                adapted_channel(level, preferred),
                adapted_also_email(level, preferred),
            )
            for position, level in enumerate(policy.levels)
            if level.applies_to.includes(kind)
        ]
        self.issue_rungs = [r for r in self.rungs if r.is_issue]
        self.due_rungs = [r for r in self.rungs if not r.is_issue]
        self.queue: list[tuple[int, int, int, int, _Ladder]] = []
        self.counter = 0
        self.behind = False
        self.sunday = self.as_of - as_of.weekday() + 6

    # -- the ladder, as the planner computes it ------------------------------------------
    def _next(self, ladder: _Ladder, today: int) -> tuple[int, _Rung] | None:
        """The invoice's next action in the plan of `today`: its date (maybe past), its rung."""
        top, due, issue = ladder.top, ladder.due, ladder.issue
        floor = ladder.promise_floor
        snooze = ladder.snooze
        if snooze is not None and snooze[0] > top and snooze[1] > floor:
            floor = snooze[1]
        dues: list[tuple[int, _Rung]] = []
        first_due = None
        for rung in self.due_rungs:
            raw = due + rung.days
            if rung.position <= top or (rung.days < 0 and raw <= issue):
                continue
            if first_due is None:
                first_due = raw
            base = raw if raw > floor else floor
            if ladder.last_done is not None:
                days, done_on = ladder.last_done
                base = max(base, done_on + rung.days - days)
            dues.append((base, rung))
        candidates: list[tuple[int, _Rung]] = []
        for rung in self.issue_rungs:
            raw = issue + rung.days
            if rung.position <= top or (first_due is not None and raw >= first_due):
                continue
            if floor > raw:  # a receipt check is timely only: on its day or snoozed to
                if snooze is None or snooze[0] != rung.position:
                    continue
                raw = floor
            if ladder.owed_after is None and self.workdays.on_or_after(raw) >= today:
                candidates.append((raw, rung))
        candidates += dues
        if not candidates:
            return None
        horizon = max(today, floor)
        reached = None
        for index, (base, _rung) in enumerate(candidates):
            if base <= horizon:
                reached = index
        base, rung = candidates[reached or 0]
        return self.workdays.on_or_after(base), rung

    def _schedule(self, ladder: _Ladder, today: int) -> None:
        """Queue the invoice's next action on the day the user does it."""
        found = self._next(ladder, today)
        if found is None:
            return
        planned, rung = found
        on = planned if planned >= today else self.workdays.on_or_after(today)
        if ladder.dispute_on <= on:
            self._dispute(ladder)
        elif on < self.as_of and on < ladder.stop_on and ladder.is_open(on):
            self.counter += 1
            heapq.heappush(self.queue, (on, self.counter, planned, rung.position, ladder))

    # -- replay --------------------------------------------------------------------------
    def run(self, invoices: list[InvoiceFollowUp]) -> None:
        for facts in invoices:
            ladder = _ladder(facts)
            if ladder.settled <= self.since or ladder.issue >= self.as_of:
                continue
            self._events(ladder)
            if facts.plan is not None:
                self._payment_plan(ladder)
            self._schedule(ladder, self.workdays.on_or_after(max(self.since, ladder.issue)))
        by_position = {r.position: r for r in self.rungs}
        queue = self.queue
        while queue:
            on = queue[0][0]
            groups: dict[int, tuple[int, list[_Ladder]]] = {}
            while queue and queue[0][0] == on:
                _on, _n, planned, position, ladder = heapq.heappop(queue)
                latest, ladders = groups.get(position, (planned, []))
                ladders.append(ladder)
                groups[position] = (max(latest, planned), ladders)
            if len(groups) > 1:
                groups = self._one_reminder(on, groups)
            for position, (planned, ladders) in groups.items():
                self._act(on, planned, by_position[position], ladders)

    def _one_reminder(
        self, on: int, groups: dict[int, tuple[int, list[_Ladder]]]
    ) -> dict[int, tuple[int, list[_Ladder]]]:
        """One reminder per client and day, at the highest level due (plan_groups): invoices
        already late at a lower level join it, a reminder before the due date waits."""
        top = max(groups)
        latest, gathered = groups[top]
        for position in sorted(groups):
            if position == top:
                continue
            planned, ladders = groups[position]
            for ladder in ladders:
                if ladder.due < on:
                    gathered.append(ladder)
                    latest = max(latest, planned)
                else:
                    self._schedule(ladder, on + 1)
        return {top: (latest, gathered)}

    def _events(self, ladder: _Ladder) -> None:
        """Disputes (open on as_of, or resolved before payment), the dashboard's promise."""
        rng, facts = self.rng, ladder.facts
        if facts.disputed_reason:  # still disputed: the ladder stops that day for good
            opened = max(min(ladder.due + rng.randrange(9, 21), self.as_of - 1), ladder.issue + 1)
            self.write.activity("dispute", opened, ladder.id, note=facts.disputed_reason)
            ladder.stop_on = opened
        elif (
            ladder.due + 30 < ladder.settled < NEVER
            and not facts.role
            and facts.plan is None
            and rng.random() < 0.03
        ):
            opened = ladder.due + rng.randrange(8, 15)
            resolved = ladder.settled - rng.randrange(1, 7)
            if resolved > opened + 2:
                ladder.dispute_on, ladder.resolved_on = opened, resolved
        if facts.role == "1-30":
            ladder.promised = self.sunday

    def _act(self, on: int, planned: int, rung: _Rung, ladders: list[_Ladder]) -> None:
        """What the user does with one action of the calendar (one or several invoices)."""
        rng, code = self.rng, rung.code
        amount = sum(ladder.balance(on) for ladder in ladders)
        if self.credit and amount <= sum(cents for day, cents in self.credit if day <= on):
            return  # the client's credit covers it: the plan shows nothing
        single = ladders[0] if len(ladders) == 1 else None
        forced = single is not None and single.promised > 0 and code not in BEFORE_DUE
        if not forced and on >= self.as_of - 7 and (self.behind or rng.random() < 0.3):
            self.behind = True  # not done yet: this client's reminders wait for the catch-up
            return
        phone = rung.channel is Channel.PHONE
        if forced:
            phone = True
        elif not phone and code in CALLED and single is not None and not self.spec.is_consumer:
            phone = amount >= 50_000 and rng.random() < 0.35
        if phone:
            self._call(on, planned, rung, ladders, single, forced)
        elif code == "courtesy" and self.spec.profile == "punctual" and rng.random() < 0.1:
            self._reminder(on, planned, rung, ladders, "skipped", rng.choice(data.SKIP_COURTESY))
            self._advance(on, rung, ladders, done=False)
        elif code == "collection" and amount < 50_000:
            self._reminder(on, planned, rung, ladders, "skipped", rng.choice(data.SKIP_COLLECTION))
            self._advance(on, rung, ladders, done=False)
        elif code in ("reminder_2", "firm_reminder") and rng.random() < 0.04:
            self._snooze(
                on, planned, rung, ladders, on + rng.randrange(7, 15), rng.choice(data.SNOOZE_NOTES)
            )
        else:
            self._reminder(on, planned, rung, ladders, "done", data.DONE_NOTES.get(code, ""))
            self._advance(on, rung, ladders)

    def _advance(self, on: int, rung: _Rung, ladders: list[_Ladder], done: bool = True) -> None:
        """Done or skipped: never planned again; done also spaces the next levels."""
        for ladder in ladders:
            ladder.top = max(ladder.top, rung.position)
            if done and not rung.is_issue:
                ladder.last_done = (rung.days, on)
            self._schedule(ladder, on + 1)

    def _snooze(
        self,
        on: int,
        planned: int,
        rung: _Rung,
        ladders: list[_Ladder],
        until: int,
        note: str,
        channel: str | None = None,
    ) -> None:
        self._reminder(on, planned, rung, ladders, "snoozed", note, until, channel)
        for ladder in ladders:
            ladder.snooze = (rung.position, until)
            self._schedule(ladder, until)

    def _call(
        self,
        on: int,
        planned: int,
        rung: _Rung,
        ladders: list[_Ladder],
        single: _Ladder | None,
        forced: bool,
    ) -> None:
        """Recorder.call: a reminder done (or snoozed) by phone, a call or promise activity."""
        rng = self.rng
        roll = rng.random()
        if not forced and roll < 0.2:
            self._snooze(on, planned, rung, ladders, self.workdays.after(on), "", "phone")
            self.write.activity("call", on, single.id if single else None, "no_answer")
            return
        before_due = rung.code in BEFORE_DUE
        if before_due or single is None or (not forced and roll < 0.26):
            wrong = single is not None and roll < 0.26
            note = rng.choice(
                data.WRONG_CONTACT_NOTES
                if wrong
                else data.CALL_NOTES_BEFORE_DUE
                if before_due
                else data.CALL_NOTES_GROUPED
            )
            self._reminder(on, planned, rung, ladders, "done", note, channel="phone")
            if wrong:
                self.write.activity(
                    "call", on, single.id if single else None, "wrong_contact", note
                )
            self._advance(on, rung, ladders)
            return
        assert single is not None
        if forced and on >= self.as_of - 10:
            promised = max(single.promised, on)
        elif single.settled <= on + 30:
            promised = max(on, single.settled - rng.randrange(0, 3))
        else:
            promised = on + rng.randrange(5, 15)
        note = rng.choice(data.PROMISE_NOTES)
        self._reminder(on, planned, rung, ladders, "done", note, channel="phone")
        amount = single.balance(on) if rng.random() < 0.7 else None
        self.write.activity("promise", on, single.id, "promise", note, promised, amount)
        single.promise_floor = promised + PROMISE_GRACE_DAYS + 1
        self._advance(on, rung, ladders)

    def _dispute(self, ladder: _Ladder) -> None:
        """InvoiceActions.dispute (and resolve_dispute): no reminder while it lasts."""
        opened, ladder.dispute_on = ladder.dispute_on, NEVER
        if opened >= self.as_of or not ladder.is_open(opened):
            return
        self.write.activity(
            "dispute", opened, ladder.id, note=self.rng.choice(data.DISPUTE_REASONS)
        )
        resolved = ladder.resolved_on
        if resolved < self.as_of and ladder.is_open(resolved):
            self.write.activity(
                "dispute_resolved",
                resolved,
                ladder.id,
                note=self.rng.choice(data.DISPUTE_RESOLUTIONS),
            )
            self._schedule(ladder, self.workdays.on_or_after(resolved))

    def _payment_plan(self, ladder: _Ladder) -> None:
        """The agreed échéancier: from that day on each instalment has its own ladder."""
        facts = ladder.facts
        assert facts.plan is not None
        agreed, parts = facts.plan
        note = data.PLAN_NOTE.format(count=len(parts))
        self.write.payment_plan(facts.id, agreed, parts, note)
        ladder.stop_on = agreed.toordinal()
        if ladder.stop_on >= self.since:
            self.write.activity("note", ladder.stop_on, facts.id, note=note)
        start = self.workdays.on_or_after(max(ladder.stop_on + 1, self.since))
        for index, (due, _amount) in enumerate(parts):
            part = _ladder(facts, due)
            part.owed_after = sum(amount for _due, amount in parts[index + 1 :])
            self._schedule(part, start)

    def _reminder(
        self,
        on: int,
        planned: int,
        rung: _Rung,
        ladders: list[_Ladder],
        status: str,
        note: str,
        snoozed_until: int | None = None,
        channel: str | None = None,
    ) -> None:
        self.write.reminder(
            on,
            planned,
            rung.code,
            channel or rung.channel.value,
            status,
            [(ladder.id, ladder.due) for ladder in ladders],
            note,
            snoozed_until,
        )
