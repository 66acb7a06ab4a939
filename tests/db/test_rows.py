"""One decoder for driver rows: the same dates and amounts from SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import Integer, func, select, type_coerce

from app.db import rows
from app.db.models import Invoice
from tests.services.ledger.helpers import add_client, add_invoice


def test_values_decode_alike() -> None:
    assert rows.day("2026-03-01") == date(2026, 3, 1)
    assert rows.day(datetime(2026, 3, 1, 12, 0, tzinfo=UTC)) == date(2026, 3, 1)
    assert rows.day_or_none(None) is None
    assert rows.money(12345) == Decimal("123.45")
    assert str(rows.money(None)) == "0.00"


def test_driver_rows_of_both_databases(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services)
    add_invoice(services, client, "F1", "100.10", date(2026, 1, 31))
    add_invoice(services, client, "F2", "0.25", date(2026, 2, 1))
    with services.uow() as uow:
        read = rows.date_reader(uow.session)
        issued = uow.session.execute(
            select(rows.raw_date(Invoice.issue_date)).order_by(Invoice.number)
        ).scalars()
        assert [read(value) for value in issued] == [date(2026, 1, 31), date(2026, 2, 1)]
        cents = uow.session.scalar(select(func.sum(type_coerce(Invoice.total, Integer))))
        assert rows.money(cents) == Decimal("100.35")
