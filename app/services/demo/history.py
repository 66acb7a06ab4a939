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
from datetime import date

from app.domain.followup.policy import Anchor, Channel, Policy, adapted_also_email, adapted_channel
from app.services.demo import words as data
from app.services.demo.history_ladder import NEVER, WorkingDays, _Ladder, _ladder, _Rung
from app.services.demo.history_rows import HistoryWriter, InvoiceFollowUp
from app.services.demo.parties import ClientSpec

FOLLOWUP_DAYS = 75  # the demo company has used Relance for two and a half months
PROMISE_GRACE_DAYS = 3  # planner_inputs.CompanySettings.promise_grace_days
BEFORE_DUE = ("receipt_confirmation", "courtesy")
CALLED = ("reminder_1", "reminder_2")


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
        self.first = next(
            (r.position for r in self.due_rungs if r.days > 0 and r.channel is not Channel.MANUAL),
            NEVER,
        )
        self.notice = next((r for r in self.rungs if r.channel is Channel.FORMAL_NOTICE), None)
        self.gap = policy.min_gap_days
        self.last_contact: int | None = None
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
            late = floor > raw or self.workdays.on_or_after(raw) < today
            if rung.position < self.first and late:  # pre-due: on its own day only
                continue
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
        base, rung = candidates[0]  # one step at a time
        notice = self.notice
        if notice is not None and rung.position > notice.position and ladder.notice_on is None:
            rung = notice  # a hand-over needs a formal notice done
        if notice is not None and rung.position == notice.position and not ladder.written:
            written = [
                r
                for r in self.due_rungs
                if self.first <= r.position < notice.position
                and r.channel in (Channel.EMAIL, Channel.LETTER)
            ]
            if written:
                rung = written[-1]  # a formal notice needs a written reminder done
        if rung.position != candidates[0][1].position:
            base = max(floor, due + rung.days)
            if ladder.last_done is not None:
                base = max(base, ladder.last_done[1] + rung.days - ladder.last_done[0])
        if notice is not None and rung.position > notice.position and ladder.notice_on:
            base = max(base, ladder.notice_on + 9)
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
            groups = self._one_voice(on, groups)
            for position, (planned, ladders) in sorted(groups.items()):
                self._act(on, planned, by_position[position], ladders)

    def _one_voice(
        self, on: int, groups: dict[int, tuple[int, list[_Ladder]]]
    ) -> dict[int, tuple[int, list[_Ladder]]]:
        """One contact a week per client (each invoice at its own level): what falls within
        the gap waits for its end; a receipt check or courtesy reminder is then dropped."""
        notice = self.notice
        if notice is not None and max(groups) < notice.position:
            louder = [
                when
                for when, _n, _p, pos, ladder in self.queue
                if ladder.notice_on is not None and pos > notice.position
            ]
            if louder:  # never softer after a formal notice: they wait for its next step
                for _planned, ladders in groups.values():
                    for ladder in ladders:
                        self._schedule(ladder, min(louder))
                return {}
        crowded = self.last_contact is not None and on < self.last_contact + self.gap
        main = {p: g for p, g in groups.items() if p >= self.first}
        soon = any(
            when < on + self.gap and pos >= self.first for when, _n, _p, pos, _l in self.queue
        )
        kept = {}
        for position, (planned, ladders) in groups.items():
            if position < self.first and (crowded or main or soon):
                by_position = {r.position: r for r in self.rungs}
                self._advance(on, by_position[position], ladders, done=False)
            elif crowded:
                assert self.last_contact is not None
                later = self.workdays.on_or_after(self.last_contact + self.gap)
                for ladder in ladders:
                    self._schedule(ladder, later)
            else:
                kept[position] = (planned, ladders)
        return kept

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

    def _advance(
        self,
        on: int,
        rung: _Rung,
        ladders: list[_Ladder],
        done: bool = True,
        channel: Channel | None = None,
    ) -> None:
        """Done or skipped: never planned again; done also spaces the next levels."""
        sent = channel or rung.channel
        for ladder in ladders:
            ladder.top = max(ladder.top, rung.position)
            if done and not rung.is_issue and rung.position >= self.first:
                ladder.last_done = (rung.days, on)
            if done and rung.position >= self.first and sent.is_durable:
                ladder.written = True
            if done and rung.channel is Channel.FORMAL_NOTICE:
                ladder.notice_on = on
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
            self._advance(on, rung, ladders, channel=Channel.PHONE)
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
        self._advance(on, rung, ladders, channel=Channel.PHONE)

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
        if status == "done":
            self.last_contact = max(self.last_contact or on, on)
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
