"""Edit ▸ Undo of an allocation by hand: the allocations come back exactly as they were."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.errors import InvalidInput
from app.services.ledger.payments import CREDIT, PaymentDraft
from tests.services.ledger.helpers import TODAY, add_client, add_invoice, balance

D = Decimal


def _state(services, client: int):  # type: ignore[no-untyped-def]
    """Everything the allocations decide: each allocation, the balances, the credit left."""
    allocations = [
        (a.invoice_id, a.source_kind, a.source_id, a.date, a.amount)
        for a in services.payments.allocations(client_id=client)
    ]
    credits = [(c.source_kind, c.source_id, c.remaining) for c in services.payments.credits(client)]
    invoices = services.payments.open_items(client)
    return allocations, credits, [(i.invoice_id, i.balance) for i in invoices]


def _client(services):  # type: ignore[no-untyped-def]
    client = add_client(services)
    old = add_invoice(services, client, "F1", "100.00", date(2026, 1, 1), date(2026, 2, 1))
    mid = add_invoice(services, client, "F2", "200.00", date(2026, 2, 1), date(2026, 3, 1))
    new = add_invoice(services, client, "F3", "300.00", date(2026, 3, 1), date(2026, 4, 1))
    return client, old, mid, new


def test_undo_a_credit_applied_by_hand(services) -> None:  # type: ignore[no-untyped-def]
    client, old, mid, _new = _client(services)
    services.payments.record(PaymentDraft(client, date(2026, 5, 1), D("150.00"), allocation=CREDIT))
    credit = services.payments.credits(client)[0]
    first = services.allocation_undo.apply_credit(
        "payment", credit.source_id, old, D("30.00"), TODAY
    )
    before = _state(services, client)
    change = services.allocation_undo.apply_credit(
        "payment", credit.source_id, mid, D("120.00"), TODAY
    )
    assert change.changes.ledger
    assert change.changes.client_ids == {client}
    assert balance(services, mid) == D("80.00")
    undone = services.allocation_undo.undo(change)
    assert undone.client_ids == {client}
    assert _state(services, client) == before
    assert balance(services, mid) == D("200.00")
    assert balance(services, old) == D("70.00")  # the earlier application stays
    services.allocation_undo.undo(first)
    assert balance(services, old) == D("100.00")
    assert services.payments.credits(client)[0].remaining == D("150.00")


def test_undo_taking_a_payment_off_an_invoice(services) -> None:  # type: ignore[no-untyped-def]
    client, old, mid, new = _client(services)
    services.payments.record(
        PaymentDraft(
            client,
            date(2026, 5, 1),
            D("450.00"),
            allocation=[(new, D("300.00")), (old, D("100.00"))],
        )
    )
    credit = services.payments.credits(client)[0]  # the 50 left over
    services.payments.apply_credit("payment", credit.source_id, mid, D("50.00"), TODAY)
    before = _state(services, client)
    line = next(a for a in services.payments.allocations(invoice_id=new))
    change = services.allocation_undo.unallocate("payment", line.source_id, new)
    assert balance(services, new) == D("300.00")
    services.allocation_undo.undo(change)
    assert _state(services, client) == before
    assert [balance(services, i) for i in (old, mid, new)] == [D("0.00"), D("150.00"), D("0.00")]


def test_undo_taking_a_credit_note_off_its_invoice(services) -> None:  # type: ignore[no-untyped-def]
    client, old, mid, _new = _client(services)
    note = services.invoice_actions.create_credit_note(
        old, "AV1", date(2026, 2, 1), D("100.00"), "cancelled"
    )
    before = _state(services, client)
    change = services.allocation_undo.unallocate("credit_note", note.credit_note_id, old)
    assert balance(services, old) == D("100.00")
    moved = services.allocation_undo.apply_credit(
        "credit_note", note.credit_note_id, mid, D("60.00"), TODAY
    )
    assert balance(services, mid) == D("140.00")
    services.allocation_undo.undo(moved)
    assert balance(services, mid) == D("200.00")
    services.allocation_undo.undo(change)
    assert _state(services, client) == before
    assert balance(services, old) == D("0.00")


def test_an_undo_refuses_once_the_source_changed_since(services) -> None:  # type: ignore[no-untyped-def]
    client, old, mid, _new = _client(services)
    services.payments.record(PaymentDraft(client, date(2026, 5, 1), D("150.00"), allocation=CREDIT))
    credit = services.payments.credits(client)[0]
    change = services.allocation_undo.apply_credit(
        "payment", credit.source_id, old, D("100.00"), TODAY
    )
    services.payments.apply_credit("payment", credit.source_id, mid, D("50.00"), TODAY)
    after_both = _state(services, client)
    with pytest.raises(InvalidInput, match="changed since"):
        services.allocation_undo.undo(change)
    assert _state(services, client) == after_both  # nothing was written


def test_undo_a_payment_recorded_by_hand(services) -> None:  # type: ignore[no-untyped-def]
    client, old, mid, new = _client(services)
    services.payments.record(PaymentDraft(client, date(2026, 4, 1), D("50.00")))  # stays
    before = _state(services, client)
    recorded = services.allocation_undo.record(
        PaymentDraft(client, date(2026, 5, 1), D("400.00"), allocation=[(new, D("300.00"))])
    )
    assert (recorded.allocated, recorded.leftover) == (D("300.00"), D("100.00"))
    assert recorded.changes.client_ids == {client}
    assert balance(services, new) == D("0.00")
    services.allocation_undo.undo_record(recorded)
    assert _state(services, client) == before
    assert [p.amount for p in services.payments.payments(client)] == [D("50.00")]
    assert [balance(services, i) for i in (old, mid, new)] == [D("50.00"), D("200.00"), D("300.00")]


def test_a_payment_whose_credit_was_applied_since_is_not_deleted(services) -> None:  # type: ignore[no-untyped-def]
    client, old, _mid, _new = _client(services)
    recorded = services.allocation_undo.record(
        PaymentDraft(client, date(2026, 5, 1), D("80.00"), allocation=CREDIT)
    )
    credit = services.payments.credits(client)[0]
    services.payments.apply_credit("payment", credit.source_id, old, D("80.00"), TODAY)
    with pytest.raises(InvalidInput, match="changed since"):
        services.allocation_undo.undo_record(recorded)
    assert balance(services, old) == D("20.00")
    assert len(services.payments.payments(client)) == 1
