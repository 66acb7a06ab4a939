"""Filters the screens pass down to the list queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

CREDIT_NOTE = "credit_note"
UNPAID = "unpaid"  # every invoice with something left to pay: open, partial, overdue, disputed


@dataclass(frozen=True)
class InvoiceFilter:
    """Every field narrows the list; statuses are derived as of `as_of` (today in the window)."""

    text: str = ""
    client_id: int | None = None
    open_only: bool = False
    overdue_on: date | None = None
    due_from: date | None = None
    due_to: date | None = None
    currency: str | None = None
    statuses: frozenset[str] = field(default_factory=frozenset)
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    bucket: str | None = None
    as_of: date | None = None
    issued_from: date | None = None
    issued_to: date | None = None
    open_on: date | None = None  # invoices with something owed on that day, as the aging counts


@dataclass(frozen=True)
class ClientFilter:
    text: str = ""
    include_archived: bool = False
    blocked_only: bool = False
