"""Small builders for client, invoice and payment tests through the public services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.services.ledger.clients import ClientData
from app.services.ledger.invoices import InvoiceData

TODAY = date(2026, 11, 23)


def add_client(services, code: str = "C001", **extra) -> int:  # type: ignore[no-untyped-def]
    values = {"name": f"Client {code}", "email": f"{code.lower()}@example.fr", **extra}
    return services.clients.create(ClientData(code=code, **values)).id


def add_invoice(  # type: ignore[no-untyped-def]
    services,
    client_id: int,
    number: str,
    total: str,
    issued: date,
    due: date | None = None,
    currency: str = "EUR",
) -> int:
    detail = services.invoices.create(
        InvoiceData(
            number=number,
            client_id=client_id,
            issue_date=issued,
            total=Decimal(total),
            due_date=due,
            currency=currency,
        ),
        TODAY,
    )
    return detail.data.id


def balance(services, invoice_id: int) -> Decimal:  # type: ignore[no-untyped-def]
    return services.invoices.get(invoice_id, TODAY).balance
