from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from app.domain.ledger.allocation import (
    CreditApplication,
    InvoiceFacts,
    Source,
    allocate,
    oldest_first,
)

D = date(2026, 1, 1)
amounts = st.integers(min_value=1, max_value=100_000).map(lambda c: Decimal(c) / 100)


def test_payment_beyond_balance_leaves_credit() -> None:
    result = allocate(
        [InvoiceFacts(1, D, Decimal("100.00"), "EUR")],
        [Source("payment", 10, D, Decimal("150.00"), "EUR", 1)],
    )
    assert [a.amount for a in result.allocations] == [Decimal("100.00")]
    assert result.unapplied[("payment", 10)] == Decimal("50.00")
    assert result.balances[1] == Decimal("0.00")


def test_earlier_events_are_served_first() -> None:
    invoice = InvoiceFacts(1, D, Decimal("100.00"), "EUR")
    late = Source("payment", 2, D + timedelta(days=10), Decimal("80.00"), "EUR", 1)
    early = Source("credit_note", 3, D + timedelta(days=5), Decimal("70.00"), "EUR", 1)
    result = allocate([invoice], [late, early])
    assert result.unapplied[("credit_note", 3)] == Decimal("0.00")
    assert result.unapplied[("payment", 2)] == Decimal("50.00")


def test_payment_before_issue_counts_from_issue_date() -> None:
    invoice = InvoiceFacts(1, D + timedelta(days=30), Decimal("10.00"), "EUR")
    result = allocate([invoice], [Source("payment", 1, D, Decimal("10.00"), "EUR", 1)])
    assert result.allocations[0].date == D + timedelta(days=30)


def test_other_currency_is_never_allocated() -> None:
    result = allocate(
        [InvoiceFacts(1, D, Decimal("100.00"), "USD")],
        [Source("payment", 1, D, Decimal("100.00"), "EUR", 1)],
    )
    assert result.allocations == []
    assert result.unapplied[("payment", 1)] == Decimal("100.00")


def test_later_application_of_credit() -> None:
    invoices = [InvoiceFacts(1, D, Decimal("100.00"), "EUR")]
    sources = [Source("payment", 1, D, Decimal("60.00"), "EUR", None)]
    apply_on = D + timedelta(days=20)
    result = allocate(
        invoices, sources, [CreditApplication("payment", 1, 1, apply_on, Decimal("100.00"))]
    )
    assert [(a.amount, a.date) for a in result.allocations] == [(Decimal("60.00"), apply_on)]
    assert result.unapplied[("payment", 1)] == Decimal("0.00")


def test_oldest_first_split() -> None:
    parts = oldest_first(
        [
            (1, D + timedelta(days=10), Decimal("50")),
            (2, D, Decimal("30")),
            (3, D + timedelta(days=20), Decimal("40")),
        ],
        Decimal("70"),
    )
    assert parts == [(2, Decimal("30")), (1, Decimal("40"))]


@given(
    totals=st.lists(amounts, min_size=1, max_size=5),
    payments=st.lists(
        st.tuples(st.integers(0, 60), amounts, st.integers(-1, 4), st.sampled_from(["EUR", "USD"])),
        max_size=8,
    ),
)
def test_money_is_conserved_and_balances_never_negative(totals, payments) -> None:  # type: ignore[no-untyped-def]
    invoices = [InvoiceFacts(i, D, t, "EUR") for i, t in enumerate(totals)]
    sources = [
        Source(
            "payment",
            n,
            D + timedelta(days=day),
            amount,
            currency,
            target if 0 <= target < len(totals) else None,
        )
        for n, (day, amount, target, currency) in enumerate(payments)
    ]
    result = allocate(invoices, sources)
    allocated: dict[int, Decimal] = defaultdict(Decimal)
    for a in result.allocations:
        allocated[a.invoice_id] += a.amount
        assert a.amount > 0
    for inv in invoices:
        assert Decimal(0) <= result.balances[inv.id] == inv.total - allocated[inv.id]
    given_total = sum((s.amount for s in sources), Decimal(0))
    assert given_total == sum(allocated.values(), Decimal(0)) + sum(
        result.unapplied.values(), Decimal(0)
    )
    assert allocate(invoices, sources) == result
