"""Steps of many invoices gathered into actions: one per client, level and day, and for what is
due by today (the catch-up) one per client at the highest level reached, whatever day each
invoice reached its level: dated on the latest of those days (never inside an invoice's pause).

Most open invoices have no history, promise, pause or payment plan: their ladder only depends on
the client's policy, type, channel and country and on the invoice's two dates, so it is computed
once per such shape and shared (a dossier of a million invoices has a few thousand shapes).
Invoices with a history or a promise share theirs too when the history's levels, days and
outcomes and the promises' days are also the same (a batch done together, a year of reminders).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from app.domain.errors import NotFound
from app.domain.followup.inputs import (
    FLAG_BROKEN_PROMISE,
    ActionItem,
    ClientState,
    DoneAction,
    InvoiceState,
    PlannedAction,
    PlanStatus,
    PromiseToPay,
)
from app.domain.followup.ladder import InvoiceLadder, Step, is_dunnable, statutory_wait
from app.domain.followup.policy import Policy, adapted_also_email, adapted_channel
from app.domain.money import ZERO, quantize

_TEMPLATE_BALANCE = Decimal(1)
_OVERDUE = PlanStatus.OVERDUE
_PLANNED = PlanStatus.PLANNED
_NO_FLAGS: frozenset[str] = frozenset()


@dataclass(slots=True)
class Group:
    """What one action gathers: its first step (level, channel), its invoices, its flags."""

    step: Step
    on: date
    items: list[ActionItem] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)


@dataclass
class Gatherer:
    """Feeds invoices through their ladders and gathers the steps into groups."""

    clients: Mapping[int, ClientState]
    policies: Mapping[int, Policy]
    today: date
    country: str
    grace_days: int
    until: date | None = None
    history: Mapping[int, Sequence[DoneAction]] = field(default_factory=dict)
    promises: Mapping[int, Sequence[PromiseToPay]] = field(default_factory=dict)
    shared: bool = True  # False: each invoice with a history or a promise has its own ladder
    groups: dict[tuple, Group] = field(default_factory=dict)  # type: ignore[type-arg]
    _templates: dict[tuple, list[Step]] = field(default_factory=dict)  # type: ignore[type-arg]
    _neutral: dict[tuple, list[Step]] = field(default_factory=dict)  # type: ignore[type-arg]
    _followed: dict[tuple, list[Step]] = field(default_factory=dict)  # type: ignore[type-arg]

    def add_all(self, invoices: Iterable[InvoiceState]) -> None:
        for invoice in invoices:
            self.add(invoice)

    def add(self, invoice: InvoiceState) -> None:
        client = self.clients.get(invoice.client_id)
        if client is None:
            raise NotFound(f"client {invoice.client_id}")
        if not is_dunnable(invoice, client):
            return
        records = self.history.get(invoice.id)
        promises = self.promises.get(client.id)
        own = invoice.paused_until is not None or invoice.instalments
        if own or (not self.shared and (records or promises)):
            ladder = self._ladder(invoice, client)
            for step in ladder.steps(records or (), promises or ()):
                self._put(client.id, step, step.item, step.flags)
            return
        if promises:
            promises = [promise for promise in promises if promise.covers(invoice)]
        if records or promises:
            steps = self._followed_steps(invoice, client, records or (), promises or ())
        else:
            steps = self._template(invoice, client)
        item = ActionItem(
            invoice.id,
            invoice.number,
            invoice.currency,
            quantize(invoice.balance, invoice.currency),
            invoice.due_date,
        )
        for step in steps:  # in date order
            if not self._put(client.id, step, item, step.flags):
                break

    def _ladder(self, invoice: InvoiceState, client: ClientState) -> InvoiceLadder:
        return InvoiceLadder(
            invoice,
            client,
            self.policies[client.id],
            today=self.today,
            country=self.country,
            grace_days=self.grace_days,
        )

    def _template(self, invoice: InvoiceState, client: ClientState) -> list[Step]:
        """The steps every plain invoice of that shape gets (their items are replaced)."""
        policy = self.policies[client.id]
        key = (
            id(policy),
            client.client_type,
            client.preferred_channel,
            client.country,
            invoice.issue_date,
            invoice.due_date,
        )
        steps = self._templates.get(key)
        if steps is None:
            steps = self._templates[key] = self._shape(policy, client, invoice)
        return steps

    def _followed_steps(
        self,
        invoice: InvoiceState,
        client: ClientState,
        records: Sequence[DoneAction],
        promises: Sequence[PromiseToPay],
    ) -> list[Step]:
        """The steps of an invoice with a history or promises (all of them about it), shared
        by the invoices of the same shape, history and promises (their items are replaced): the
        ladder reads nothing else of them, without a pause or a payment plan."""
        key = (
            id(self.policies[client.id]),
            client.client_type,
            client.preferred_channel,
            client.country,
            invoice.issue_date,
            invoice.due_date,
            tuple(
                [
                    (
                        record.level_code,
                        record.date,
                        record.status,
                        record.snoozed_until,
                        record.channel,
                        record.instalment_due,
                    )
                    for record in records
                ]
            ),
            tuple([(promise.promised_date, promise.kept) for promise in promises]),
        )
        steps = self._followed.get(key)
        if steps is None:
            shape = InvoiceState(
                0, "", 0, invoice.issue_date, invoice.due_date, invoice.currency, _TEMPLATE_BALANCE
            )
            steps = self._followed[key] = self._ladder(shape, client).steps(
                [replace(record, invoice_ids=(0,)) for record in records],
                [replace(promise, client_id=0, invoice_ids=()) for promise in promises],
            )
        return steps

    def _shape(self, policy: Policy, client: ClientState, invoice: InvoiceState) -> list[Step]:
        """Without a statutory wait the dates do not depend on the client's channel or country:
        the ladder runs once per policy, type and dates, and the channels are adapted after."""
        shape = InvoiceState(
            0,
            "",
            client.id,
            invoice.issue_date,
            invoice.due_date,
            invoice.currency,
            _TEMPLATE_BALANCE,
        )
        if statutory_wait(policy, client, self.country) is not None:
            return self._ladder(shape, client).steps((), ())
        key = (id(policy), client.client_type, invoice.issue_date, invoice.due_date)
        neutral = self._neutral.get(key)
        if neutral is None:
            plain = replace(client, preferred_channel=None, country="")
            neutral = self._neutral[key] = self._ladder(shape, plain).steps((), ())
        preferred = client.preferred_channel
        if preferred is None:
            return neutral
        return [
            replace(
                step,
                channel=adapted_channel(step.level, preferred),
                also_email=adapted_also_email(step.level, preferred),
            )
            for step in neutral
        ]

    def _put(self, client_id: int, step: Step, item: ActionItem, flags: frozenset[str]) -> bool:
        """Files the step in its group; False when it falls after `until` (so do the next)."""
        on = step.date
        if on <= self.today:  # the catch-up: one reminder per client and level
            key: tuple = (None, client_id, step.position, step.channel, step.also_email)  # type: ignore[type-arg]
        elif self.until is not None and on > self.until:
            return False
        else:
            key = (on, client_id, step.position, step.channel, step.also_email)
        group = self.groups.get(key)
        if group is None:
            group = self.groups[key] = Group(step, on)
        elif on > group.on:
            group.on = on
        group.items.append(item)
        if flags:
            group.flags.update(flags)
        return True

    def one_reminder_per_client_and_day(self) -> None:
        """Per client and day (the catch-up counting as today) only the highest level is due:
        its invoices overdue at a lower level that day join that reminder and then go up the
        ladder with its invoices; a courtesy reminder not yet overdue is dropped. Not for clients
        under a statutory wait (Belgian consumers): no cost before each debt's free reminder."""
        by_client: dict[int, list[tuple]] = {}  # type: ignore[type-arg]
        for key in self.groups:
            by_client.setdefault(key[1], []).append(key)
        for client_id, keys in by_client.items():
            days: dict[date | None, list[tuple]] = {}  # type: ignore[type-arg]
            for key in keys:
                days.setdefault(key[0], []).append(key)
            if all(len(same) < 2 for same in days.values()):
                continue
            if statutory_wait(self.policies[client_id], self.clients[client_id], self.country):
                continue
            for day in sorted(days, key=lambda d: d or self.today):
                same = [key for key in days[day] if key in self.groups]
                if len(same) > 1:
                    self._gather(same, self.today if day is None else day, keys)

    def _gather(self, same: list[tuple], on: date, client_keys: list[tuple]) -> None:  # type: ignore[type-arg]
        top_key = max(same, key=lambda key: key[2])
        top = self.groups[top_key]
        lead = top.items[0].invoice_id
        joined: list[ActionItem] = []
        for key in same:
            if key[2] >= top_key[2]:
                continue
            group = self.groups.pop(key)
            late = [item for item in group.items if item.due_date < on]
            if late:
                top.items.extend(late)
                top.on = max(top.on, group.on)
                top.flags.update(group.flags & {FLAG_BROKEN_PROMISE})
                joined.extend(late)
        if not joined:
            return
        ids = {item.invoice_id for item in joined}
        for key in client_keys:  # after that day, they follow the lead's ladder
            group = self.groups.get(key)
            if group is None or key[0] is None or key[0] <= on:
                continue
            items = [item for item in group.items if item.invoice_id not in ids]
            if any(item.invoice_id == lead for item in items):
                items += joined
            if items:
                group.items = items
            else:
                del self.groups[key]

    def actions(self) -> list[PlannedAction]:
        self.one_reminder_per_client_and_day()
        result = []
        for (_on, client_id, *_rest), group in self.groups.items():
            action = grouped_action(self.clients[client_id], group, self.today)
            if action is not None:
                result.append(action)
        return result


