from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db.models import Client, Invoice


def test_money_round_trips_exactly(services) -> None:
    with services.uow() as uow:
        client = Client(code="C1", name="Client")
        uow.session.add(client)
        uow.session.flush()
        for n, total in enumerate(["0.10", "0.20", "1234567.89"]):
            uow.session.add(
                Invoice(
                    number=f"F{n}",
                    client_id=client.id,
                    issue_date=date(2026, 1, 1),
                    due_date=date(2026, 1, 31),
                    total=Decimal(total),
                )
            )
        uow.commit()
    with services.uow() as uow:
        totals = sorted(uow.session.scalars(select(Invoice.total)))
    assert totals == [Decimal("0.10"), Decimal("0.20"), Decimal("1234567.89")]


def test_invoice_number_is_unique(services) -> None:
    from sqlalchemy.exc import IntegrityError

    with services.uow() as uow:
        client = Client(code="C1", name="Client")
        uow.session.add(client)
        uow.session.flush()
        for _ in range(2):
            uow.session.add(
                Invoice(
                    number="F1",
                    client_id=client.id,
                    issue_date=date(2026, 1, 1),
                    due_date=date(2026, 1, 31),
                    total=Decimal(1),
                )
            )
        with pytest.raises(IntegrityError):
            uow.session.flush()


def test_total_must_be_positive(services) -> None:
    from sqlalchemy.exc import IntegrityError

    with services.uow() as uow:
        client = Client(code="C1", name="Client")
        uow.session.add(client)
        uow.session.flush()
        uow.session.add(
            Invoice(
                number="F1",
                client_id=client.id,
                issue_date=date(2026, 1, 1),
                due_date=date(2026, 1, 31),
                total=Decimal("-5.00"),
            )
        )
        with pytest.raises(IntegrityError):
            uow.session.flush()


def test_float_money_is_refused(services) -> None:
    from sqlalchemy.exc import StatementError

    with services.uow() as uow:
        client = Client(code="C1", name="Client", credit_limit=12.5)  # type: ignore[arg-type]
        uow.session.add(client)
        with pytest.raises(StatementError):
            uow.session.flush()
