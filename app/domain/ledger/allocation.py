"""Allocation of payments and credit notes to invoices, in date order.

The rule of docs/commands.md: each payment part or credit note is allocated, on its own date, up to
the balance its target invoice has on that date (earlier events first); what is left over, or
a part with no target, is the client's unapplied credit. An application of credit made later
(the user applies a leftover to an invoice) is one more dated event drawing on that credit.
Allocations are derived data: recomputing them from the events always gives the same result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.money import ZERO


@dataclass(frozen=True)
class InvoiceFacts:
    id: int
    issue_date: date
    total: Decimal
    currency: str


@dataclass(frozen=True)
class Source:
    """Money the client gave (a payment part) or was given (a credit note)."""

    kind: str  # "payment" | "credit_note"
    id: int
    date: date
    amount: Decimal
    currency: str
    target_invoice_id: int | None


@dataclass(frozen=True)
class CreditApplication:
    """The user applies (part of) a source's leftover to an invoice on a date."""

    source_kind: str
    source_id: int
    invoice_id: int
    date: date
    amount: Decimal


@dataclass(frozen=True)
class Allocation:
    invoice_id: int
    source_kind: str
    source_id: int
    amount: Decimal
    date: date


@dataclass(frozen=True)
class AllocationResult:
    allocations: list[Allocation]
    unapplied: dict[tuple[str, int], Decimal]  # leftover per source
    balances: dict[int, Decimal]  # invoice balance after every event


def allocate(
    invoices: list[InvoiceFacts],
    sources: list[Source],
    applications: list[CreditApplication] = (),  # type: ignore[assignment]
) -> AllocationResult:
    """Allocate every source of one client; deterministic for the same input."""
    by_id = {inv.id: inv for inv in invoices}
    balance: dict[int, Decimal] = {inv.id: inv.total for inv in invoices}
    left: dict[tuple[str, int], Decimal] = {}
    source_currency: dict[tuple[str, int], str] = {}
    allocations: list[Allocation] = []

    # Events: (date, order, tiebreak, payload). Sources before applications on the same day.
    events: list[tuple[date, int, str, int, object]] = []
    for src in sources:
        events.append((src.date, 0, src.kind, src.id, src))
    for index, app in enumerate(applications):
        events.append((app.date, 1, app.source_kind, index, app))
    events.sort(key=lambda e: (e[0], e[1], e[2], e[3]))

    for _day, _order, _kind, _key, payload in events:
        if isinstance(payload, Source):
            src = payload
            key = (src.kind, src.id)
            left[key] = src.amount
            source_currency[key] = src.currency
            target = by_id.get(src.target_invoice_id) if src.target_invoice_id else None
            if target is not None and target.currency == src.currency:
                when = max(src.date, target.issue_date)
                amount = min(left[key], balance[target.id])
                if amount > ZERO:
                    allocations.append(Allocation(target.id, src.kind, src.id, amount, when))
                    balance[target.id] -= amount
                    left[key] -= amount
        else:
            assert isinstance(payload, CreditApplication)
            app = payload
            key = (app.source_kind, app.source_id)
            target = by_id.get(app.invoice_id)
            if key not in left or target is None or source_currency[key] != target.currency:
                continue
            when = max(app.date, target.issue_date)
            amount = min(app.amount, left[key], balance[target.id])
            if amount > ZERO:
                allocations.append(
                    Allocation(target.id, app.source_kind, app.source_id, amount, when)
                )
                balance[target.id] -= amount
                left[key] -= amount

    return AllocationResult(allocations=allocations, unapplied=left, balances=balance)


def oldest_first(
    open_balances: list[tuple[int, date, Decimal]], amount: Decimal
) -> list[tuple[int, Decimal]]:
    """Split an amount over open invoices, oldest due date first: [(invoice_id, part)]."""
    parts: list[tuple[int, Decimal]] = []
    remaining = amount
    for invoice_id, _due, open_amount in sorted(open_balances, key=lambda r: (r[1], r[0])):
        if remaining <= ZERO:
            break
        part = min(remaining, open_amount)
        if part > ZERO:
            parts.append((invoice_id, part))
            remaining -= part
    return parts
