"""The reminder plan from the dossier: planner inputs read set-based, the plan, the agenda."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from app.db.queries import followup_state
from app.db.queries.aging import aging_rows
from app.db.queries.followup_inputs import PlanClient, history_records, plan_clients
from app.db.repositories.company import get_company
from app.domain.dunning import Level, Policy
from app.domain.errors import NotFound
from app.domain.money import ZERO, format_plain
from app.domain.planner import plan as compute_plan
from app.domain.planner import policy_for
from app.domain.planner_inputs import (
    ClientState,
    CompanySettings,
    DoneAction,
    Instalment,
    InvoiceState,
    PlannedAction,
    PlanStatus,
    PromiseToPay,
)
from app.i18n import _
from app.services.reminders_policies import planner_settings

PROMISE_KEPT = {"kept": True, "broken": False}


@dataclass(frozen=True)
class PlannerInputs:
    invoices: list[InvoiceState]
    clients: list[ClientState]
    settings: CompanySettings
    promises: list[PromiseToPay]
    history: list[DoneAction]
    client_rows: dict[int, PlanClient]


def instalment_states(
    balance: Decimal, parts: list[tuple[date, Decimal]]
) -> tuple[Instalment, ...]:
    """What is still open is owed on the latest instalments; the earlier ones count as paid."""
    ordered = sorted(parts)
    states: list[Instalment] = []
    owed_later = ZERO
    for due, amount in reversed(ordered):
        states.append(Instalment(due, amount, paid=owed_later >= balance))
        owed_later += amount
    return tuple(reversed(states))


def load_inputs(session: Session, today: date) -> PlannerInputs:
    """Open balances as of today in one query, then clients, credit, promises, history, plans."""
    company = get_company(session)
    if company is None:
        raise NotFound(_("this dossier has no company yet"))
    settings = planner_settings(session, company)
    open_rows = followup_state.open_invoices(session, today)
    clients = plan_clients(session, {row.client_id for row in open_rows})
    credit: dict[int, dict[str, Decimal]] = {}
    for figures in aging_rows(session, today):
        if figures.client_id in clients and figures.unapplied > 0:
            credit.setdefault(figures.client_id, {})[figures.currency] = figures.unapplied
    plans = followup_state.instalments(session)
    invoices = [
        InvoiceState(
            row.id, row.number, row.client_id, row.issue_date, row.due_date, row.currency,
            row.balance, is_disputed=row.disputed, paused_until=row.paused_until,
            instalments=instalment_states(row.balance, plans.get(row.id, [])),
        )
        for row in open_rows
    ]
    client_states = [
        ClientState(
            c.id, c.code, c.name, client_type=c.client_type, country=c.country,
            preferred_channel=c.preferred_channel or None, dunning_blocked=c.dunning_blocked,
            policy_code=c.policy_code, unapplied_credit=credit.get(c.id, {}),
        )
        for c in clients.values()
    ]
    promises = [
        PromiseToPay(client_id, promised, amount, (invoice_id,) if invoice_id else (),
                     PROMISE_KEPT.get(outcome))
        for client_id, invoice_id, promised, amount, outcome in followup_state.promises(session)
        if client_id in clients
    ]
    history = [
        DoneAction(r.invoice_ids, r.level_code, r.done_on or r.planned_date, r.status,
                   snoozed_until=r.snoozed_until, channel=r.channel,
                   instalment_due=r.instalment_due)
        for r in history_records(session)
    ]
    return PlannerInputs(invoices, client_states, settings, promises, history, clients)


@dataclass(frozen=True)
class PlanItem:
    """One action with what the screens show next to it: the client and the level."""

    action: PlannedAction
    client: PlanClient
    level: Level | None

    @property
    def key(self) -> str:
        return self.action.key

    @property
    def is_overdue(self) -> bool:
        return self.action.status is PlanStatus.OVERDUE

    @property
    def amount_at_risk(self) -> Decimal:
        """The largest amount of the action in any one currency (never summed across them)."""
        return max(self.action.amounts.values(), default=ZERO)


@dataclass(frozen=True)
class Plan:
    today: date
    items: tuple[PlanItem, ...]
    policies: Mapping[int, Policy] = field(default_factory=dict)

    def between(self, date_from: date, date_to: date) -> list[PlanItem]:
        return [i for i in self.items if date_from <= i.action.date <= date_to]

    def catch_up(self) -> list[PlanItem]:
        """Overdue actions not done yet, oldest first."""
        return [i for i in self.items if i.is_overdue]

    def week_review(self, monday: date, sunday: date) -> list[PlanItem]:
        """The week's actions (and, in the current week, those to catch up), biggest first."""
        include_overdue = monday <= self.today <= sunday
        chosen = [
            i for i in self.items
            if monday <= i.action.date <= sunday or (include_overdue and i.is_overdue)
        ]
        return sorted(chosen, key=lambda i: (-i.amount_at_risk, i.action.date,
                                             i.client.code, i.action.level_position))


def make_plan(inputs: PlannerInputs, today: date) -> Plan:
    actions = compute_plan(inputs.invoices, inputs.clients, today, inputs.settings,
                           promises=inputs.promises, history=inputs.history)
    policies = {c.id: policy_for(c, inputs.settings) for c in inputs.clients}
    items = []
    for action in actions:
        policy = policies[action.client_id]
        level = policy.level(action.level_code) if action.level_code in policy.codes else None
        items.append(PlanItem(action, inputs.client_rows[action.client_id], level))
    return Plan(today, tuple(items), policies)


@dataclass(frozen=True)
class AgendaEntry:
    """One action in one currency: the unit of the agenda JSON and of the .ics events."""

    date: date
    client: str
    client_name: str
    level: str
    channel: str
    invoices: tuple[str, ...]
    amount: Decimal
    currency: str
    status: str
    uid: str
    level_label: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "client": self.client,
            "client_name": self.client_name,
            "level": self.level,
            "channel": self.channel,
            "invoices": list(self.invoices),
            "amount": format_plain(self.amount, self.currency),
            "currency": self.currency,
            "status": self.status,
        }


def agenda_entries(plan: Plan, date_from: date, date_to: date) -> list[AgendaEntry]:
    """Actions dated in the period, and the overdue ones to catch up when it contains today;
    one entry per currency, sorted by date then client code."""
    from app.services.reminders_labels import level_name

    catch_up = date_from <= plan.today <= date_to
    entries: list[tuple[tuple, AgendaEntry]] = []  # type: ignore[type-arg]
    for item in plan.items:
        action = item.action
        if not (date_from <= action.date <= date_to or (catch_up and item.is_overdue)):
            continue
        for currency, amount in action.amounts.items():
            numbers = tuple(i.invoice_number for i in action.items if i.currency == currency)
            entry = AgendaEntry(
                action.date, item.client.code, item.client.name, action.level_code,
                action.channel.contract_value, numbers, amount, currency,
                action.status.value, f"{action.key}/{currency}",
                level_name(action.level_code, item.level),
            )
            order = (entry.date, entry.client, action.level_position, currency, entry.uid)
            entries.append((order, entry))
    entries.sort(key=lambda pair: pair[0])
    return [entry for _order, entry in entries]