def _item_order(item: ActionItem) -> tuple:  # type: ignore[type-arg]
    return (item.due_date, item.invoice_number, item.invoice_id)


def grouped_action(client: ClientState, group: Group, today: date) -> PlannedAction | None:
    """One email, letter or call for the client's invoices of the group; None when the client's
    unapplied credit covers them all."""
    first = group.step
    level = first.level
    items = group.items
    if len(items) > 1:
        items = sorted((item for item in items if item.amount > ZERO), key=_item_order)
        if not items:
            return None
        totals: dict[str, Decimal] = {}
        for item in items:
            totals[item.currency] = totals.get(item.currency, ZERO) + item.amount
    else:
        totals = {items[0].currency: items[0].amount}
    amounts: dict[str, Decimal] = {}
    credit: dict[str, Decimal] = {}
    fees: dict[str, Decimal] = {}
    credits = client.unapplied_credit
    fee = None if level.fee.is_free else level.fee
    owed = False
    for currency in sorted(totals) if len(totals) > 1 else totals:
        net = totals[currency]  # a sum of amounts already rounded to the currency
        available = credits.get(currency) if credits else None
        if available is not None and available > ZERO:
            deducted = min(available, net)
            net = quantize(net - deducted, currency)
            if deducted > ZERO:
                credit[currency] = quantize(deducted, currency)
        amounts[currency] = net
        if net > ZERO:
            owed = True
            if fee is not None:
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
    )
