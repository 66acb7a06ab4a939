"""Demo dossier: realistic French small-business receivables, the same for a seed and a date.

Generated in memory with one random.Random(seed) and written with bulk inserts in one
transaction, allocations included (computed per client by the domain rule), so it scales to a
million invoices.
"""

from __future__ import annotations

import logging
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db import copy
from app.db.models import (
    Activity,
    Allocation,
    Client,
    Contact,
    Instalment,
    Invoice,
    Payment,
    PaymentLine,
    PaymentPlan,
    Reminder,
    ReminderInvoice,
)
from app.db.repositories import transfer
from app.db.repositories.company import get_company
from app.db.uow import UnitOfWork
from app.domain.errors import Conflict, InvalidInput, NotFound, Problem
from app.domain.followup.inputs import ClientState
from app.domain.followup.planner import policy_for
from app.domain.followup.policy import Policy
from app.i18n import _
from app.services.changes import Changes
from app.services.demo.history import FOLLOWUP_DAYS, ClientFollowUp
from app.services.demo.history_ladder import WorkingDays
from app.services.demo.history_rows import HistoryIds, HistoryRows, HistoryWriter
from app.services.demo.ledger import Batch, ClientLedger, Ids, Planned
from app.services.demo.parties import DEMO_COMPANY, ClientSpec, make_client
from app.services.dossier import DossierService
from app.services.followup.policies import ensure_policies, planner_settings

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
HISTORY_DAYS = 730
FLUSH_ROWS = 50_000
# Invoices whose outcome is fixed so that every aging bucket and every case shows up.
ROLES = (
    ("current", -12),
    ("1-30", 9),
    ("1-30", 24),
    ("31-60", 38),
    ("31-60", 55),
    ("61-90", 70),
    ("61-90", 88),
    ("over_90", 120),
    ("over_90", 210),
    ("disputed", 44),
    ("disputed", 130),
    ("credit_applied", 150),
    ("credit_unapplied", 200),
    ("partial", 35),
    ("partial", 100),
    ("payment_plan", 80),
)


@dataclass(frozen=True)
class DemoSummary:
    as_of: date
    clients: int
    invoices: int
    credit_notes: int
    payments: int
    disputed: int
    company_created: bool
    reminders: int = 0
    activities: int = 0

    @property
    def changes(self) -> Changes:
        return Changes(clients=True, invoices=True, payments=True, reminders=True, settings=True)


class DemoService:
    def __init__(self, uow: Callable[[], UnitOfWork], dossier: DossierService) -> None:
        self._uow = uow
        self._dossier = dossier

    def generate(
        self,
        clients: int = 60,
        invoices: int = 1500,
        seed: int = 1,
        *,
        as_of: date,
        progress: Progress | None = None,
    ) -> DemoSummary:
        """Fill an empty dossier (creating the demo company if there is none)."""
        problems = []
        if not 1 <= clients <= 1_000_000:
            problems.append(Problem(_("from 1 to 1,000,000 clients"), column="clients"))
        if not 0 <= invoices <= 10_000_000:
            problems.append(Problem(_("from 0 to 10,000,000 invoices"), column="invoices"))
        if problems:
            raise InvalidInput(problems)
        created = not self._dossier.is_initialised()
        if created:
            self._dossier.init(DEMO_COMPANY)
        settings = self._dossier.settings()
        rng = random.Random(seed)
        with self._uow() as uow:
            session = uow.session
            if transfer.max_id(session, Client) or transfer.max_id(session, Invoice):
                raise Conflict(
                    _("this dossier already has clients or invoices; the demo needs an empty one")
                )
            _tune(session)
            specs = [
                make_client(rng, index + 1, _code(index, clients), settings.terms_days)
                for index in range(clients)
            ]
            transfer.insert_generated(session, Client, [s.row for s in specs])
            transfer.insert_generated(session, Contact, [s.contact for s in specs if s.contact])
            planned = _plan(rng, specs, invoices, as_of)
            ids = Ids(invoice=1, payment=1, line=1)
            history = _History(session, seed, as_of)
            writer = _LedgerWriter(session, rng, as_of, ids, settings.currency, progress, history)
            counts = writer.write(specs, planned, invoices)
            copy.reset_sequences(session.connection())
            uow.commit()
        summary = DemoSummary(
            as_of,
            clients,
            invoices,
            *counts,
            ids.disputed,
            created,
            history.ids.reminder - 1,
            history.ids.activity - 1,
        )
        log.info("demo data generated: %s", summary)
        return summary


def _code(index: int, total: int) -> str:
    return f"C{index + 1:0{max(4, len(str(total)))}d}"


