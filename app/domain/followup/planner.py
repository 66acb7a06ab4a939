"""The follow-up plan: every action still to take, grouped per client, level and day.

Deterministic and pure: the same inputs give the same plan whatever their order, and the plan
is recomputed from scratch after every change; only the history (done, skipped, snoozed) is kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from app.domain.errors import NotFound
from app.domain.followup.days import followed_due, is_dunnable
from app.domain.followup.grouping import Group, client_plan, grouped_action
from app.domain.followup.inputs import (
    ClientState,
    CompanySettings,
    DoneAction,
    InvoiceState,
    PlannedAction,
    PromiseToPay,
)
from app.domain.followup.ladder import InvoiceLadder, Step
from app.domain.followup.policy import (
    Anchor,
    ClientType,
    Policy,
    consumer_policy,
    default_policy,
)

__all__ = ["due_on", "level_action", "levels_reached", "plan", "policies_for", "policy_for"]


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


def policies_for(clients: Iterable[ClientState], settings: CompanySettings) -> dict[int, Policy]:
    """Each client's policy; clients alike share one value (same policy, type and country)."""
    shared: dict[tuple[str | None, str, str], Policy] = {}
    policies = {}
    for client in clients:
        shape = (client.policy_code, client.client_type, client.country.upper())
        if shape not in shared:
            shared[shape] = policy_for(client, settings)
        policies[client.id] = shared[shape]
    return policies


def plan(
    invoices: Iterable[InvoiceState],
    clients: Iterable[ClientState],
    today: date,
    settings: CompanySettings | None = None,
    *,
    promises: Iterable[PromiseToPay] = (),
    history: Iterable[DoneAction] = (),
    until: date | None = None,
    trim: bool = True,
) -> list[PlannedAction]:
    """Every action still to take, sorted by date, client code, level, invoices.

    One step at a time per invoice (the level after the highest one done, never two at once
    unless the history holds an escalation), one contact at a time per client (see
    grouping.ClientPlan). Done, skipped and snoozed actions are never planned again. With
    `until`, contacts dated after it are left out (the others are exactly the same), and the
    invoices that cannot need a step by then are not walked (`trim=False` walks them all, for
    the tests that hold both ways to the same plan). The same
    inputs in any order give the same plan. Raises NotFound for an unknown client.
    """
    settings = settings or CompanySettings()
    clients_by_id = {client.id: client for client in clients}
    by_invoice: dict[int, list[DoneAction]] = defaultdict(list)
    for record in history:
        for invoice_id in record.invoice_ids:
            by_invoice[invoice_id].append(record)
    promises_by_client: dict[int, list[PromiseToPay]] = defaultdict(list)
    for promise in promises:
        promises_by_client[promise.client_id].append(promise)
    policies = policies_for(clients_by_id.values(), settings)
    by_client: dict[int, list[InvoiceState]] = defaultdict(list)
    for invoice in invoices:
        client = clients_by_id.get(invoice.client_id)
        if client is None:
            raise NotFound(f"client {invoice.client_id}")
        if is_dunnable(invoice, client):
            by_client[client.id].append(invoice)
    actions: list[PlannedAction] = []
    for client_id, mine in by_client.items():
        actions.extend(
            client_plan(
                clients_by_id[client_id],
                policies[client_id],
                mine,
                today=today,
                country=settings.country,
                grace_days=settings.promise_grace_days,
                until=until,
                history=by_invoice,
                promises=promises_by_client.get(client_id, ()),
                trim=trim,
            )
        )
    return sorted(actions, key=_order)


def _order(action: PlannedAction) -> tuple[date, str, int, int, tuple[str, ...], str]:
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
    group = Group(
        steps[0],
        steps[0].date,
        [step.item for step in steps],
        set().union(*(step.flags for step in steps)),
    )
    return grouped_action(client, group, today)


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
            invoice,
            client,
            policy,
            today=as_of,
            country=settings.country,
            grace_days=settings.promise_grace_days,
        ).step_for(level_code, as_of)
        for invoice in invoices
        if invoice.client_id == client.id
        and level_code in levels_reached(invoice, as_of, policy, client)
    ]
    return _action(client, steps, as_of) if steps else None
