"""The aging report's SQL buckets equal the domain's own aging (`app.domain.ledger.aging.age`)
on a demo dossier: partial payments, credit notes, disputes, write-offs, unapplied credit,
on several dates, on both databases."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from app.db.models import Client, Invoice
from app.db.queries.aging import aging_rows
from app.db.repositories.ledger import allocation_inputs
from app.domain.ledger.aging import OpenItem, age
from app.domain.ledger.allocation import allocate

AS_OF = date(2026, 11, 22)


def _domain_aging(session, as_of: date):  # type: ignore[no-untyped-def]
    """Every client's ledger allocated in Python, then aged by the domain's rules."""
    items: list[OpenItem] = []
    unapplied: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for client in session.scalars(select(Client).order_by(Client.id)):
        invoices, sources, applications = allocation_inputs(session, client.id)
        result = allocate(invoices, sources, applications)
        rows = {
            i.id: i for i in session.scalars(select(Invoice).where(Invoice.client_id == client.id))
        }
        paid: dict[int, Decimal] = defaultdict(Decimal)
        for a in result.allocations:
            if a.date <= as_of:
                paid[a.invoice_id] += a.amount
                unapplied[(client.code, rows[a.invoice_id].currency)] -= a.amount
        for source in sources:
            if source.date <= as_of:
                unapplied[(client.code, source.currency)] += source.amount
        for invoice in invoices:
            row = rows[invoice.id]
            written_off = row.written_off_on is not None and row.written_off_on <= as_of
            if invoice.issue_date <= as_of and not written_off:
                balance = invoice.total - paid[invoice.id]
                items.append(
                    OpenItem(client.code, client.name, invoice.currency, row.due_date, balance)
                )
    return age(items, dict(unapplied), as_of)


def test_sql_buckets_equal_the_domain_on_a_demo_dossier(services) -> None:
    services.demo.generate(clients=12, invoices=400, seed=7, as_of=AS_OF)
    with services.uow() as uow:
        s = uow.session
        kinds = dict(
            s.execute(select(Invoice.kind, func.count()).group_by(Invoice.kind)).tuples().all()
        )
        disputed = s.scalar(select(func.count()).where(Invoice.disputed.is_(True)))
        partial = s.scalar(
            select(func.count()).where(Invoice.allocated > Decimal(0), Invoice.settled_on.is_(None))
        )
        assert kinds.get("credit_note", 0) > 0  # the cases covered
        assert disputed
        assert partial
        for as_of in (date(2026, 3, 31), date(2026, 9, 1), AS_OF, date(2027, 2, 1)):
            expected = _domain_aging(s, as_of)
            got = aging_rows(s, as_of)
            assert got, as_of
            assert [(g.client_code, g.currency, g.buckets, g.unapplied) for g in got] == [
                (e.client_code, e.currency, tuple(e.buckets.values()), e.unapplied)
                for e in expected
            ], as_of
