"""Small builders for the planner tests: one invoice issued 1 June 2026, due 1 July 2026."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.domain.followup.inputs import (
    ClientState,
    CompanySettings,
    DoneAction,
    InvoiceState,
    PlannedAction,
    PromiseToPay,
)
from app.domain.followup.planner import plan

ISSUE = date(2026, 6, 1)
DUE = date(2026, 7, 1)

# The default ladder of that invoice, weekends and French holidays moved.
DEFAULT_DATES = {
    "receipt_confirmation": date(2026, 6, 4),
    "courtesy": date(2026, 6, 26),
    "reminder_1": date(2026, 7, 8),
    "reminder_2": date(2026, 7, 16),
    "firm_reminder": date(2026, 7, 31),
    "formal_notice": date(2026, 8, 17),  # 15 August, a Saturday and Assumption
    "collection": date(2026, 8, 31),  # 30 August is a Sunday
}


def invoice(
    id: int = 1,
    *,
    client_id: int = 1,
    number: str | None = None,
    issue: date = ISSUE,
    due: date = DUE,
    balance: str = "100.00",
    currency: str = "EUR",
    **extra: object,
) -> InvoiceState:
    return InvoiceState(
        id=id,
        number=number or f"F{id:04d}",
        client_id=client_id,
        issue_date=issue,
        due_date=due,
        currency=currency,
        balance=Decimal(balance),
        **extra,
    )


def client(id: int = 1, *, code: str | None = None, **extra: object) -> ClientState:
    return ClientState(id=id, code=code or f"C{id:03d}", name=f"Client {id}", **extra)


def done(
    level: str, on: date, *invoice_ids: int, status: str = "done", **extra: object
) -> DoneAction:
    return DoneAction(
        invoice_ids=invoice_ids or (1,), level_code=level, date=on, status=status, **extra
    )


def run(
    invoices: list[InvoiceState],
    today: date,
    *,
    clients: list[ClientState] | None = None,
    settings: CompanySettings | None = None,
    promises: list[PromiseToPay] = (),
    history: list[DoneAction] = (),
    until: date | None = None,
) -> list[PlannedAction]:
    if clients is None:
        clients = [client(i) for i in sorted({inv.client_id for inv in invoices})]
    return plan(invoices, clients, today, settings, promises=promises, history=history, until=until)


def ladder(actions: list[PlannedAction]) -> list[tuple[date, str]]:
    return [(action.date, action.level_code) for action in actions]


def by_level(actions: list[PlannedAction], level: str) -> list[PlannedAction]:
    return [action for action in actions if action.level_code == level]
