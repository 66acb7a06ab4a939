"""One client, one voice: the steps of a client's invoices gathered into contacts.

Per client, contacts go one at a time, at least the policy's `min_gap_days` after the previous
one (done, or planned before it); each contact gathers every invoice of the client that needs a
step by its day, each invoice at its own next level, and speaks with the voice of the highest of
them. A contact in the past is taken as done today: the steps after it count from today. Pre-due
steps (receipt check, courtesy) go on their own day or not at all; once a formal notice was done,
the client hears nothing softer while that invoice's ladder goes on; a contact whose amount is
under the policy's minimum waits until it grows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import partial

from app.domain.followup.inputs import (
    FLAG_FREE_FIRST_REMINDER,
    ActionItem,
    ClientState,
    DoneAction,
    HistoryStatus,
    InvoiceState,
    PlannedAction,
    PlanStatus,
    PromiseToPay,
)
from app.domain.followup.ladder import ClientShape, InvoiceLadder, Step, Track
from app.domain.followup.policy import Policy
from app.domain.followup.reach import Reach, finished
from app.domain.money import ZERO, quantize
from app.domain.workdays import working_day_on_or_after

_OVERDUE = PlanStatus.OVERDUE
_PLANNED = PlanStatus.PLANNED
_NO_FLAGS: frozenset[str] = frozenset()


@dataclass(slots=True)
class Group:
    """What one action gathers: its top step (level, channel), its invoices, its flags."""

    step: Step
    on: date
    items: list[ActionItem]
    flags: set[str]


@dataclass(slots=True)
class _Open:
    ladder: InvoiceLadder
    track: Track
    step: Step | None


@dataclass
class ClientPlan:
    """The contacts of one client, from its invoices' tracks, until `until` (or the end)."""

    client: ClientState
    policy: Policy
    today: date
    country: str
    until: date | None = None
    uncertain: bool = False  # a decision an invoice left out (reach.py) could have changed

    def actions(
        self, ladders: Sequence[tuple[InvoiceLadder, Track]], last_contact: date | None
    ) -> list[PlannedAction]:
        opened = [_Open(ladder, track, ladder.next_step(track)) for ladder, track in ladders]
        gap = timedelta(days=self.policy.min_gap_days)
        notice = self.policy.formal_notice
        result: list[PlannedAction] = []
        hold: date | None = None
        while True:
            live = [o for o in opened if o.step is not None]
            if not live:
                break
            main = [o for o in live if not o.step.pre_due]  # type: ignore[union-attr]
            pre = [o for o in live if o.step.pre_due]  # type: ignore[union-attr]
            first_main = min((o.step.date for o in main), default=None)  # type: ignore[union-attr]
            first_pre = min((o.step.date for o in pre), default=None)  # type: ignore[union-attr]
            on = None
            if first_main is not None:
                on = first_main
                if last_contact is not None:
                    on = max(on, last_contact + gap)
                if hold is not None:
                    on = max(on, hold)
                on = working_day_on_or_after(on, self.country)
            if first_pre is not None and (on is None or first_pre <= on):
                if self.until is not None and first_pre > self.until:
                    break
                if self._pre_due(pre, first_pre, first_main, last_contact, gap, result):
                    last_contact = first_pre
                continue
            assert on is not None
            if self.until is not None and on > self.until:
                break
            gathered, aside = self._gathered(main, on)
            top = max(o.step.position for o in gathered)  # type: ignore[union-attr]
            if notice is not None and top < notice and self._after_notice(opened):
                in_writing = all(self._written_only(o) for o in gathered)
                louder = [
                    o.step.date  # type: ignore[union-attr]
                    for o in main
                    if o.step.position >= notice  # type: ignore[union-attr]
                    and (o.step.channel.is_durable or not in_writing)  # type: ignore[union-attr]
                ]
                if not louder:
                    self.uncertain = True  # an invoice left out may be the louder one
                if louder and min(louder) > on:  # they wait for the next louder contact
                    hold = min(louder)
                    continue
            action = self._contact(gathered, on)
            if action is None and aside:  # the hand-over waits: the written reminder goes out
                gathered = aside
                action = self._contact(gathered, on)
            if action is None:
                later = [o.step.date for o in live if o.step.date > max(on, self.today)]  # type: ignore[union-attr]
                if not later:
                    self.uncertain = True  # an invoice left out would have set a hold
                    break
                hold = min(later)
                continue
            hold = None
            result.append(action)
            taken = max(action.date, self.today)
            for o in gathered:
                done_on = _done_on(o.step, on, self.today)  # type: ignore[arg-type]
                o.ladder.advance(o.track, o.step, done_on, action.channel)  # type: ignore[arg-type]
                o.step = o.ladder.next_step(o.track)
            last_contact = taken
        return result

    def _after_notice(self, opened: Sequence[_Open]) -> bool:
        """A formal notice went out (or is planned) for an invoice whose ladder goes on."""
        return any(o.track.notice_on is not None and o.step is not None for o in opened)

    def _gathered(self, main: Sequence[_Open], on: date) -> tuple[list[_Open], list[_Open]]:
        """Every invoice needing a step by the day the contact happens (today at the
        earliest); Belgian consumers' free reminders never share a contact that costs; what
        only counts in writing only joins a written contact (else it is set aside, second)."""
        by = max(on, self.today)
        gathered = [o for o in main if o.step.date <= by]  # type: ignore[union-attr]
        free = [o for o in gathered if FLAG_FREE_FIRST_REMINDER in o.step.flags]  # type: ignore[union-attr]
        if free:
            gathered = [o for o in gathered if not o.step.level.bears_costs]  # type: ignore[union-attr]
        top = max(gathered, key=lambda o: o.step.position)  # type: ignore[union-attr]
        aside = [o for o in gathered if self._written_only(o)]
        if aside and not top.step.channel.is_durable:  # type: ignore[union-attr]
            # a hand-over or a call leaves nothing written: the written reminder a formal
            # notice needs, a formal notice or a free first reminder would not count there,
            # and would be planned again and again
            return [o for o in gathered if not self._written_only(o)], aside
        return gathered, []

    def _written_only(self, o: _Open) -> bool:
        """A step that only counts in writing (letter or email): the written reminder a formal
        notice needs, the formal notice itself, a Belgian consumer's free first reminder."""
        step = o.step
        assert step is not None
        return (
            step.in_writing
            or step.position == self.policy.formal_notice
            or FLAG_FREE_FIRST_REMINDER in step.flags
        )

    def _pre_due(
        self,
        pre: Sequence[_Open],
        on: date,
        first_main: date | None,
        last_contact: date | None,
        gap: timedelta,
        result: list[PlannedAction],
    ) -> bool:
        """Pre-due steps of that day go out then, unless another contact falls within the gap
        of it: then they are dropped, never postponed."""
        same = [o for o in pre if o.step.date == on]  # type: ignore[union-attr]
        crowded = (last_contact is not None and on < last_contact + gap) or (
            first_main is not None and first_main < on + gap
        )
        for o in same:  # its own next step, as if it went out
            if crowded:
                break
            track = replace(o.track)
            o.ladder.advance(track, o.step, _done_on(o.step, on, self.today))  # type: ignore[arg-type]
            following = o.ladder.next_step(track)
            crowded = following is not None and following.date < on + gap
        action = None if crowded else self._contact(same, on)
        if action is not None:
            result.append(action)
        for o in same:
            if action is not None:
                o.ladder.advance(o.track, o.step, _done_on(o.step, on, self.today))  # type: ignore[arg-type]
            else:
                o.ladder.skip_pre_due(o.track, o.step)  # type: ignore[arg-type]
            o.step = o.ladder.next_step(o.track)
        return action is not None

    def _contact(self, gathered: Sequence[_Open], on: date) -> PlannedAction | None:
        steps = [o.step for o in gathered if o.step is not None]
        top = max(steps, key=lambda step: step.position)
        flags: set[str] = set()
        for step in steps:
            flags |= step.flags
        if on < self.today:  # a catch-up: dated on the last day one of them was due
            on = max(on, *(step.date for step in steps))
        group = Group(top, on, [step.item for step in steps], flags)
        return grouped_action(self.client, group, self.today, self.policy.min_amount)


