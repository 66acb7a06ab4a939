"""The reminder plan from the dossier: planner inputs read set-based, the plan, the agenda."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from sqlalchemy.orm import Session

from app.db.queries.followup_inputs import (
    PlanClient,
    followed_invoices,
    history_records,
    payment_plans,
    plan_clients,
    promises_to_pay,
    unapplied_credit,
)
from app.db.repositories.company import get_company
from app.domain.errors import NotFound
from app.domain.followup.inputs import (
    ClientState,
    CompanySettings,
    DoneAction,
    HistoryStatus,
    Instalment,
    InvoiceState,
    PlannedAction,
    PlanStatus,
    PromiseToPay,
)
from app.domain.followup.planner import plan as compute_plan
from app.domain.followup.planner import policies_for
from app.domain.followup.policy import Channel, ClientType, Level, Policy
from app.domain.money import ZERO, format_plain
from app.i18n import _
from app.services.followup.policies import planner_settings
from app.services.quiet import collector_paused

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


def load_inputs(
    session: Session,
    today: date,
    credit: Callable[[], dict[int, dict[str, Decimal]]] | None = None,
) -> PlannerInputs:
    """The open invoices the plan may follow up as compact rows, then clients, credit (read
    here unless `credit` gives it), promises, payment plans and the history that concern them."""
    company = get_company(session)
    if company is None:
        raise NotFound(_("this dossier has no company yet"))
    settings = planner_settings(session, company)
    open_rows = followed_invoices(session, today)
    clients = plan_clients(session, {row[2] for row in open_rows})
    credits = credit() if credit is not None else unapplied_credit(session, today)
    plans = payment_plans(session)
    invoices = []
    for id_, number, client_id, issue, due, currency, cents, paused in open_rows:
        balance = Decimal(cents).scaleb(-2)
        parts = plans.get(id_)
        invoices.append(
            InvoiceState(
                id_,
                number,
                client_id,
                issue,
                due,
                currency,
                balance,
                paused_until=paused,
                instalments=instalment_states(balance, parts) if parts else (),
            )
        )
    client_states = [
        ClientState(
            c.id,
            c.code,
            c.name,
            client_type=ClientType(c.client_type),
            country=c.country,
            preferred_channel=Channel(c.preferred_channel) if c.preferred_channel else None,
            dunning_blocked=c.dunning_blocked,
            policy_code=c.policy_code,
            unapplied_credit=credits.get(c.id, {}),
        )
        for c in clients.values()
    ]
    promises = [
        PromiseToPay(
            client_id,
            promised,
            amount,
            (invoice_id,) if invoice_id else (),
            PROMISE_KEPT.get(outcome),
        )
        for client_id, invoice_id, promised, amount, outcome in promises_to_pay(session)
        if client_id in clients
    ]
    open_ids = {row[0] for row in open_rows}
    history = [
        DoneAction(
            r.invoice_ids,
            r.level_code,
            r.done_on or r.planned_date,
            HistoryStatus(r.status),
            snoozed_until=r.snoozed_until,
            channel=Channel(r.channel),
            instalment_due=r.instalment_due,
        )
        for r in history_records(session, concerning=open_ids)
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


def _screen_order(item: PlanItem) -> tuple[bool, Decimal, str]:
    """Within a day: what is late first, then the largest amount, then the client's code."""
    return (not item.is_overdue, -item.amount_at_risk, item.client.code)


