"""The follow-up plan from the dossier's data, and the agenda of CONTRACTS.md."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.db.queries import followup_state as q
from app.db.queries.aging import aging_rows
from app.db.repositories.company import get_company
from app.db.uow import UnitOfWork
from app.domain.dunning import Fee
from app.domain.errors import InvalidInput, NotFound
from app.domain.money import ZERO, format_plain
from app.domain.planner import plan
from app.domain.planner_inputs import (
    ClientState,
    CompanySettings,
    DoneAction,
    Instalment,
    InvoiceState,
    PlannedAction,
    PromiseToPay,
)
from app.i18n import _


@dataclass(frozen=True)
class AgendaEntry:
    """One action for one currency: the unit of the agenda JSON and of the .ics events."""

    date: date
    client_id: int
    client: str
    client_name: str
    level: str
    channel: str
    invoices: tuple[str, ...]
    amount: Decimal
    currency: str
    status: str
    uid: str
    action: PlannedAction

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(), "client": self.client,
            "client_name": self.client_name, "level": self.level, "channel": self.channel,
            "invoices": list(self.invoices), "amount": format_plain(self.amount, self.currency),
            "currency": self.currency, "status": self.status,
        }


@dataclass(frozen=True)
class PlannerInputs:
    invoices: list[InvoiceState]
    clients: list[ClientState]
    settings: CompanySettings
    promises: list[PromiseToPay]
    history: list[DoneAction]
    client_rows: dict[int, q.ClientRow]


def _instalments(total: Decimal, balance: Decimal, plan_rows: list[tuple[date, Decimal]]):  # type: ignore[no-untyped-def]
    paid = total - balance
    result = []
    for due, amount in plan_rows:
        covered = paid >= amount
        paid = max(ZERO, paid - amount)
        result.append(Instalment(due, amount, covered))
    return tuple(result)


class FollowUpService:
    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self._uow = uow

    def plan(self, today: date) -> tuple[list[PlannedAction], dict[int, q.ClientRow]]:
        inputs = self.inputs(today)
        actions = plan(inputs.invoices, inputs.clients, today, inputs.settings,
                       promises=inputs.promises, history=inputs.history)
        return actions, inputs.client_rows

    def inputs(self, today: date) -> PlannerInputs:
        """The planner's inputs on `today`, read from the dossier in a few set-based queries."""
        with self._uow() as uow:
            session = uow.session
            company = get_company(session)
            if company is None:
                raise NotFound(_("this dossier has no company yet"))
            invoices = q.open_invoices(session, today)
            client_ids = {i.client_id for i in invoices}
            clients = {c.id: c for c in q.clients(session, client_ids)}
            credit: dict[int, dict[str, Decimal]] = {}
            for f in aging_rows(session, today):
                if f.client_id in client_ids and f.unapplied > 0:
                    credit.setdefault(f.client_id, {})[f.currency] = f.unapplied
            promise_rows = q.promises(session)
            history_rows = q.history(session)
            plans = q.instalments(session)
            settings = CompanySettings(
                country=company.country,
                admin_fee_enabled=company.admin_fee_enabled,
                **({"admin_fee": Fee(fixed=company.admin_fee)} if company.admin_fee else {}),
            )
        states = [
            InvoiceState(i.id, i.number, i.client_id, i.issue_date, i.due_date, i.currency,
                         i.balance, is_disputed=i.disputed, paused_until=i.paused_until,
                         instalments=_instalments(i.total, i.balance, plans.get(i.id, [])))
            for i in invoices
        ]
        client_states = [
            ClientState(c.id, c.code, c.name, client_type=c.client_type, country=c.country,
                        preferred_channel=c.preferred_channel, dunning_blocked=c.dunning_blocked,
                        unapplied_credit=credit.get(c.id, {}))
            for c in clients.values()
        ]
        kept = {"kept": True, "broken": False}
        promises = [
            PromiseToPay(client_id, promised, amount, (invoice_id,) if invoice_id else (),
                         kept.get(outcome))
            for client_id, invoice_id, promised, amount, outcome in promise_rows
            if client_id in clients
        ]
        history = [
            DoneAction(h.invoice_ids, h.level_code, h.done_on or h.planned_date, h.status,
                       snoozed_until=h.snoozed_until, channel=h.channel)
            for h in history_rows
        ]
        return PlannerInputs(states, client_states, settings, promises, history, clients)

    def agenda(self, date_from: date, date_to: date, today: date) -> list[AgendaEntry]:
        """Actions dated in the period, plus the overdue ones still to catch up when the period
        contains today; one entry per currency, sorted by date then client code."""
        if date_to < date_from:
            raise InvalidInput(_("the end of the period is before its start"))
        actions, clients = self.plan(today)
        catch_up = date_from <= today <= date_to
        entries: list[AgendaEntry] = []
        for action in actions:
            in_period = date_from <= action.date <= date_to
            if not (in_period or (catch_up and action.status == "overdue")):
                continue
            client = clients[action.client_id]
            for currency, amount in action.amounts.items():
                numbers = tuple(i.invoice_number for i in action.items if i.currency == currency)
                entries.append(AgendaEntry(
                    action.date, action.client_id, client.code, client.name, action.level_code,
                    action.channel.contract_value, numbers, amount, currency,
                    str(action.status), f"{action.key}/{currency}", action))
        entries.sort(key=lambda e: (e.date, e.client, e.level, e.currency))
        return entries


