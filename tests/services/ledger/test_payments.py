"""Payments: oldest-first and by hand, leftover credit applied later, undo, delete."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.errors import InvalidInput
from app.services.ledger.payments import CREDIT, PaymentDraft
from tests.services.ledger.helpers import TODAY, add_client, add_invoice, balance

D = Decimal
_codes = itertools.count()


def _three(services):  # type: ignore[no-untyped-def]
    client = add_client(services)
    old = add_invoice(services, client, "F1", "100.00", date(2026, 1, 1), date(2026, 2, 1))
    mid = add_invoice(services, client, "F2", "200.00", date(2026, 2, 1), date(2026, 3, 1))
    new = add_invoice(services, client, "F3", "300.00", date(2026, 3, 1), date(2026, 4, 1))
    return client, old, mid, new


def test_automatic_allocation_goes_to_the_oldest(services) -> None:  # type: ignore[no-untyped-def]
    client, old, mid, new = _three(services)
    result = services.payments.record(PaymentDraft(client, date(2026, 5, 1), D("250.00")))
    assert (result.allocated, result.leftover) == (D("250.00"), D("0.00"))
    assert [balance(services, i) for i in (old, mid, new)] == [D("0.00"), D("50.00"), D("300.00")]


def test_disputed_invoices_are_skipped_by_the_automatic_split(services) -> None:  # type: ignore[no-untyped-def]
    client, old, mid, _new = _three(services)
    services.invoice_actions.dispute(old, "damaged", TODAY)
    services.payments.record(PaymentDraft(client, date(2026, 5, 1), D("100.00")))
    assert balance(services, old) == D("100.00")
    assert balance(services, mid) == D("100.00")


def test_by_hand_across_several_invoices_with_leftover(services) -> None:  # type: ignore[no-untyped-def]
    client, old, mid, new = _three(services)
    result = services.payments.record(
        PaymentDraft(
            client,
            date(2026, 5, 1),
            D("400.00"),
            method="transfer",
            reference="VIR 42",
            allocation=[(new, D("300.00")), (old, D("50.00"))],
        )
    )
    assert (result.allocated, result.leftover) == (D("350.00"), D("50.00"))
    assert [balance(services, i) for i in (old, mid, new)] == [D("50.00"), D("200.00"), D("0.00")]
    credits = services.payments.credits(client)
    assert [(c.source_kind, c.remaining, c.label) for c in credits] == [
        ("payment", D("50.00"), "VIR 42")
    ]


def test_overpayment_goes_to_credit(services) -> None:  # type: ignore[no-untyped-def]
    client, *_ = _three(services)
    result = services.payments.record(PaymentDraft(client, date(2026, 5, 1), D("700.00")))
    assert result.leftover == D("100.00")
    assert sum(c.remaining for c in services.payments.credits(client)) == D("100.00")


def test_parts_are_checked(services) -> None:  # type: ignore[no-untyped-def]
    client, old, mid, _new = _three(services)
    with pytest.raises(InvalidInput):
        services.payments.record(
            PaymentDraft(
                client,
                date(2026, 5, 1),
                D("100.00"),
                allocation=[(old, D("100.00")), (mid, D("1.00"))],
            )
        )
    with pytest.raises(InvalidInput):
        services.payments.record(
            PaymentDraft(client, date(2026, 5, 1), D("500.00"), allocation=[(old, D("150.00"))])
        )
    with pytest.raises(InvalidInput):
        services.payments.record(PaymentDraft(client, date(2026, 5, 1), D("0")))
    assert services.payments.payments(client) == []


def test_credit_applied_later_and_undone(services) -> None:  # type: ignore[no-untyped-def]
    client, old, mid, _new = _three(services)
    services.payments.record(PaymentDraft(client, date(2026, 5, 1), D("150.00"), allocation=CREDIT))
    assert balance(services, old) == D("100.00")
    credit = services.payments.credits(client)[0]
    services.payments.apply_credit("payment", credit.source_id, mid, D("120.00"), TODAY)
    assert balance(services, mid) == D("80.00")
    with pytest.raises(InvalidInput):
        services.payments.apply_credit("payment", credit.source_id, old, D("40.00"), TODAY)
    services.payments.unallocate("payment", credit.source_id, mid)
    assert balance(services, mid) == D("200.00")
    assert services.payments.credits(client)[0].remaining == D("150.00")


def test_automatic_application_of_every_credit(services) -> None:  # type: ignore[no-untyped-def]
    client, old, mid, _new = _three(services)
    services.payments.record(PaymentDraft(client, date(2026, 5, 1), D("130.00"), allocation=CREDIT))
    applied = services.payments.apply_credits_automatically(client, TODAY)
    assert applied.used == D("130.00")
    assert applied.changes.client_ids == {client}
    assert applied.changes.ledger
    assert [balance(services, i) for i in (old, mid)] == [D("0.00"), D("170.00")]
    assert services.payments.credits(client) == []


def test_undo_a_direct_allocation_and_delete_a_payment(services) -> None:  # type: ignore[no-untyped-def]
    client, old, _mid, _new = _three(services)
    result = services.payments.record(PaymentDraft(client, date(2026, 5, 1), D("100.00")))
    allocation = services.payments.allocations(invoice_id=old)[0]
    assert allocation.payment_id == result.payment_id
    services.payments.unallocate("payment", allocation.source_id, old)
    assert balance(services, old) == D("100.00")
    assert services.payments.credits(client)[0].remaining == D("100.00")
    services.payments.delete(result.payment_id)
    assert services.payments.credits(client) == []
    assert services.payments.payments(client) == []


def test_credit_note_applied_to_another_invoice(services) -> None:  # type: ignore[no-untyped-def]
    client, old, mid, _new = _three(services)
    note = services.invoice_actions.create_credit_note(
        old, "AV1", date(2026, 2, 1), D("100.00"), "cancelled"
    )
    services.payments.unallocate("credit_note", note.credit_note_id, old)
    assert balance(services, old) == D("100.00")
    services.payments.apply_credit("credit_note", note.credit_note_id, mid, D("60.00"), TODAY)
    assert balance(services, mid) == D("140.00")
    assert services.payments.credits(client)[0].remaining == D("40.00")


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(amounts=st.lists(st.integers(min_value=1, max_value=50_000), min_size=1, max_size=5))
def test_money_is_conserved(sqlite_services, amounts) -> None:  # type: ignore[no-untyped-def]
    """What the payments bring = what they settle + the credit left, whatever the amounts."""
    services = sqlite_services
    client = add_client(services, f"H{next(_codes)}")
    total = D(0)
    for n, cents in enumerate(amounts):
        add_invoice(services, client, f"H{client}-{n}", "123.45", date(2026, 1, 1 + n))
        paid = D(cents) / 100
        total += paid
        services.payments.record(PaymentDraft(client, date(2026, 3, 1), paid))
    settled = sum(a.amount for a in services.payments.allocations(client_id=client))
    left = sum(c.remaining for c in services.payments.credits(client))
    assert settled + left == total
    assert all(i.balance >= 0 for i in services.payments.open_items(client))
