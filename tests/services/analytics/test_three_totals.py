"""The three "total owed" figures of the window, computed on the demo: what each counts and how
they meet (dashboard = aging total; the invoice list leaves out unapplied payments)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.domain.filters import CREDIT_NOTE, UNPAID, InvoiceFilter

AS_OF = date(2026, 11, 25)


def _balance(services, statuses: frozenset[str] = frozenset()) -> Decimal:  # type: ignore[no-untyped-def]
    totals = services.invoices.totals(InvoiceFilter(statuses=statuses), AS_OF)
    return sum((t.balance for t in totals if t.currency == "EUR"), Decimal(0))


def test_the_three_totals_owed_agree_on_the_demo(services) -> None:  # type: ignore[no-untyped-def]
    services.demo.generate(clients=20, invoices=300, seed=3, as_of=AS_OF)
    dashboard = services.analytics.key_figures(AS_OF).key.by_currency["EUR"].total_receivable
    aging = services.aging.report(AS_OF).totals["EUR"]
    in_buckets = sum(aging.buckets.values(), Decimal(0))
    listed = _balance(services)  # the invoice list's footer, no filter

    # the dashboard's "total receivable" is the aging's Total column
    assert dashboard == aging.total
    # the aging buckets hold the open invoices; "unapplied credit" is deducted from them
    assert aging.total == in_buckets - aging.unapplied
    assert in_buckets == _balance(services, frozenset({UNPAID}))
    # the list shows invoices and credit notes: the credit notes not yet applied come off,
    # the payments not yet applied (not in the list) stay in the aging's unapplied credit
    credit_notes = _balance(services, frozenset({CREDIT_NOTE}))
    assert listed == in_buckets + credit_notes
    unapplied_payments = aging.unapplied + credit_notes
    assert unapplied_payments >= 0
    assert listed - unapplied_payments == dashboard
    assert aging.unapplied > 0  # the demo has some, so the figures do differ
