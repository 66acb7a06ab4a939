"""The client register and the invoice list, as plain rows for the screens."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.db.queries import registers as q
from app.db.queries.aging import aging_rows
from app.db.queries.registers import InvoiceLine
from app.domain.filters import InvoiceFilter
from app.db.uow import UnitOfWork
from app.domain.invoice_status import invoice_status
from app.domain.money import ZERO


@dataclass(frozen=True)
class ClientRow:
    id: int
    code: str
    name: str
    client_type: str
    preferred_channel: str
    terms_days: int | None
    city: str
    email: str
    dunning_blocked: bool
    balances: dict[str, Decimal]
    overdue: dict[str, Decimal]


@dataclass(frozen=True)
class InvoiceRow:
    line: InvoiceLine
    status: str
    days_overdue: int


class RegisterService:
    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self._uow = uow

    def clients(self, today: date, search: str = "") -> list[ClientRow]:
        with self._uow() as uow:
            lines = q.clients(uow.session, search)
            figures = aging_rows(uow.session, today)
        balances: dict[int, dict[str, Decimal]] = {}
        overdue: dict[int, dict[str, Decimal]] = {}
        for f in figures:
            balances.setdefault(f.client_id, {})[f.currency] = sum(f.buckets, ZERO) - f.unapplied
            overdue.setdefault(f.client_id, {})[f.currency] = sum(f.buckets[1:], ZERO)
        return [
            ClientRow(*(getattr(line, name) for name in line.__dataclass_fields__),
                      balances=balances.get(line.id, {}), overdue=overdue.get(line.id, {}))
            for line in lines
        ]

    def invoice_count(self, flt: InvoiceFilter) -> int:
        with self._uow() as uow:
            return q.invoice_count(uow.session, flt)

    def invoice_page(
        self, flt: InvoiceFilter, today: date, sort: str = "due_date", descending: bool = False,
        after: InvoiceRow | None = None, limit: int = 500,
    ) -> list[InvoiceRow]:
        key = (q.sort_value(after.line, sort), after.line.id) if after else None
        with self._uow() as uow:
            lines = q.invoice_page(uow.session, flt, sort, descending, key, limit)
        return [
            InvoiceRow(
                line,
                invoice_status(line.total, line.balance, line.due_date, today,
                               disputed=line.disputed, written_off=line.written_off)
                if line.kind == "invoice" else "credit_note",
                max(0, (today - line.due_date).days) if line.balance > 0 else 0,
            )
            for line in lines
        ]
