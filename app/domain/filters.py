"""Filters the screens pass down to the list queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class InvoiceFilter:
    text: str = ""
    client_id: int | None = None
    open_only: bool = False
    overdue_on: date | None = None
    due_from: date | None = None
    due_to: date | None = None
    currency: str | None = None
