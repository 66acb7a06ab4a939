"""One invoice's way up the ladder: which levels are still to come, and on which working day."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from app.domain.followup.inputs import (
    FLAG_BROKEN_PROMISE,
    FLAG_FREE_FIRST_REMINDER,
    FLAG_LATE_INTEREST,
    FLAG_RECOVERY_INDEMNITY,
    ActionItem,
    ClientState,
    DoneAction,
    HistoryStatus,
    InvoiceState,
    PromiseToPay,
)
from app.domain.followup.policy import (
    Anchor,
    Channel,
    ClientType,
    FreeReminderWait,
    Level,
    Policy,
    adapted_also_email,
    adapted_channel,
)
from app.domain.money import ZERO, quantize
from app.domain.workdays import nth_working_day_after, working_day_on_or_after

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Step:
    """One level planned for one invoice, before grouping by client."""

    position: int
    level: Level
    date: date
    channel: Channel
    also_email: bool
    item: ActionItem
    flags: frozenset[str]


@dataclass(frozen=True)
class Followed:
    """The due date the ladder follows: the invoice's, or its earliest unpaid instalment's."""

    due_date: date
    is_first: bool


@dataclass
class _Candidate:
    position: int
    level: Level
    base: date


def is_dunnable(invoice: InvoiceState, client: ClientState | None = None) -> bool:
    """Disputed, written-off and paid invoices and blocked clients are never followed up."""
    if invoice.balance <= ZERO or invoice.is_disputed or invoice.is_written_off:
        return False
    return client is None or not client.dunning_blocked


def followed_due(invoice: InvoiceState) -> Followed:
    if not invoice.instalments:
        return Followed(invoice.due_date, True)
    ordered = sorted(invoice.instalments, key=lambda part: part.due_date)
    unpaid = [part for part in ordered if not part.paid]
    chosen = unpaid[0] if unpaid else ordered[-1]
    return Followed(chosen.due_date, chosen.due_date == ordered[0].due_date)


def raw_date(level: Level, invoice: InvoiceState, followed: Followed) -> date:
    anchor = invoice.issue_date if level.anchor is Anchor.ISSUE else followed.due_date
    return anchor + timedelta(days=level.days)


def statutory_wait(
    policy: Policy, client: ClientState, company_country: str
) -> FreeReminderWait | None:
    """The policy's own wait, or the Belgian consumer one the law imposes on any policy."""
    if policy.free_reminder_wait is not None:
        return policy.free_reminder_wait
    if client.client_type is not ClientType.CONSUMER:
        return None
    if "BE" not in (company_country.upper(), client.country.upper()):
        return None
    for level in policy.levels:
        free = not level.bears_costs and level.channel is not Channel.MANUAL
        if level.anchor is Anchor.DUE and level.days > 0 and free:
            return FreeReminderWait(level.code)
    return None


def costs_allowed_from(wait: FreeReminderWait, sent_on: date, on_paper: bool, country: str) -> date:
    """First day a cost may be charged after the free first reminder sent on that day."""
    if on_paper:
        start = nth_working_day_after(sent_on, wait.paper_delay_working_days, country)
    else:
        start = sent_on + _ONE_DAY
    return start + timedelta(days=wait.days)


