"""One invoice's way up the ladder, one step at a time: where it stands after its history (the
Track), its next step and the day it is due, and where it stands once that step is done."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from datetime import date as Date
from decimal import Decimal

from app.domain.followup.days import (
    costs_allowed_from,
    followed_due,
    raw_date,
    statutory_wait,
)
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
    FORMAL_NOTICE_DEADLINE_DAYS,
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
from app.domain.workdays import working_day_on_or_after

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Step:
    """One level planned for one invoice, before grouping by client; pre_due: a receipt check
    or courtesy reminder, only ever sent on its own day; in_writing: the written reminder a
    formal notice needs, sent again: it only counts (and only goes out) in a written contact."""

    position: int
    level: Level
    date: date
    channel: Channel
    also_email: bool
    item: ActionItem
    flags: frozenset[str]
    pre_due: bool = False
    base: Date | None = None  # its day before moving to a working day: the next gap counts from it
    in_writing: bool = False


@dataclass
class Track:
    """Where one invoice stands on its ladder (from its history, then as the plan goes on).

    consumed: the highest level done or skipped (-1: none); last_done: the highest level done
    and its day (the gaps count from it); written: a letter or email reminder was done;
    notice_on: the day the formal notice was done; first_sent: the Belgian free reminder's
    day and whether on paper; forced: an escalation (level, day); floor: no step before it.
    """

    consumed: int = -1
    last_done: tuple[Level, date] | None = None
    written: bool = False
    notice_on: date | None = None
    first_sent: tuple[date, bool] | None = None
    forced: tuple[int, date] | None = None
    floor: date | None = None
    snoozed: frozenset[int] = frozenset()
    broken_promise: bool = False


@dataclass(frozen=True)
class ClientShape:
    """What every ladder of one client shares: the levels that apply to it, the statutory
    wait (Belgian consumers) and its first reminder's position; computed once per client."""

    applies: list[bool]
    wait: FreeReminderWait | None
    wait_first: int | None

    @classmethod
    def of(cls, client: ClientState, policy: Policy, country: str) -> ClientShape:
        wait = statutory_wait(policy, client, country)
        return cls(
            [level.applies_to.includes(client.client_type) for level in policy.levels],
            wait,
            policy.position(wait.first_reminder) if wait else None,
        )