@dataclass(frozen=True)
class CallOutcome:
    """What a phone call gave: a promise, a dispute, a wrong contact or no answer."""

    kind: str  # "promise" | "dispute" | "wrong_contact" | "no_answer"
    note: str = ""
    promised_date: date | None = None
    promised_amount: Decimal | None = None


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class FollowUpRecorder:
    """Everything done on an action goes to the client's history; the plan recomputes itself."""

    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self._uow = uow

    def _record(self, action: PlannedAction, status: str, on: date, **extra: object) -> int:
        from app.db.repositories import followup as repo

        with self._uow() as uow:
            reminder_id = repo.add_reminder(
                uow.session, client_id=action.client_id, level_code=action.level_code,
                channel=action.channel.value, planned_date=action.date, status=status,
                invoice_ids=action.invoice_ids, user_name=_user(), **extra)  # type: ignore[arg-type]
            uow.commit()
            return reminder_id

    def done(self, action: PlannedAction, on: date, note: str = "", document_path: str = "",
             document_sha256: str = "") -> int:
        return self._record(action, "done", on, done_on=on, note=note,
                            document_path=document_path, document_sha256=document_sha256)

    def skip(self, action: PlannedAction, on: date, reason: str) -> int:
        if not reason.strip():
            raise InvalidInput(_("say why the action is skipped"))
        return self._record(action, "skipped", on, done_on=on, note=reason.strip())

    def snooze(self, action: PlannedAction, on: date, until: date, note: str = "") -> int:
        if until <= on:
            raise InvalidInput(_("snooze to a later date"))
        return self._record(action, "snoozed", on, done_on=on, snoozed_until=until, note=note)

    def call(self, action: PlannedAction, on: date, outcome: CallOutcome) -> int:
        """Record a call: the action is done, except 'no answer' which retries next working day."""
        from app.db.repositories import followup as repo
        from app.domain.workdays import nth_working_day_after

        if outcome.kind == "promise" and (outcome.promised_date is None
                                          or outcome.promised_date < on):
            raise InvalidInput(_("a promise to pay needs a date from today on"))
        if outcome.kind == "dispute" and not outcome.note.strip():
            raise InvalidInput(_("say what the client disputes"))
        with self._uow() as uow:
            s = uow.session
            currency = next(iter(action.amounts), "EUR")
            if outcome.kind == "no_answer":
                retry = nth_working_day_after(on, 1)
                reminder_id = repo.add_reminder(
                    s, client_id=action.client_id, level_code=action.level_code,
                    channel=action.channel.value, planned_date=action.date, status="snoozed",
                    invoice_ids=action.invoice_ids, done_on=on, snoozed_until=retry,
                    note=outcome.note, user_name=_user())
            else:
                reminder_id = repo.add_reminder(
                    s, client_id=action.client_id, level_code=action.level_code,
                    channel=action.channel.value, planned_date=action.date, status="done",
                    invoice_ids=action.invoice_ids, done_on=on, note=outcome.note,
                    user_name=_user())
            first_invoice = action.invoice_ids[0] if len(action.invoice_ids) == 1 else None
            repo.add_activity(
                s, client_id=action.client_id, kind="promise" if outcome.kind == "promise"
                else "call", on=on, invoice_id=first_invoice, outcome=outcome.kind,
                note=outcome.note, promised_date=outcome.promised_date,
                promised_amount=outcome.promised_amount, currency=currency, user_name=_user())
            if outcome.kind == "dispute":
                repo.mark_disputed(s, action.invoice_ids, outcome.note.strip())
            uow.commit()
            return reminder_id