class InvoiceLadder:
    """Computes the steps of one invoice from its state, its history and today's date."""

    def __init__(
        self,
        invoice: InvoiceState,
        client: ClientState,
        policy: Policy,
        *,
        today: date,
        country: str,
        grace_days: int,
    ) -> None:
        self.invoice = invoice
        self.client = client
        self.policy = policy
        self.today = today
        self.country = country
        self.grace_days = grace_days
        self.followed = followed_due(invoice)
        self.levels = [
            (position, level)
            for position, level in enumerate(policy.levels)
            if level.applies_to.includes(client.client_type)
        ]
        self.wait = statutory_wait(policy, client, country)
        self.balance = quantize(invoice.balance, invoice.currency)

    def steps(self, history: Iterable[DoneAction], promises: Iterable[PromiseToPay]) -> list[Step]:
        if not is_dunnable(self.invoice, self.client):
            return []
        records = self._matching(history)
        done = [r for r in records if r.status is not HistoryStatus.SNOOZED]
        top = max((self._position(r.level_code) for r in done), default=-1)
        promise = self._promise(promises)
        floor = self._floor(records, top, promise)
        candidates = self._candidates(records, top, floor)
        first_sent = self._first_reminder_sent(records)
        steps = self._schedule(candidates, floor, first_sent)
        if promise is not None and promise.kept is not True:
            since = promise.promised_date
            if not any(r.status is HistoryStatus.DONE and r.date > since for r in records):
                steps = [_with_flag(step, FLAG_BROKEN_PROMISE) for step in steps]
        return steps

    def step_for(self, code: str, on: date) -> Step:
        """That level on that day, whatever was done before (`relance letters --level`)."""
        position = self._position(code)
        level = self.policy.levels[position]
        return self._step(_Candidate(position, level, on), on, None)

    def _position(self, code: str) -> int:
        return self.policy.codes.index(code)

    def _matching(self, history: Iterable[DoneAction]) -> list[DoneAction]:
        """This invoice's records of the policy's levels, for the instalment followed."""
        records = []
        for record in history:
            if self.invoice.id not in record.invoice_ids:
                continue
            if record.level_code not in self.policy.codes:
                continue
            level = self.policy.level(record.level_code)
            per_instalment = level.anchor is Anchor.DUE and bool(self.invoice.instalments)
            if per_instalment and self._instalment_of(record) != self.followed.due_date:
                continue
            records.append(record)
        return records

    def _instalment_of(self, record: DoneAction) -> date:
        if record.instalment_due is not None:
            return record.instalment_due
        dues = sorted(part.due_date for part in self.invoice.instalments)
        earliest = min(
            (level.days for level in self.policy.levels if level.anchor is Anchor.DUE), default=0
        )
        chosen = dues[0]
        for due in dues:
            if due + timedelta(days=earliest) <= record.date:
                chosen = due
        return chosen

    def _promise(self, promises: Iterable[PromiseToPay]) -> PromiseToPay | None:
        covering = [p for p in promises if p.covers(self.invoice)]
        if not covering:
            return None
        return max(covering, key=lambda p: (p.promised_date, p.kept is None, p.kept is True))

    def _floor(
        self, records: Sequence[DoneAction], top: int, promise: PromiseToPay | None
    ) -> date | None:
        """No action of this invoice before this day: pause, pending promise, snooze."""
        floors = []
        if self.invoice.paused_until is not None:
            floors.append(self.invoice.paused_until + _ONE_DAY)
        if promise is not None and promise.kept is None:
            floors.append(promise.promised_date + timedelta(days=self.grace_days + 1))
        snoozes = [
            r
            for r in records
            if r.status is HistoryStatus.SNOOZED and self._position(r.level_code) > top
        ]
        if snoozes:
            latest = max(snoozes, key=lambda r: (r.date, r.snoozed_until))
            floors.append(latest.snoozed_until)
        return max(floors, default=None)

    def _candidates(
        self, records: Sequence[DoneAction], top: int, floor: date | None
    ) -> list[_Candidate]:
        """Levels not yet done or skipped, each at its earliest date before working days."""
        last_done = self._last_done(records)
        due_levels = [
            (position, level)
            for position, level in self.levels
            if level.anchor is Anchor.DUE
            and position > top
            and not (level.days < 0 and self._raw(level) <= self.invoice.issue_date)
        ]
        first_due = self._raw(due_levels[0][1]) if due_levels else None
        issue_levels = [
            (position, level)
            for position, level in self.levels
            if level.anchor is Anchor.ISSUE
            and position > top
            and self.followed.is_first
            and (first_due is None or self._raw(level) < first_due)
            and self._is_timely(level, floor, records)
        ]
        candidates = []
        for position, level in issue_levels + due_levels:
            base = self._raw(level)
            if floor is not None:
                base = max(base, floor)
            if last_done is not None and level.anchor is Anchor.DUE:
                done_level, done_on = last_done
                base = max(base, done_on + timedelta(days=level.days - done_level.days))
            candidates.append(_Candidate(position, level, base))
        return candidates

    def _is_timely(self, level: Level, floor: date | None, records: Sequence[DoneAction]) -> bool:
        """An issue-anchored step (receipt check) only makes sense just after issue: it is planned
        on its own day, or the day it was snoozed to, never as a late catch-up."""
        raw = self._raw(level)
        if floor is not None and floor > raw:
            snoozed = (
                r.status is HistoryStatus.SNOOZED and r.level_code == level.code for r in records
            )
            if not any(snoozed):
                return False
            raw = floor
        return working_day_on_or_after(raw, self.country) >= self.today

    def _raw(self, level: Level) -> date:
        return raw_date(level, self.invoice, self.followed)

    def _last_done(self, records: Sequence[DoneAction]) -> tuple[Level, date] | None:
        done = [
            r
            for r in records
            if r.status is HistoryStatus.DONE
            and self.policy.level(r.level_code).anchor is Anchor.DUE
        ]
        if not done:
            return None
        latest = max(done, key=lambda r: (self._position(r.level_code), r.date))
        return self.policy.level(latest.level_code), latest.date

    def _first_reminder_sent(self, records: Sequence[DoneAction]) -> tuple[date, bool] | None:
        """When the free first reminder went out, and whether on paper (Belgian consumers)."""
        if self.wait is None:
            return None
        first = self._position(self.wait.first_reminder)
        sent = []
        for record in records:
            if record.status is not HistoryStatus.DONE or self._position(record.level_code) < first:
                continue
            channel = record.channel or adapted_channel(
                self.policy.level(record.level_code), self.client.preferred_channel
            )
            if record.channel is None and channel is Channel.PHONE:
                channel = Channel.LETTER  # the plan turns a first-reminder call into a letter
            if channel.is_durable:
                sent.append((record.date, channel.is_paper))
        return min(sent, default=None)

    def _schedule(
        self,
        candidates: list[_Candidate],
        floor: date | None,
        first_sent: tuple[date, bool] | None,
    ) -> list[Step]:
        """Catch up with the highest level reached, then the later levels, spaced as the policy."""
        horizon = max(self.today, floor) if floor is not None else self.today
        wait_end = None
        if self.wait is not None and first_sent is not None:
            wait_end = costs_allowed_from(self.wait, *first_sent, self.country)
        gate = self._gate(candidates, first_sent)
        if self.wait is not None and first_sent is None:
            if gate is None:
                candidates = [c for c in candidates if not c.level.bears_costs]
            else:
                candidates = [
                    c for c in candidates if not c.level.bears_costs or c.position > gate.position
                ]
        if wait_end is not None:
            for candidate in candidates:
                if candidate.level.bears_costs:
                    candidate.base = max(candidate.base, wait_end)
        reached = [
            c
            for c in candidates
            if c.base <= horizon and (gate is None or c.position <= gate.position)
        ]
        catch_up = max(reached, key=lambda c: c.position, default=None)
        if catch_up is not None:
            candidates = [c for c in candidates if c.position >= catch_up.position]
        steps: list[Step] = []
        spacing_from: tuple[Level, date] | None = None
        for candidate in candidates:
            base = candidate.base
            if spacing_from is not None and candidate.level.anchor is Anchor.DUE:
                level, on = spacing_from
                if level.anchor is Anchor.DUE:
                    base = max(base, on + timedelta(days=candidate.level.days - level.days))
            if wait_end is not None and candidate.level.bears_costs:
                base = max(base, wait_end)
            if steps:
                base = max(base, steps[-1].date + _ONE_DAY)
            step = self._step(candidate, working_day_on_or_after(base, self.country), gate)
            steps.append(step)
            if candidate is catch_up:
                spacing_from = (candidate.level, max(step.date, self.today))
            if self.wait is not None and candidate is gate:
                sent_on = max(step.date, self.today)
                wait_end = costs_allowed_from(
                    self.wait, sent_on, step.channel.is_paper, self.country
                )
        return steps

    def _gate(
        self, candidates: Sequence[_Candidate], first_sent: tuple[date, bool] | None
    ) -> _Candidate | None:
        """Belgian consumers: until a free reminder went out, the ladder stops at the next one."""
        if self.wait is None or first_sent is not None:
            return None
        first = self._position(self.wait.first_reminder)
        for candidate in candidates:
            level = candidate.level
            if candidate.position < first or level.bears_costs:
                continue
            if level.channel is not Channel.MANUAL:
                return candidate
        return None

    def _step(self, candidate: _Candidate, on: date, gate: _Candidate | None) -> Step:
        level = candidate.level
        channel = adapted_channel(level, self.client.preferred_channel)
        flags = set()
        if candidate is gate:
            flags.add(FLAG_FREE_FIRST_REMINDER)
            if not channel.is_durable:
                channel = Channel.LETTER
        if level.claims_interest:
            flags.add(FLAG_LATE_INTEREST)
        if level.claims_indemnity and self.client.client_type is ClientType.BUSINESS:
            flags.add(FLAG_RECOVERY_INDEMNITY)
        item = ActionItem(
            invoice_id=self.invoice.id,
            invoice_number=self.invoice.number,
            currency=self.invoice.currency,
            amount=self._amount(level, on),
            due_date=self.followed.due_date,
        )
        return Step(
            position=candidate.position,
            level=level,
            date=on,
            channel=channel,
            also_email=adapted_also_email(level, self.client.preferred_channel),
            item=item,
            flags=frozenset(flags),
        )

    def _amount(self, level: Level, on: date) -> Decimal:
        """The balance; under a payment plan, the instalments due by then (never more)."""
        balance = self.balance
        if not self.invoice.instalments or level.anchor is Anchor.ISSUE:
            return balance
        until = max(on, self.followed.due_date)
        due = sum(
            (p.amount for p in self.invoice.instalments if not p.paid and p.due_date <= until),
            ZERO,
        )
        return quantize(min(balance, due) if due > ZERO else balance, self.invoice.currency)


def _with_flag(step: Step, flag: str) -> Step:
    return replace(step, flags=step.flags | {flag})
