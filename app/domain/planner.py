"""The follow-up plan: every action still to take, grouped per client, level and day.

Deterministic and pure: the same inputs give the same plan whatever their order, and the plan
is recomputed from scratch after every change; only the history (done, skipped, snoozed) is kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal

from app.domain.dunning import (
    Anchor,
    ClientType,
    Policy,
    consumer_policy,
    default_policy,
)
from app.domain.errors import NotFound
from app.domain.ladder import InvoiceLadder, Step, followed_due, is_dunnable
from app.domain.money import ZERO, quantize
from app.domain.planner_inputs import (
    ClientState,
    CompanySettings,
    DoneAction,
    InvoiceState,
    PlannedAction,
    PlanStatus,
    PromiseToPay,
)

__all__ = ["due_on", "level_action", "levels_reached", "plan", "policy_for"]


def policy_for(client: ClientState, settings: CompanySettings) -> Policy:
    """The client's own policy when it names a known one, else the default for its type.

    Consumers get the consumer policy, the Belgian one when the company or the client is in
    Belgium (CDE XIX protects them); an unknown override falls back to these defaults.
    """
    if client.policy_code and client.policy_code in settings.policies:
        return settings.policies[client.policy_code]
    if client.client_type is ClientType.CONSUMER:
        if settings.consumer_policy is not None:
            return settings.consumer_policy
        belgian = "BE" in (settings.country.upper(), client.country.upper())
        return consumer_policy("BE" if belgian else "FR")
    if settings.default_policy is not None:
        return settings.default_policy
    return default_policy(settings.admin_fee if settings.admin_fee_enabled else None)


def plan(
    invoices: Iterable[InvoiceState],
    clients: Iterable[ClientState],
    today: date,
    settings: CompanySettings | None = None,
    *,
    promises: Iterable[PromiseToPay] = (),
    history: Iterable[DoneAction] = (),
) -> list[PlannedAction]:
    """Every action still to take, sorted by date, client code, level, invoices.

    An action dated before today is overdue (not done yet); done, skipped and snoozed actions
    are never planned again. Raises NotFound when an invoice's client is not given.
    """
    settings = settings or CompanySettings()
    clients_by_id = {client.id: client for client in clients}
    history = list(history)
    promises = list(promises)
    by_invoice: dict[int, list[DoneAction]] = defaultdict(list)
    for record in history:
        for invoice_id in record.invoice_ids:
            by_invoice[invoice_id].append(record)
    promises_by_client: dict[int, list[PromiseToPay]] = defaultdict(list)
    for promise in promises:
        promises_by_client[promise.client_id].append(promise)
    policies: dict[int, Policy] = {}
    groups: dict[tuple, list[Step]] = defaultdict(list)
    for invoice in invoices:
        client = clients_by_id.get(invoice.client_id)
        if client is None:
            raise NotFound(f"client {invoice.client_id}")
        if client.id not in policies:
            policies[client.id] = policy_for(client, settings)
        ladder = InvoiceLadder(
            invoice,
            client,
            policies[client.id],
            today=today,
            country=settings.country,
            grace_days=settings.promise_grace_days,
        )
        for step in ladder.steps(by_invoice.get(invoice.id, ()), promises_by_client[client.id]):
            key = (step.date, client.id, step.level.code, step.channel, step.also_email)
            groups[key].append(step)
    actions = [
        action
        for (_, client_id, _, _, _), steps in groups.items()
        if (action := _action(clients_by_id[client_id], steps, today)) is not None
    ]
    return sorted(actions, key=_order)


def _order(action: PlannedAction) -> tuple:
    return (
        action.date,
        action.client_code,
        action.client_id,
        action.level_position,
        action.invoice_numbers,
        action.channel.value,
    )


def _action(client: ClientState, steps: Sequence[Step], today: date) -> PlannedAction | None:
    """One email, letter or call for the client's invoices at this level on this day."""
    first = steps[0]
    items = tuple(
        sorted(
            (step.item for step in steps),
            key=lambda item: (item.due_date, item.invoice_number, item.invoice_id),
        )
    )
    totals: dict[str, Decimal] = {}
    for item in items:
        totals[item.currency] = totals.get(item.currency, ZERO) + item.amount
    amounts, credit, fees = {}, {}, {}
    for currency in sorted(totals):
        total = totals[currency]
        available = max(client.unapplied_credit.get(currency, ZERO), ZERO)
        deducted = min(available, total)
        net = quantize(total - deducted, currency)
        amounts[currency] = net
        if deducted > ZERO:
            credit[currency] = quantize(deducted, currency)
        if not first.level.fee.is_free and net > ZERO:
            fees[currency] = first.level.fee.amount(net, currency)
    if all(amount <= ZERO for amount in amounts.values()):
        return None
    flags = frozenset().union(*(step.flags for step in steps))
    return PlannedAction(
        date=first.date,
        client_id=client.id,
        client_code=client.code,
        level_code=first.level.code,
        level_position=first.position,
        channel=first.channel,
        also_email=first.also_email,
        template=first.level.template,
        items=items,
        amounts=amounts,
        credit=credit,
        fees=fees,
        status=PlanStatus.OVERDUE if first.date < today else PlanStatus.PLANNED,
        needs_confirmation=first.level.needs_confirmation,
        flags=flags,
    )


def due_on(
    actions: Iterable[PlannedAction],
    on: date,
    level_code: str | None = None,
    *,
    include_overdue: bool = False,
) -> list[PlannedAction]:
    """The actions dated on that day (and, if asked, those still overdue from before it)."""
    return [
        action
        for action in actions
        if (action.date == on or (include_overdue and action.date < on))
        and (level_code is None or action.level_code == level_code)
    ]


def levels_reached(
    invoice: InvoiceState,
    as_of: date,
    policy: Policy,
    client: ClientState | None = None,
) -> tuple[str, ...]:
    """Codes of the levels whose day (anchor + days, calendar) is on or before as_of.

    Whether or not earlier levels were done: `relance letters --level` sends that level to
    every invoice past its day. Nothing for invoices that are never followed up (paid,
    disputed, written off, paused through as_of, blocked client).
    """
    if not is_dunnable(invoice, client):
        return ()
    if invoice.paused_until is not None and invoice.paused_until >= as_of:
        return ()
    followed = followed_due(invoice)
    reached = []
    for level in policy.levels:
        if client is not None and not level.applies_to.includes(client.client_type):
            continue
        anchor = invoice.issue_date if level.anchor is Anchor.ISSUE else followed.due_date
        if anchor + timedelta(days=level.days) <= as_of:
            reached.append(level.code)
    return tuple(reached)


def level_action(
    invoices: Iterable[InvoiceState],
    client: ClientState,
    level_code: str,
    as_of: date,
    settings: CompanySettings | None = None,
) -> PlannedAction | None:
    """One action of that level for the client's invoices past its day on as_of, whether or
    not earlier levels were done (`relance letters --level`); None when none is past it."""
    settings = settings or CompanySettings()
    policy = policy_for(client, settings)
    steps = [
        InvoiceLadder(
            invoice, client, policy, today=as_of, country=settings.country,
            grace_days=settings.promise_grace_days,
        ).step_for(level_code, as_of)
        for invoice in invoices
        if invoice.client_id == client.id
        and level_code in levels_reached(invoice, as_of, policy, client)
    ]
    return _action(client, steps, as_of) if steps else None
