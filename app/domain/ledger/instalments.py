"""Payment plans (échéancier): a balance split into dated instalments."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from app.domain.money import ZERO, quantum

MONTHS, WEEKS, DAYS = "months", "weeks", "days"
MAX_INSTALMENTS = 120


@dataclass(frozen=True)
class Part:
    due_date: date
    amount: Decimal


def add_months(day: date, months: int) -> date:
    """The same day `months` later, the month's last day when it has fewer (31 Jan → 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_dates(first: date, count: int, every: int = 1, unit: str = MONTHS) -> list[date]:
    if unit == MONTHS:
        return [add_months(first, every * n) for n in range(count)]
    step = timedelta(days=every * (7 if unit == WEEKS else 1))
    return [first + step * n for n in range(count)]


def split_evenly(
    amount: Decimal,
    count: int,
    first: date,
    every: int = 1,
    unit: str = MONTHS,
    currency: str = "EUR",
) -> list[Part]:
    """`count` equal instalments rounded down to the cent; what is left goes on the last one."""
    if count < 1 or amount <= ZERO:
        return []
    unit_of_money = quantum(currency)
    share = (amount / count).quantize(unit_of_money, rounding=ROUND_DOWN)
    amounts = [share] * (count - 1) + [amount - share * (count - 1)]
    return [Part(d, a) for d, a in zip(due_dates(first, count, every, unit), amounts, strict=True)]


def plan_faults(balance: Decimal, parts: list[Part]) -> list[tuple[int | None, str]]:
    """What is wrong with a plan, as (instalment index or None, fault code):
    'none', 'too_many', 'amount' (not above zero), 'order' (dates not strictly increasing),
    'total' (the instalments do not add up to the balance)."""
    if not parts:
        return [(None, "none")]
    faults: list[tuple[int | None, str]] = []
    if len(parts) > MAX_INSTALMENTS:
        faults.append((None, "too_many"))
    for index, part in enumerate(parts):
        if part.amount <= ZERO:
            faults.append((index, "amount"))
        if index and part.due_date <= parts[index - 1].due_date:
            faults.append((index, "order"))
    if sum((p.amount for p in parts), ZERO) != balance:
        faults.append((None, "total"))
    return faults