class InvoiceLadder:
    """The steps of one invoice from its state, its history and today's date."""

    def __init__(
        self,
        invoice: InvoiceState,
        client: ClientState,
        policy: Policy,
        *,
        today: date,
        country: str,
        grace_days: int,
        shape: ClientShape | None = None,
    ) -> None:
        self.invoice = invoice
        self.client = client
        self.policy = policy
        self.today = today
        self.country = country
        self.grace_days = grace_days
        self.followed = followed_due(invoice)
        shape = shape or ClientShape.of(client, policy, country)
        self.applies = shape.applies
        self.wait = shape.wait
        self.wait_first = shape.wait_first
        self.first = policy.first_reminder
        self.notice = policy.formal_notice
        self.balance = quantize(invoice.balance, invoice.currency)

    # -- where the invoice stands -------------------------------------------------------
    def track(self, history: Iterable[DoneAction], promises: Iterable[PromiseToPay]) -> Track:
        records = self._matching(history) if history else []
        track = Track()
        position_of = self.policy.position
        for record in sorted(records, key=lambda r: (r.date, position_of(r.level_code))):
            position = position_of(record.level_code)
            level = self.policy.levels[position]
            if record.status is HistoryStatus.SKIPPED:
                track.consumed = max(track.consumed, position)
            elif record.status is HistoryStatus.DONE:
                self._done(track, position, record.date, self._channel_of(record, level))
        escalations = [
            r
            for r in records
            if r.status is HistoryStatus.ESCALATED and self._position(r.level_code) > track.consumed
        ]
        if escalations:
            latest = max(escalations, key=lambda r: (r.date, self._position(r.level_code)))
            track.forced = (self._position(latest.level_code), latest.date)
        floors = []
        if self.invoice.paused_until is not None:
            floors.append(self.invoice.paused_until + _ONE_DAY)
        promise = self._promise(promises)
        if promise is not None and promise.kept is None:
            floors.append(promise.promised_date + timedelta(days=self.grace_days + 1))
        snoozes = [
            r
            for r in records
            if r.status is HistoryStatus.SNOOZED and self._position(r.level_code) > track.consumed
        ]
        if snoozes:
            latest = max(snoozes, key=lambda r: (r.date, r.snoozed_until))
            floors.append(latest.snoozed_until)  # type: ignore[arg-type]
            track.snoozed = frozenset(self._position(r.level_code) for r in snoozes)
        track.floor = max(floors, default=None)
        if promise is not None and promise.kept is not True:
            since = promise.promised_date
            track.broken_promise = not any(
                r.status is HistoryStatus.DONE and r.date > since for r in records
            )
        return track

    def _channel_of(self, record: DoneAction, level: Level) -> Channel:
        return record.channel or adapted_channel(level, self.client.preferred_channel)

    def _done(self, track: Track, position: int, on: date, channel: Channel) -> None:
        level = self.policy.levels[position]
        track.consumed = max(track.consumed, position)
        paces = self.first is None or position >= self.first  # pre-due steps set no pace
        if (
            paces
            and level.anchor is Anchor.DUE
            and (track.last_done is None or self._position(track.last_done[0].code) <= position)
        ):
            track.last_done = (level, on)
        if channel in (Channel.EMAIL, Channel.LETTER, Channel.FORMAL_NOTICE) and (
            self.first is None or position >= self.first
        ):
            track.written = True
        if level.channel is Channel.FORMAL_NOTICE and channel.is_durable:
            track.notice_on = on  # a call or a manual task is no formal notice
        if (
            self.wait_first is not None
            and track.first_sent is None
            and position >= self.wait_first
            and channel.is_durable
        ):
            track.first_sent = (on, channel.is_paper)

    def advance(self, track: Track, step: Step, on: date, channel: Channel | None = None) -> None:
        """The step is (taken as) done on that day, by the contact's channel (its own when
        none is given): the track moves on from it."""
        self._done(track, step.position, on, channel or step.channel)
        track.forced = None

    # -- the next step ------------------------------------------------------------------
    def next_step(self, track: Track) -> Step | None:
        """The one step this invoice needs next, on its working day; None at the ladder's end."""
        if track.forced is not None:
            forced_at, on = track.forced
            base = max(on, track.floor) if track.floor is not None else on
            return self._step(forced_at, base, track)
        position = self._next_position(track)
        if position is None:
            return None
        if self.first is not None and position < self.first:
            return self._pre_due(position, track)
        position, in_writing = self._required(position, track)
        level = self.policy.levels[position]
        base = self._raw(level)
        if track.last_done is not None and level.anchor is Anchor.DUE:
            done_level, done_on = track.last_done
            base = max(base, done_on + timedelta(days=level.days - done_level.days))
        if track.floor is not None:
            base = max(base, track.floor)
        if self.policy.is_hand_over(position) and track.notice_on is not None:
            base = max(base, track.notice_on + timedelta(days=FORMAL_NOTICE_DEADLINE_DAYS + 1))
        if self.wait is not None and level.bears_costs and track.first_sent is not None:
            base = max(base, costs_allowed_from(self.wait, *track.first_sent, self.country))
        step = self._step(position, base, track)
        return replace(step, in_writing=True) if in_writing else step

    def skip_pre_due(self, track: Track, step: Step) -> None:
        """A pre-due step that cannot go out on its own day is dropped (consumed, not done)."""
        track.consumed = max(track.consumed, step.position)

    def _next_position(self, track: Track) -> int | None:
        for position in range(track.consumed + 1, len(self.policy.levels)):
            if not self.applies[position]:
                continue
            if (
                self.first is not None
                and position < self.first
                and not self._timely(position, track)
            ):
                continue
            return position
        return None

    def _timely(self, position: int, track: Track) -> bool:
        """A receipt check or courtesy reminder is planned on its own day (or the day it was
        snoozed to), never as a late catch-up, and only where it makes sense."""
        level = self.policy.levels[position]
        raw = self._raw(level)
        if level.anchor is Anchor.ISSUE:
            if not self.followed.is_first:
                return False
            if self.first is not None and raw >= self._raw(self.policy.levels[self.first]):
                return False
        elif level.days < 0 and raw <= self.invoice.issue_date:
            return False
        if track.floor is not None and track.floor > raw:
            if position not in track.snoozed:
                return False
            raw = track.floor
        if track.last_done is not None and raw <= track.last_done[1]:
            return False
        return working_day_on_or_after(raw, self.country) >= self.today

    def _pre_due(self, position: int, track: Track) -> Step:
        raw = self._raw(self.policy.levels[position])
        if track.floor is not None and track.floor > raw:
            raw = track.floor
        return replace(self._step(position, raw, track), pre_due=True)

    def _required(self, position: int, track: Track) -> tuple[int, bool]:
        """What a step needs first: a hand-over a formal notice done, a formal notice a
        written reminder done, a cost (Belgian consumers) the free written reminder; and
        whether it is the written reminder a formal notice needs (sent again in writing)."""
        in_writing = False
        if self.policy.is_hand_over(position) and track.notice_on is None:
            position = self.notice  # type: ignore[assignment]
        if position == self.notice and not track.written:
            resent = self._last_written_before(position, track)
            in_writing = resent != position
            position = resent
        level = self.policy.levels[position]
        if self.wait is not None and track.first_sent is None and level.bears_costs:
            position = self._free_before(position)
        return position, in_writing

    def _last_written_before(self, position: int, track: Track) -> int:
        first = self.first if self.first is not None else 0
        for candidate in range(position - 1, first - 1, -1):
            level = self.policy.levels[candidate]
            if not self.applies[candidate] or level.channel is Channel.MANUAL:
                continue
            if adapted_channel(level, self.client.preferred_channel).is_durable:
                return candidate
        return position

    def _free_before(self, position: int) -> int:
        first = self.wait_first if self.wait_first is not None else 0
        free = [
            candidate
            for candidate in range(first, len(self.policy.levels))
            if self.applies[candidate]
            and not self.policy.levels[candidate].bears_costs
            and self.policy.levels[candidate].channel is not Channel.MANUAL
        ]
        before = [candidate for candidate in free if candidate < position]
        if before:
            return before[-1]
        return free[0] if free else position

    def step_for(self, code: str, on: date) -> Step:
        """That level on that day, whatever was done before (`relance letters --level`)."""
        return self._step(self._position(code), on, None, shift=False)

    def _position(self, code: str) -> int:
        return self.policy.position(code)

    def _matching(self, history: Iterable[DoneAction]) -> list[DoneAction]:
        """This invoice's records of the policy's levels, for the instalment followed."""
        records = []
        for record in history:
            if self.invoice.id not in record.invoice_set:
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

    def _raw(self, level: Level) -> date:
        return raw_date(level, self.invoice, self.followed)

    def _step(self, position: int, base: date, track: Track | None, shift: bool = True) -> Step:
        level = self.policy.levels[position]
        on = working_day_on_or_after(base, self.country) if shift else base
        channel = adapted_channel(level, self.client.preferred_channel)
        flags = set()
        gate = (
            track is not None
            and self.wait_first is not None
            and track.first_sent is None
            and position >= self.wait_first
            and not level.bears_costs
            and level.channel is not Channel.MANUAL
        )
        if gate:
            flags.add(FLAG_FREE_FIRST_REMINDER)
            if not channel.is_durable:
                channel = Channel.LETTER
        if position == self.notice and track is not None and not channel.is_durable:
            channel = Channel.FORMAL_NOTICE
        if level.claims_interest:
            flags.add(FLAG_LATE_INTEREST)
        if level.claims_indemnity and self.client.client_type is ClientType.BUSINESS:
            flags.add(FLAG_RECOVERY_INDEMNITY)
        if track is not None and track.broken_promise:
            flags.add(FLAG_BROKEN_PROMISE)
        item = ActionItem(
            invoice_id=self.invoice.id,
            invoice_number=self.invoice.number,
            currency=self.invoice.currency,
            amount=self._amount(level, on),
            due_date=self.followed.due_date,
            level_code=level.code,
        )
        return Step(
            position=position,
            level=level,
            date=on,
            channel=channel,
            also_email=adapted_also_email(level, self.client.preferred_channel),
            item=item,
            flags=frozenset(flags),
            base=base,
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