def _tune(session: Session) -> None:
    """SQLite: a large page cache for the bulk load (this connection only)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA cache_size=-400000"))


def _plan(
    rng: random.Random, specs: list[ClientSpec], count: int, as_of: date
) -> list[list[Planned]]:
    """Who is invoiced when: a few big clients, many small ones; numbered by issue date."""
    weights = [rng.paretovariate(1.2) * (0.3 if s.is_consumer else 1.0) for s in specs]
    owners = rng.choices(range(len(specs)), weights=weights, k=count)
    start = as_of - timedelta(days=HISTORY_DAYS - 1)
    items: list[tuple[date, int, str, date | None]] = []
    forced = ROLES if count >= 4 * len(ROLES) else ()
    for index, owner in enumerate(owners):
        if index < len(forced):
            role, days_overdue = forced[index]
            due = as_of - timedelta(days=days_overdue)
            items.append((min(as_of, due - timedelta(days=30)), owner, role, due))
            continue
        issued = start + timedelta(days=rng.randrange(HISTORY_DAYS))
        weekday = issued.weekday()
        if weekday >= 5:
            issued -= timedelta(days=weekday - 4)
        items.append((issued, owner, "", None))
    items.sort(key=lambda item: (item[0], item[1]))
    per_year = Counter(item[0].year for item in items)
    width = max(4, len(str(max(per_year.values(), default=0))))
    sequence: Counter[int] = Counter()
    planned: list[list[Planned]] = [[] for _ in specs]
    for day, owner, role, due_on in items:
        sequence[day.year] += 1
        number = f"F{day.year}-{sequence[day.year]:0{width}d}"
        planned[owner].append(Planned(day, number, role, due_on))
    return planned


class _History:
    """The follow-up history's shared state: the stored policies, its own random stream (the
    ledger stays the same for a seed), the next ids."""

    def __init__(self, session: Session, seed: int, as_of: date) -> None:
        company = get_company(session)
        if company is None:
            raise NotFound(_("this dossier has no company yet"))
        ensure_policies(session, company)
        self.settings = planner_settings(session, company)
        self.workdays = WorkingDays(company.country)
        self.rng = random.Random(f"follow-up history {seed}")
        self.since = as_of - timedelta(days=FOLLOWUP_DAYS)
        self.as_of = as_of
        self.ids = HistoryIds()
        self.policies: dict[tuple[str, str], Policy] = {}

    def policy(self, spec: ClientSpec) -> Policy:
        """The policy the planner gives this client (policy_for, as the reminders service)."""
        key = (spec.row["client_type"], spec.row["country"])
        if key not in self.policies:
            state = ClientState(spec.id, spec.code, "", client_type=key[0], country=key[1])
            self.policies[key] = policy_for(state, self.settings)
        return self.policies[key]

    def replay(self, spec: ClientSpec, ledger: ClientLedger, rows: HistoryRows) -> None:
        writer = HistoryWriter(spec.id, self.ids, rows)
        follow = ClientFollowUp(
            self.rng,
            spec,
            self.policy(spec),
            self.workdays,
            self.since,
            self.as_of,
            writer,
            ledger.credit(),
        )
        follow.run(ledger.followups(self.since))


class _LedgerWriter:
    """Generates client by client and inserts whenever enough rows are waiting."""

    def __init__(
        self,
        session: Session,
        rng: random.Random,
        as_of: date,
        ids: Ids,
        currency: str,
        progress: Progress | None,
        history: _History,
    ) -> None:
        self.session = session
        self.rng = rng
        self.as_of = as_of
        self.ids = ids
        self.currency = currency
        self.progress = progress
        self.credit_notes = 0
        self.payments = 0
        self.history = history

    def write(
        self, specs: list[ClientSpec], planned: list[list[Planned]], total: int
    ) -> tuple[int, int]:
        """Returns (credit notes, payments) written."""
        batch, rows = Batch(), HistoryRows()
        done = 0
        for spec, items in zip(specs, planned, strict=True):
            deposit = spec.id == 1 or self.rng.random() < 0.03
            ledger = ClientLedger(self.rng, spec, self.as_of, self.ids, batch, self.currency)
            ledger.run(items, deposit)
            self.history.replay(spec, ledger, rows)
            done += len(items)
            if batch.size() + rows.size() >= FLUSH_ROWS:
                self._flush(batch, rows)
                batch, rows = Batch(), HistoryRows()
                if self.progress is not None:
                    self.progress(done, total)
        self._flush(batch, rows)
        if self.progress is not None:
            self.progress(total, total)
        return self.credit_notes, self.payments

    def _flush(self, batch: Batch, history: HistoryRows) -> None:
        """Parents first: invoices, credit notes (they point at invoices), payments, lines;
        then the follow-up history."""
        self.credit_notes += len(batch.credit_notes)
        self.payments += len(batch.payments)
        for model, rows in (
            (Invoice, batch.invoices),
            (Invoice, batch.credit_notes),
            (Payment, batch.payments),
            (PaymentLine, batch.lines),
            (Allocation, batch.allocations),
            (PaymentPlan, history.payment_plans),
            (Instalment, history.instalments),
            (Reminder, history.reminders),
            (ReminderInvoice, history.reminder_invoices),
            (Activity, history.activities),
        ):
            transfer.insert_generated(self.session, model, rows)