def client_plan(
    client: ClientState,
    policy: Policy,
    invoices: Sequence[InvoiceState],
    *,
    today: date,
    country: str,
    grace_days: int,
    until: date | None,
    history: Mapping[int, Sequence[DoneAction]],
    promises: Sequence[PromiseToPay],
    trim: bool = True,
) -> list[PlannedAction]:
    """The contacts of one client for its followed invoices (in a fixed order).

    With `until` (and `trim`), the invoices that cannot need a step before it plus the
    client's gap are left out of the ladder walk (reach.earliest_step); when one of them could
    have changed a decision, the client is planned again with all of them: the same actions.
    """
    ordered = sorted(invoices, key=lambda i: (i.due_date, i.number, i.id))
    last_contact: date | None = None
    for invoice in ordered:
        for record in history.get(invoice.id, ()):
            if record.status is HistoryStatus.DONE and (
                last_contact is None or record.date > last_contact
            ):
                last_contact = record.date
    shape = ClientShape.of(client, policy, country)
    walk = partial(_ladders, client, policy, today, country, grace_days, history, promises, shape)
    if not trim:
        actions = ClientPlan(client, policy, today, country, until).actions(
            walk(ordered), last_contact
        )
        return [action for action in actions if until is None or action.date <= until]
    gap = timedelta(days=policy.min_gap_days)
    if until is not None and last_contact is not None and last_contact + gap > until:
        # One client, one voice: every contact waits for the gap after the last one (a
        # receipt check or courtesy reminder within it is dropped): none by `until`.
        return []
    last = policy.levels[-1].code
    walked = [i for i in ordered if not finished(i, history.get(i.id, ()), last)]
    if until is not None:
        horizon = max(until, today) + timedelta(days=policy.min_gap_days)
        reach = Reach(client, policy, today=today, country=country)
        walked = [
            invoice
            for invoice in walked
            if (earliest := reach.earliest_step(invoice, history.get(invoice.id, ()))) is None
            or earliest <= horizon
        ]
    planner = ClientPlan(client, policy, today, country, until)
    actions = planner.actions(walk(walked), last_contact)
    if planner.uncertain and until is not None and len(walked) < len(ordered):
        planner = ClientPlan(client, policy, today, country, until)
        actions = planner.actions(walk(ordered), last_contact)
    if until is not None:  # a step due by `until` but caught up today, after it, is not asked
        actions = [action for action in actions if action.date <= until]
    return actions


