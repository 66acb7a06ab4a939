"""The SQL aging report agrees with the pure reference on random ledgers, on both databases."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import delete

from app.db.models import Client, Invoice, Payment, PaymentLine
from app.db.queries.aging import aging_rows
from app.db.repositories.ledger import recompute_allocations
from app.domain.ledger.aging import OpenItem, age
from app.domain.ledger.allocation import InvoiceFacts, Source, allocate

START = date(2026, 1, 1)


def _random_ledger(rng: random.Random, session) -> tuple[list, list, dict]:  # type: ignore[no-untyped-def]
    clients = []
    for n in range(4):
        client = Client(code=f"C{n:02d}", name=f"Client {n}")
        session.add(client)
        clients.append(client)
    session.flush()
    facts: dict[int, tuple[list[InvoiceFacts], list[Source]]] = defaultdict(lambda: ([], []))
    invoices: list[Invoice] = []
    for n in range(30):
        client = rng.choice(clients)
        issued = START + timedelta(days=rng.randrange(0, 300))
        currency = rng.choice(["EUR", "EUR", "EUR", "USD"])
        is_credit = rng.random() < 0.15 and invoices
        target = None
        if is_credit:
            candidates = [
                i for i in invoices if i.client_id == client.id and i.currency == currency
            ]
            target = rng.choice(candidates) if candidates and rng.random() < 0.7 else None
        invoice = Invoice(
            number=f"F{n:03d}",
            client_id=client.id,
            kind="credit_note" if is_credit else "invoice",
            issue_date=issued,
            due_date=issued + timedelta(days=rng.choice([0, 15, 30, 45])),
            currency=currency,
            total=Decimal(rng.randrange(1, 500000)) / 100,
            applies_to_id=target.id if target else None,
        )
        session.add(invoice)
        session.flush()
        if not is_credit:
            invoices.append(invoice)
    for n in range(25):
        client = rng.choice(clients)
        currency = rng.choice(["EUR", "EUR", "USD"])
        paid = START + timedelta(days=rng.randrange(0, 320))
        payment = Payment(
            client_id=client.id,
            date=paid,
            currency=currency,
            amount=Decimal(rng.randrange(1, 300000)) / 100,
            reference=f"P{n}",
        )
        session.add(payment)
        session.flush()
        own = [i for i in invoices if i.client_id == client.id]
        target = rng.choice(own) if own and rng.random() < 0.8 else None
        session.add(
            PaymentLine(
                payment_id=payment.id,
                amount=payment.amount,
                invoice_id=target.id if target else None,
            )
        )
    session.flush()
    recompute_allocations(session, [c.id for c in clients])
    return clients, invoices, facts


def _reference(session, as_of: date):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from app.db.repositories.ledger import allocation_inputs

    items: list[OpenItem] = []
    unapplied: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for client in session.scalars(select(Client)):
        invs, sources, apps = allocation_inputs(session, client.id)
        result = allocate(invs, sources, apps)
        due = {
            i.id: i for i in session.scalars(select(Invoice).where(Invoice.client_id == client.id))
        }
        paid: dict[int, Decimal] = defaultdict(Decimal)
        for a in result.allocations:
            if a.date <= as_of:
                paid[a.invoice_id] += a.amount
                unapplied[(client.code, due[a.invoice_id].currency)] -= a.amount
        for src in sources:
            if src.date <= as_of:
                unapplied[(client.code, src.currency)] += src.amount
        for inv in invs:
            if inv.issue_date <= as_of:
                items.append(
                    OpenItem(
                        client.code,
                        client.name,
                        inv.currency,
                        due[inv.id].due_date,
                        inv.total - paid[inv.id],
                    )
                )
    return age(items, dict(unapplied), as_of)


def test_sql_aging_matches_reference(services) -> None:
    rng = random.Random(20261122)
    for _round in range(4):
        with services.uow() as uow:
            s = uow.session
            _random_ledger(rng, s)
            for as_of in (date(2026, 3, 1), date(2026, 6, 30), date(2026, 11, 22)):
                expected = _reference(s, as_of)
                got = aging_rows(s, as_of)
                assert [(g.client_code, g.currency, g.buckets, g.unapplied) for g in got] == [
                    (e.client_code, e.currency, tuple(e.buckets.values()), e.unapplied)
                    for e in expected
                ], as_of
            for model in (PaymentLine, Payment, Invoice, Client):
                s.execute(delete(model))
