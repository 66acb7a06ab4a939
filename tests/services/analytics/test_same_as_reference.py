"""The dossier measured by the fast path (per-client SQL, integer measures) gives exactly what the
pure domain gave before issue 15 when fed every invoice, allocation and reminder one by one:
open rows, behaviours, grades and the forecast, on a demo dossier with crafted edge cases
(credit notes, disputes, paused follow-up, write-offs, payment plans, unallocated credit,
another currency, a credit limit), on SQLite and PostgreSQL, today and on past dates."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db.models import (
    Allocation,
    Client,
    Instalment,
    Invoice,
    PaymentPlan,
    Reminder,
    ReminderInvoice,
)
from app.db.queries.analytics import InstalmentRow, OpenRow
from app.domain.insight.behaviour import ClientHistory, OpenInvoice, SettledInvoice
from app.domain.insight.prediction import DEFAULT_PRIOR
from app.services.analytics.forecast import forecast_items
from tests.domain.insight import reference
from tests.services.analytics.builders import AS_OF, Ledger, days


def _edge_cases(services) -> None:  # type: ignore[no-untyped-def]
    ledger = Ledger(services)
    # Paid late three times, then a credit note cancels a fourth invoice (never "paid").
    a = ledger.client("EDGE-A", credit_limit="500.00")
    for n in range(3):
        ledger.settled(a, AS_OF - days(200 - 40 * n), 12 + n)
    cancelled = ledger.invoice(a, AS_OF - days(50), "80.00")
    note = ledger.invoice(a, AS_OF - days(40), "80.00", kind="credit_note", applies_to=cancelled)
    del note
    ledger.invoice(a, AS_OF - days(90), "450.00", disputed=True)
    # Written off (before and after as_of), partly paid, a payment with credit left over.
    b = ledger.client("EDGE-B")
    ledger.invoice(b, AS_OF - days(300), "70.00", written_off_on=AS_OF - days(20))
    ledger.invoice(b, AS_OF - days(100), "60.00", written_off_on=AS_OF + days(5))
    part = ledger.invoice(b, AS_OF - days(75), "300.00")
    ledger.pay(b, AS_OF - days(30), "120.00", part)
    ledger.pay(b, AS_OF - days(10), "999.00")  # nothing aimed: unallocated credit
    # A payment plan, reminders after the due date, another currency only.
    c = ledger.client("EDGE-C")
    planned = ledger.invoice(c, AS_OF - days(45), "600.00")
    ledger.plan(planned, [(AS_OF - days(5), "200.00"), (AS_OF + days(25), "400.00")])
    ledger.pay(c, AS_OF - days(3), "150.00", planned)
    ledger.reminder(c, [planned], AS_OF - days(30))
    d = ledger.client("EDGE-D")
    for n in range(4):
        ledger.settled(d, AS_OF - days(320 - 60 * n), -3 + 9 * n, "40.00")
    usd = ledger.invoice(d, AS_OF - days(61), "1000.00", currency="USD")
    ledger.reminder(d, [usd], AS_OF - days(20))
    ledger.reminder(d, [usd], AS_OF - days(10))
    ledger.session.get(Invoice, usd).dunning_paused_until = AS_OF + days(30)
    ledger.done()


def _reference(session, as_of: date, company: str):  # type: ignore[no-untyped-def]
    """Every invoice read one by one and measured by the pre-issue-15 domain."""
    allocations = defaultdict(list)
    for row in session.scalars(select(Allocation)):
        allocations[row.invoice_id].append(row)
    sent = Counter(
        invoice_id
        for invoice_id, due, done, planned in session.execute(
            select(
                ReminderInvoice.invoice_id,
                Invoice.due_date,
                Reminder.done_on,
                Reminder.planned_date,
            )
            .join(Reminder, Reminder.id == ReminderInvoice.reminder_id)
            .join(Invoice, Invoice.id == ReminderInvoice.invoice_id)
            .where(Reminder.status == "done")
        )
        if due < (done or planned) <= as_of
    )
    open_rows, settled = defaultdict(list), defaultdict(list)
    for inv in session.scalars(select(Invoice).where(Invoice.kind == "invoice")):
        if inv.issue_date > as_of or (inv.written_off_on and inv.written_off_on <= as_of):
            continue
        mine = sorted(allocations[inv.id], key=lambda x: (x.date, x.id))
        paid = sum((x.amount for x in mine if x.date <= as_of), Decimal(0))
        if inv.total - paid > 0:
            open_rows[inv.client_id].append(
                OpenRow(
                    inv.id,
                    inv.number,
                    inv.client_id,
                    inv.currency,
                    inv.issue_date,
                    inv.due_date,
                    inv.total,
                    inv.total - paid,
                    inv.disputed,
                    sent[inv.id],
                )
            )
            continue
        running, closed = Decimal(0), None
        for x in mine:
            running += x.amount
            if running >= inv.total:
                closed = x.date
                break
        if closed and any(x.payment_line_id is not None for x in mine):
            settled[inv.client_id].append(
                SettledInvoice(inv.issue_date, inv.due_date, inv.total, closed, sent[inv.id])
            )
    limits = dict(session.execute(select(Client.id, Client.credit_limit)).all())
    behaviours = {}
    for client in set(open_rows) | set(settled):
        rows = open_rows.get(client, [])
        currency = company
        if rows and company not in {r.currency for r in rows}:
            totals = Counter()
            for r in rows:
                totals[r.currency] += r.balance
            currency = max(sorted(totals), key=lambda k: totals[k])
        history = ClientHistory(
            settled=settled.get(client, ()),
            open=[
                OpenInvoice(r.due_date, r.balance, r.currency, r.reminders, r.disputed)
                for r in rows
            ],
            credit_limit=limits.get(client) if currency == company else None,
            currency=currency,
        )
        behaviour = reference.payment_behaviour(history, as_of)
        if behaviour.settled_count or behaviour.open_count:
            behaviours[client] = behaviour
    return [r for rows in open_rows.values() for r in rows], behaviours


@pytest.mark.parametrize("back", [0, 90])
def test_the_fast_snapshot_is_the_pure_domain_on_every_invoice(services, back) -> None:  # type: ignore[no-untyped-def]
    services.demo.generate(40, 900, as_of=AS_OF)
    _edge_cases(services)
    as_of = AS_OF - timedelta(days=back)
    analytics = services.analytics
    snap = analytics.snapshot(as_of)
    with services.uow() as uow:
        expected_open, expected = _reference(
            uow.session, as_of, services.dossier.settings().currency
        )
        plans = [
            InstalmentRow(*r)
            for r in uow.session.execute(
                select(PaymentPlan.invoice_id, Instalment.due_date, Instalment.amount)
                .join(Instalment, Instalment.plan_id == PaymentPlan.id)
                .where(PaymentPlan.cancelled.is_(False))
                .order_by(PaymentPlan.invoice_id, Instalment.due_date, Instalment.id)
            )
        ]
    assert sorted(snap.open, key=lambda r: r.id) == sorted(expected_open, key=lambda r: r.id)
    assert {c: b for c, b in snap.behaviours.items() if b.settled_count or b.open_count} == expected
    assert snap.risks == {c: reference.assess_risk(b) for c, b in snap.behaviours.items()}
    assert {r.grade for r in snap.risks.values()} >= {"A", "new"}
    prior = (
        reference.delay_profile([d for b in expected.values() for d in b.delays]) or DEFAULT_PRIOR
    )
    profiles = {
        c: (reference.delay_profile(b.delays) if b.has_enough_history else None) or prior
        for c, b in expected.items()
    }
    grades = {c: r.grade for c, r in snap.risks.items()}
    items = forecast_items(expected_open, plans)
    assert analytics.forecast(as_of, 12, snapshot=snap) == reference.forecast_cash(
        items, as_of, profiles, prior, 12, None, grades
    )
