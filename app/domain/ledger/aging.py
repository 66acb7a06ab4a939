"""Aged receivables: the bucket rules, once (the SQL query binds the same limits)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from app.domain.money import ZERO

BUCKETS = ("current", "1-30", "31-60", "61-90", "over_90")
DEFAULT_LIMITS = (30, 60, 90)


def bucket_names(limits: tuple[int, ...] = DEFAULT_LIMITS) -> tuple[str, ...]:
    """('current', '1-30', '31-60', '61-90', 'over_90') for the default limits."""
    names = ["current"]
    low = 1
    for high in limits:
        names.append(f"{low}-{high}")
        low = high + 1
    names.append(f"over_{limits[-1]}")
    return tuple(names)


def days_overdue(due_date: date, as_of: date) -> int:
    return (as_of - due_date).days


def bucket_index(days: int, limits: tuple[int, ...] = DEFAULT_LIMITS) -> int:
    """0 for not yet due or due on the as-of date; then one bucket per limit; then over."""
    if days <= 0:
        return 0
    for index, high in enumerate(limits, start=1):
        if days <= high:
            return index
    return len(limits) + 1


def bucket_for(due_date: date, as_of: date, limits: tuple[int, ...] = DEFAULT_LIMITS) -> str:
    return bucket_names(limits)[bucket_index(days_overdue(due_date, as_of), limits)]


def due_date_bounds(as_of: date, limits: tuple[int, ...] = DEFAULT_LIMITS) -> list[date]:
    """Due-date thresholds for SQL: bucket i holds due dates in (bounds[i], bounds[i-1]].

    bounds[0] = as_of (due on or before it is overdue from 1 day), then as_of - limit days.
    """
    return [as_of] + [as_of - timedelta(days=limit) for limit in limits]


@dataclass
class AgingRow:
    client_code: str
    client_name: str
    currency: str
    buckets: dict[str, Decimal] = field(default_factory=dict)
    unapplied: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return sum(self.buckets.values(), ZERO) - self.unapplied

    @property
    def is_empty(self) -> bool:
        return self.unapplied == ZERO and all(v == ZERO for v in self.buckets.values())


@dataclass(frozen=True)
class OpenItem:
    """An invoice's balance on the as-of date (input of the pure reference computation)."""

    client_code: str
    client_name: str
    currency: str
    due_date: date
    balance: Decimal


def age(
    items: list[OpenItem],
    unapplied: dict[tuple[str, str], Decimal],
    as_of: date,
    limits: tuple[int, ...] = DEFAULT_LIMITS,
    names: dict[str, str] | None = None,
) -> list[AgingRow]:
    """Reference aging in pure Python; the SQL report must agree with it."""
    names = dict(names or {})
    labels = bucket_names(limits)
    rows: dict[tuple[str, str], AgingRow] = {}

    def row(code: str, name: str, currency: str) -> AgingRow:
        key = (code, currency)
        if key not in rows:
            rows[key] = AgingRow(code, name, currency, dict.fromkeys(labels, ZERO))
        return rows[key]

    for item in items:
        names.setdefault(item.client_code, item.client_name)
        if item.balance == ZERO:
            continue
        target = row(item.client_code, item.client_name, item.currency)
        target.buckets[bucket_for(item.due_date, as_of, limits)] += item.balance
    for (code, currency), amount in unapplied.items():
        if amount != ZERO:
            row(code, names.get(code, code), currency).unapplied += amount
    result = [r for r in rows.values() if not r.is_empty]
    result.sort(key=lambda r: (r.client_code, r.currency))
    return result


def totals_by_currency(rows: list[AgingRow]) -> dict[str, AgingRow]:
    totals: dict[str, AgingRow] = {}
    for r in rows:
        t = totals.setdefault(
            r.currency, AgingRow("", "", r.currency, dict.fromkeys(r.buckets, ZERO))
        )
        for name, value in r.buckets.items():
            t.buckets[name] += value
        t.unapplied += r.unapplied
    return dict(sorted(totals.items()))
