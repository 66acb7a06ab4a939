"""Lettering read as allocations: credits settle the lettered debits, oldest first."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from app.domain.ledger.lettering import Lettered, Match, match

D = Decimal


def test_full_lettering_settles_every_invoice_of_the_code() -> None:
    debits = [
        Lettered("F2", date(2026, 2, 1), D("200")),
        Lettered("F1", date(2026, 1, 1), D("100")),
    ]
    credits = [Lettered("P1", date(2026, 3, 1), D("300"))]
    assert match(debits, credits) == [Match("P1", "F1", D("100")), Match("P1", "F2", D("200"))]


def test_partial_lettering_leaves_the_newest_invoice_open() -> None:
    debits = [Lettered("F1", date(2026, 1, 1), D("100")), Lettered("F2", date(2026, 2, 1), D("80"))]
    credits = [
        Lettered("AV", date(2026, 1, 5), D("30")),
        Lettered("P1", date(2026, 3, 1), D("120")),
    ]
    assert match(debits, credits) == [
        Match("AV", "F1", D("30")),
        Match("P1", "F1", D("70")),
        Match("P1", "F2", D("50")),
    ]


def test_a_credit_larger_than_the_debits_keeps_its_rest() -> None:
    found = match(
        [Lettered("F1", date(2026, 1, 1), D("10"))], [Lettered(1, date(2026, 1, 2), D("25"))]
    )
    assert found == [Match(1, "F1", D("10"))]


amounts = st.decimals(min_value=D("0.01"), max_value=D("9999"), places=2)


@given(st.lists(amounts, max_size=6), st.lists(amounts, max_size=6))
def test_nothing_is_settled_twice(debits: list[Decimal], credits: list[Decimal]) -> None:
    day = date(2026, 1, 1)
    found = match(
        [Lettered(f"F{i}", day, a) for i, a in enumerate(debits)],
        [Lettered(i, day, a) for i, a in enumerate(credits)],
    )
    assert sum((m.amount for m in found), D(0)) == min(sum(debits, D(0)), sum(credits, D(0)))
    for i, amount in enumerate(debits):
        assert sum((m.amount for m in found if m.debit == f"F{i}"), D(0)) <= amount
    for i, amount in enumerate(credits):
        assert sum((m.amount for m in found if m.credit == i), D(0)) <= amount
