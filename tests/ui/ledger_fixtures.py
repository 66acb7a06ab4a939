"""A small dossier and a context for driving the client, invoice and payment screens."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from app.services.ledger.clients import ClientData
from app.services.ledger.invoices import InvoiceData
from app.services.ledger.payments import PaymentDraft
from app.ui.changes import ChangeBus
from app.ui.context import ViewContext
from app.ui.tasks import TaskRunner

TODAY = date(2026, 11, 23)


def make_context(today: date = TODAY) -> ViewContext:
    errors: list[Exception] = []
    context = ViewContext(TaskRunner(), ChangeBus(), today=lambda: today, show_error=errors.append)
    context.errors = errors  # type: ignore[attr-defined]
    return context


def settle(qtbot: Any, context: ViewContext) -> None:
    """Wait until every background job is done and its result delivered."""
    qtbot.waitUntil(context.tasks.idle, timeout=15000)


def seed(services: Any) -> dict[str, int]:
    """Two clients; Martin has an overdue, a part-paid and a future invoice; Dupont is paid."""
    martin = services.clients.create(
        ClientData(
            code="C001",
            name="Boulangerie Martin",
            email="compta@martin.fr",
            city="Lyon",
            payment_terms="45 days end of month",
        )
    ).id
    dupont = services.clients.create(
        ClientData(
            code="C002",
            name="Garage Dupont",
            email="garage@dupont.fr",
            city="Nantes",
            payment_terms="30",
        )
    ).id
    ids = {"martin": martin, "dupont": dupont}
    for key, client, number, total, issued, due in (
        ("late", martin, "F2026-001", "1200.00", date(2026, 8, 1), date(2026, 9, 30)),
        ("part", martin, "F2026-002", "300.00", date(2026, 10, 20), date(2026, 12, 31)),
        ("future", martin, "F2026-003", "80.00", date(2026, 11, 20), date(2027, 1, 31)),
        ("paid", dupont, "F2026-004", "500.00", date(2026, 9, 1), date(2026, 10, 1)),
    ):
        ids[key] = services.invoices.create(
            InvoiceData(
                number=number,
                client_id=client,
                issue_date=issued,
                due_date=due,
                total=Decimal(total),
            ),
            TODAY,
        ).data.id
    services.payments.record(
        PaymentDraft(
            martin,
            date(2026, 11, 2),
            Decimal("100.00"),
            allocation=[(ids["part"], Decimal("100.00"))],
        )
    )
    services.payments.record(PaymentDraft(dupont, date(2026, 10, 1), Decimal("500.00")))
    return ids
