"""An invoice's status is derived from its figures, never typed by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

OPEN, PARTIALLY_PAID, PAID, OVERDUE, DISPUTED, WRITTEN_OFF = (
    "open",
    "partially_paid",
    "paid",
    "overdue",
    "disputed",
    "written_off",
)
STATUSES = (OPEN, PARTIALLY_PAID, PAID, OVERDUE, DISPUTED, WRITTEN_OFF)


def invoice_status(
    total: Decimal,
    balance: Decimal,
    due_date: date,
    today: date,
    *,
    disputed: bool = False,
    written_off: bool = False,
) -> str:
    """Written off first; then paid; then disputed; then overdue (due before today); partial."""
    if written_off:
        return WRITTEN_OFF
    if balance <= 0:
        return PAID
    if disputed:
        return DISPUTED
    if due_date < today:
        return OVERDUE
    if balance < total:
        return PARTIALLY_PAID
    return OPEN


def days_late(due_date: date, today: date, balance: Decimal) -> int:
    """Whole days past the due date while something is left to pay; 0 otherwise."""
    return max(0, (today - due_date).days) if balance > 0 else 0
