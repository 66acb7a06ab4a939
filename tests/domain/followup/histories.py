"""Crafted client histories shared by the behaviour, risk and prediction tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from app.domain.insight.behaviour import ClientHistory, OpenInvoice, SettledInvoice

AS_OF = date(2026, 11, 25)  # a Wednesday


def settled(
    delay: int, paid_days_ago: int, *, terms: int = 30, reminders: int = 0, total: str = "100.00"
) -> SettledInvoice:
    """An invoice paid `paid_days_ago` days before AS_OF, `delay` days after its due date."""
    paid = AS_OF - timedelta(days=paid_days_ago)
    due = paid - timedelta(days=delay)
    return SettledInvoice(due - timedelta(days=terms), due, Decimal(total), paid, reminders)


def open_invoice(days_overdue: int, balance: str = "100.00", **kwargs: object) -> OpenInvoice:
    return OpenInvoice(AS_OF - timedelta(days=days_overdue), Decimal(balance), **kwargs)


def spread(delays: Sequence[int], *, every: int = 20, first: int = 5, **kwargs: object):
    """Settled invoices paid every `every` days, most recent first, with the given delays."""
    return tuple(settled(delay, first + i * every, **kwargs) for i, delay in enumerate(delays))


def perfect_payer() -> ClientHistory:
    return ClientHistory(settled=spread([-2, 0, -5, 0, -1, 0, -3, 0, 0, -1]))


def chronic_late_payer() -> ClientHistory:
    return ClientHistory(
        settled=spread([35, 28, 40, 31, 25, 38, 30, 33], reminders=2),
        open=(open_invoice(75, "1200.00"), open_invoice(20, "800.00"), open_invoice(-10)),
    )


def one_big_outlier() -> ClientHistory:
    return ClientHistory(settled=spread([0, 0, -1, 0, 150, 0, 2, 0, 0, -2]))


def new_client() -> ClientHistory:
    return ClientHistory(settled=spread([3, 0]), open=(open_invoice(-20),))
