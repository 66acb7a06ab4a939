"""The unit of work recomputes the allocations of the clients a use case touched, once, at
commit; nothing is recomputed for a use case that is rolled back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from app.db.models import Allocation, Payment, PaymentLine
from tests.services.ledger.helpers import add_client, add_invoice


def _allocated(services, client_id: int) -> Decimal:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        total = uow.session.scalar(
            select(func.coalesce(func.sum(Allocation.amount), 0)).where(
                Allocation.client_id == client_id
            )
        )
    return Decimal(total)


def _pay(uow, client: int, invoice: int) -> None:  # type: ignore[no-untyped-def]
    payment = Payment(client_id=client, date=date(2026, 2, 1), amount=Decimal("60.00"))
    uow.session.add(payment)
    uow.session.flush()
    uow.session.add(PaymentLine(payment_id=payment.id, invoice_id=invoice, amount=Decimal("60.00")))
    uow.touch_client(client)


def test_touched_clients_are_allocated_at_commit(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services)
    invoice = add_invoice(services, client, "F1", "100.00", date(2026, 1, 1))
    with services.uow() as uow:
        _pay(uow, client, invoice)
    assert _allocated(services, client) == 0  # rolled back: nothing written, nothing derived
    with services.uow() as uow:
        _pay(uow, client, invoice)
        uow.commit()
    assert _allocated(services, client) == Decimal("60.00")
