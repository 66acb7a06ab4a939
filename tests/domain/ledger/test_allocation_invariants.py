"""Allocation under any mix of payments, credit notes and later applications of credit:
no invoice receives more than its total or than what was given for it, no balance or
leftover goes negative, and currencies never mix."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from app.domain.ledger.allocation import CreditApplication, InvoiceFacts, Source, allocate

D = date(2026, 1, 1)
cents = st.integers(1, 10**14).map(lambda n: Decimal(n).scaleb(-2))
currencies = st.sampled_from(["EUR", "USD"])


@given(
    invoices=st.lists(st.tuples(st.integers(0, 90), cents, currencies), min_size=1, max_size=6),
    sources=st.lists(
        st.tuples(
            st.sampled_from(["payment", "credit_note"]),
            st.integers(0, 120),
            cents,
            currencies,
            st.integers(-1, 6),
        ),
        max_size=10,
    ),
    applications=st.lists(
        st.tuples(st.integers(0, 12), st.integers(0, 6), st.integers(0, 150), cents),
        max_size=6,
    ),
)
def test_allocations_never_exceed_totals_or_what_was_given(  # type: ignore[no-untyped-def]
    invoices, sources, applications
) -> None:
    facts = [
        InvoiceFacts(i, D + timedelta(days=day), total, currency)
        for i, (day, total, currency) in enumerate(invoices)
    ]
    given_sources = [
        Source(kind, n, D + timedelta(days=day), amount, currency, target if target >= 0 else None)
        for n, (kind, day, amount, currency, target) in enumerate(sources)
    ]
    kinds = [kind for kind, *_rest in sources]
    given_applications = [
        CreditApplication(kinds[s] if s < len(kinds) else "payment", s, i, D + timedelta(days=d), a)
        for s, i, d, a in applications
    ]
    result = allocate(facts, given_sources, given_applications)

    by_invoice: dict[int, Decimal] = defaultdict(Decimal)
    by_source: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    currency_of = {(s.kind, s.id): s.currency for s in given_sources}
    for allocation in result.allocations:
        assert allocation.amount > 0
        assert isinstance(allocation.amount, Decimal)
        invoice = facts[allocation.invoice_id]
        key = (allocation.source_kind, allocation.source_id)
        assert currency_of[key] == invoice.currency
        assert allocation.date >= invoice.issue_date
        by_invoice[allocation.invoice_id] += allocation.amount
        by_source[key] += allocation.amount
    for invoice in facts:
        paid = sum((s.amount for s in given_sources if s.currency == invoice.currency), Decimal(0))
        assert by_invoice[invoice.id] <= min(invoice.total, paid)
        assert result.balances[invoice.id] == invoice.total - by_invoice[invoice.id] >= 0
    for source in given_sources:
        key = (source.kind, source.id)
        assert by_source[key] <= source.amount
        assert result.unapplied[key] == source.amount - by_source[key] >= 0
    assert allocate(facts, given_sources, given_applications) == result
