"""The dashboard's key figures, from small aggregates the database sums up (one row per currency).

DSO (days sales outstanding) uses the simple method, stated in the tooltip:
    DSO = total receivable / sales (incl. tax) invoiced in the last 90 days × 90
It is None when nothing was invoiced in those 90 days. Amounts are never summed across
currencies; the average days late counts days only, so it is one figure for the dossier.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.domain.insight.risk import Grade, is_at_risk
from app.domain.money import ZERO

DSO_PERIOD_DAYS = 90
_RATE = Decimal("0.0001")
_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class CurrencyAggregate:
    """Sums for one currency on as_of.

    total_receivable: open balances less unapplied credit (the aging total);
    overdue_amount / overdue_count: open invoices past their due date;
    sales_last_90_days: invoices (incl. tax, less credit notes) issued in the 90 days to as_of.
    """

    currency: str
    total_receivable: Decimal
    overdue_amount: Decimal
    overdue_count: int
    sales_last_90_days: Decimal


@dataclass(frozen=True)
class ClientExposure:
    """One client's open balance in one currency, for the amount at risk."""

    client_id: int
    currency: str
    open_balance: Decimal


@dataclass(frozen=True)
class LatenessAggregate:
    """Settled invoices of the last 12 months: count and sum of days late (early counts 0)."""

    settled_count: int
    days_late_sum: int


@dataclass(frozen=True)
class CurrencyFigures:
    currency: str
    total_receivable: Decimal
    overdue_amount: Decimal
    overdue_share: Decimal | None
    overdue_count: int
    dso_days: int | None
    amount_at_risk: Decimal


@dataclass(frozen=True)
class KeyFigures:
    by_currency: dict[str, CurrencyFigures]
    average_days_late: Decimal | None


def overdue_share(overdue: Decimal, total: Decimal) -> Decimal | None:
    """Overdue / total receivable, between 0 and 1; None when nothing is receivable."""
    if total <= ZERO:
        return None
    return min(overdue / total, Decimal(1)).quantize(_RATE, rounding=ROUND_HALF_UP)


def days_sales_outstanding(receivable: Decimal, sales_last_90_days: Decimal) -> int | None:
    """Simple DSO in whole days: receivable / sales of the last 90 days × 90."""
    if sales_last_90_days <= ZERO:
        return None
    days = max(receivable, ZERO) / sales_last_90_days * DSO_PERIOD_DAYS
    return int(days.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def amount_at_risk(
    exposures: Iterable[ClientExposure], grades: Mapping[int, Grade | str]
) -> dict[str, Decimal]:
    """Open balances of clients graded D or E, per currency (new clients are not counted)."""
    totals: dict[str, Decimal] = {}
    for exposure in exposures:
        grade = grades.get(exposure.client_id)
        if grade is not None and is_at_risk(grade) and exposure.open_balance > ZERO:
            totals[exposure.currency] = totals.get(exposure.currency, ZERO) + exposure.open_balance
    return totals


def average_days_late(lateness: LatenessAggregate) -> Decimal | None:
    if lateness.settled_count <= 0:
        return None
    average = Decimal(lateness.days_late_sum) / Decimal(lateness.settled_count)
    return average.quantize(_TENTH, rounding=ROUND_HALF_UP)


def key_figures(
    aggregates: Iterable[CurrencyAggregate],
    exposures: Iterable[ClientExposure],
    grades: Mapping[int, Grade | str],
    lateness: LatenessAggregate,
) -> KeyFigures:
    """Every figure the dashboard shows, per currency, sorted by currency code."""
    at_risk = amount_at_risk(exposures, grades)
    figures = {}
    for aggregate in sorted(aggregates, key=lambda a: a.currency):
        figures[aggregate.currency] = CurrencyFigures(
            currency=aggregate.currency,
            total_receivable=aggregate.total_receivable,
            overdue_amount=aggregate.overdue_amount,
            overdue_share=overdue_share(aggregate.overdue_amount, aggregate.total_receivable),
            overdue_count=aggregate.overdue_count,
            dso_days=days_sales_outstanding(
                aggregate.total_receivable, aggregate.sales_last_90_days
            ),
            amount_at_risk=at_risk.get(aggregate.currency, ZERO),
        )
    return KeyFigures(figures, average_days_late(lateness))
