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
from app.db.models import Allocation, Client, Contact, Invoice, Payment, PaymentLine
from app.db.repositories import transfer
from app.db.uow import UnitOfWork
from app.domain.errors import Conflict, InvalidInput, Problem
from app.i18n import _
from app.services.demo_ledger import Batch, ClientLedger, Ids, Planned
from app.services.demo_parties import DEMO_COMPANY, ClientSpec, make_client
from app.services.dossier import DossierService

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
            writer = _LedgerWriter(session, rng, as_of, ids, settings.currency, progress)
            counts = writer.write(specs, planned, invoices)
            copy.reset_sequences(session.connection())
            uow.commit()
        summary = DemoSummary(as_of, clients, invoices, *counts, ids.disputed, created)
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
    for issued, owner, role, due in items:
        sequence[issued.year] += 1
        number = f"F{issued.year}-{sequence[issued.year]:0{width}d}"
        planned[owner].append(Planned(issued, number, role, due))
    return planned


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
    ) -> None:
        self.session = session
        self.rng = rng
        self.as_of = as_of
        self.ids = ids
        self.currency = currency
        self.progress = progress
        self.credit_notes = 0
        self.payments = 0

    def write(
        self, specs: list[ClientSpec], planned: list[list[Planned]], total: int
    ) -> tuple[int, int]:
        """Returns (credit notes, payments) written."""
        batch = Batch()
        done = 0
        for spec, items in zip(specs, planned, strict=True):
            deposit = spec.id == 1 or self.rng.random() < 0.03
            ledger = ClientLedger(self.rng, spec, self.as_of, self.ids, batch, self.currency)
            ledger.run(items, deposit)
            done += len(items)
            if batch.size() >= FLUSH_ROWS:
                self._flush(batch)
                batch = Batch()
                if self.progress is not None:
                    self.progress(done, total)
        self._flush(batch)
        if self.progress is not None:
            self.progress(total, total)
        return self.credit_notes, self.payments

    def _flush(self, batch: Batch) -> None:
        """Parents first: invoices, credit notes (they point at invoices), payments, lines."""
        self.credit_notes += len(batch.credit_notes)
        self.payments += len(batch.payments)
        for model, rows in (
            (Invoice, batch.invoices),
            (Invoice, batch.credit_notes),
            (Payment, batch.payments),
            (PaymentLine, batch.lines),
            (Allocation, batch.allocations),
        ):
            transfer.insert_generated(self.session, model, rows)