def _ladders(
    client: ClientState,
    policy: Policy,
    today: date,
    country: str,
    grace_days: int,
    history: Mapping[int, Sequence[DoneAction]],
    promises: Sequence[PromiseToPay],
    shape: ClientShape,
    invoices: Sequence[InvoiceState],
) -> list[tuple[InvoiceLadder, Track]]:
    ladders = []
    for invoice in invoices:
        ladder = InvoiceLadder(
            invoice,
            client,
            policy,
            today=today,
            country=country,
            grace_days=grace_days,
            shape=shape,
        )
        ladders.append((ladder, ladder.track(history.get(invoice.id, ()), promises)))
    return ladders


def _done_on(step: Step, on: date, today: date) -> date:
    """The day a planned step counts as done for the next gap: its own day (before the move to
    a working day) when it goes out then, the contact's day when the client's gap delayed it,
    today when it is overdue."""
    if on > step.date or step.base is None:
        return max(on, today)
    return max(step.base, today)


def _item_order(item: ActionItem) -> tuple:  # type: ignore[type-arg]
    return (item.due_date, item.invoice_number, item.invoice_id)


def grouped_action(
    client: ClientState, group: Group, today: date, min_amount: Decimal = ZERO
) -> PlannedAction | None:
    """One email, letter or call for the client's invoices of the group; None when what is
    owed after the client's unapplied credit stays under min_amount in every currency."""
    first = group.step
    level = first.level
    items = sorted((item for item in group.items if item.amount > ZERO), key=_item_order)
    if not items:
        return None
    totals: dict[str, Decimal] = {}
    for item in items:
        totals[item.currency] = totals.get(item.currency, ZERO) + item.amount
    amounts: dict[str, Decimal] = {}
    credit: dict[str, Decimal] = {}
    fees: dict[str, Decimal] = {}
    credits = client.unapplied_credit
    fee = None if level.fee.is_free else level.fee
    owed = False
    for currency in sorted(totals):
        net = totals[currency]  # a sum of amounts already rounded to the currency
        available = credits.get(currency) if credits else None
        if available is not None and available > ZERO:
            deducted = min(available, net)
            net = quantize(net - deducted, currency)
            if deducted > ZERO:
                credit[currency] = quantize(deducted, currency)
        amounts[currency] = net
        if net > ZERO and net >= min_amount:
            owed = True
        if net > ZERO and fee is not None:
            fees[currency] = fee.amount(net, currency)
    if not owed:
        return None
    return PlannedAction(
        group.on,
        client.id,
        client.code,
        level.code,
        first.position,
        first.channel,
        first.also_email,
        level.template,
        tuple(items),
        amounts,
        credit,
        fees,
        _OVERDUE if group.on < today else _PLANNED,
        level.needs_confirmation,
        frozenset(group.flags) if group.flags else _NO_FLAGS,
        level.attach_statement,
    )