@dataclass(frozen=True)
class Plan:
    """Every action still to take, by date (then client, level, invoices). The groupings the
    screens ask for are computed once, on first use: `warm()` does it in a worker, so a month
    of 30,000 actions is shown without the window sorting them."""

    today: date
    items: tuple[PlanItem, ...]
    policies: Mapping[int, Policy] = field(default_factory=dict)

    def between(self, date_from: date, date_to: date) -> list[PlanItem]:
        dates = self._dates
        return list(self.items[bisect_left(dates, date_from) : bisect_right(dates, date_to)])

    def count_between(self, date_from: date, date_to: date) -> int:
        dates = self._dates
        return max(0, bisect_right(dates, date_to) - bisect_left(dates, date_from))

    def catch_up(self) -> list[PlanItem]:
        """Overdue actions not done yet, oldest first."""
        return list(self._overdue)

    def on(self, day: date) -> tuple[PlanItem, ...]:
        """The day's actions in the order a day is read: late first, then the largest."""
        return self.by_day.get(day, ())

    def levels_between(self, date_from: date, date_to: date) -> list[PlanItem]:
        """One action of each level (by code and policy level) planned in the period."""
        found: dict[tuple[str, int], PlanItem] = {}
        for day, firsts in self._levels_by_day.items():
            if date_from <= day <= date_to:
                for key, item in firsts.items():
                    found.setdefault(key, item)
        return list(found.values())

    def warm(self) -> Plan:
        """Compute the groupings now (in the worker that made the plan)."""
        _ = self._dates, self._overdue, self.by_day, self._levels_by_day
        return self

    @cached_property
    def _dates(self) -> list[date]:
        return [i.action.date for i in self.items]

    @cached_property
    def _overdue(self) -> tuple[PlanItem, ...]:
        return tuple(i for i in self.items if i.is_overdue)

    @cached_property
    def by_day(self) -> dict[date, tuple[PlanItem, ...]]:
        days: dict[date, list[PlanItem]] = {}
        for item in self.items:
            days.setdefault(item.action.date, []).append(item)
        return {day: tuple(sorted(found, key=_screen_order)) for day, found in days.items()}

    @cached_property
    def _levels_by_day(self) -> dict[date, dict[tuple[str, int], PlanItem]]:
        days: dict[date, dict[tuple[str, int], PlanItem]] = {}
        for item in self.items:
            key = (item.action.level_code, id(item.level))
            days.setdefault(item.action.date, {}).setdefault(key, item)
        return days

    def week_review(self, monday: date, sunday: date) -> list[PlanItem]:
        """The week's actions (and, in the current week, those to catch up), biggest first."""
        include_overdue = monday <= self.today <= sunday
        chosen = [
            i
            for i in self.items
            if monday <= i.action.date <= sunday or (include_overdue and i.is_overdue)
        ]
        return sorted(
            chosen,
            key=lambda i: (
                -i.amount_at_risk,
                i.action.date,
                i.client.code,
                i.action.level_position,
            ),
        )


def make_plan(inputs: PlannerInputs, today: date, until: date | None = None) -> Plan:
    """The plan of `today`; with `until`, only the actions up to that day (and the catch-up)."""
    with collector_paused():
        actions = compute_plan(
            inputs.invoices,
            inputs.clients,
            today,
            inputs.settings,
            promises=inputs.promises,
            history=inputs.history,
            until=until,
        )
        policies = policies_for(inputs.clients, inputs.settings)
        levels: dict[tuple[int, str], Level | None] = {}
        items = []
        for action in actions:
            policy = policies[action.client_id]
            key = (id(policy), action.level_code)
            if key not in levels:
                known = action.level_code in policy.codes
                levels[key] = policy.level(action.level_code) if known else None
            items.append(PlanItem(action, inputs.client_rows[action.client_id], levels[key]))
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
    key: str = ""

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
            "key": self.key,
        }


def agenda_entries(plan: Plan, date_from: date, date_to: date) -> list[AgendaEntry]:
    """Actions dated in the period, and the overdue ones to catch up when it contains today;
    one entry per currency, sorted by date then client code."""
    from app.services.followup.labels import level_name

    catch_up = date_from <= plan.today <= date_to
    entries: list[tuple[tuple, AgendaEntry]] = []  # type: ignore[type-arg]
    for item in plan.items:
        action = item.action
        if not (date_from <= action.date <= date_to or (catch_up and item.is_overdue)):
            continue
        for currency, amount in action.amounts.items():
            numbers = tuple(i.invoice_number for i in action.items if i.currency == currency)
            entry = AgendaEntry(
                action.date,
                item.client.code,
                item.client.name,
                action.level_code,
                action.channel.contract_value,
                numbers,
                amount,
                currency,
                action.status.value,
                f"{action.key}/{currency}",
                level_name(action.level_code, item.level),
                action.key,
            )
            order = (entry.date, entry.client, action.level_position, currency, entry.uid)
            entries.append((order, entry))
    entries.sort(key=lambda pair: pair[0])
    return [entry for _order, entry in entries]
