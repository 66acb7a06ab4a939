"""Receivable and overdue at a series of dates, in one pass over what was open on any of them.

An invoice counts on a date D from its issue until it is settled or written off; its balance
on D is its total less the allocations dated up to D. A payment or credit note is credit
from its date until fully used, less what it settled by D. The database maps every date to
the index of the first day of the series on or after it (or strictly after, for due dates),
and sums amounts per combination of indexes: a few hundred groups, whatever the dossier's
size. Only rows open on some day of the series are read, on the settlement indexes, and only
the allocations made before a settlement (partial payments) are summed. The result equals
`aging_rows` on every date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal, select, union_all
from sqlalchemy.orm import Session

from app.db.models import Allocation, Invoice, Payment, PaymentLine
from app.db.queries.open_items import LATEST, cents, without_jit
from app.db.rows import money


@dataclass(frozen=True)
class TrendFigures:
    """On one date, in one currency: aging total (receivable) and the overdue part."""

    day: date
    currency: str
    receivable: Decimal
    overdue: Decimal


class _Series:
    """SQL expressions mapping a date column to an index of the series (n: never), by a
    binary search written as nested CASEs (four comparisons a row for twelve days)."""

    def __init__(self, days: Sequence[date]) -> None:
        self.days = list(days)
        self.n = len(self.days)

    def starting(self, column: Any) -> Any:
        """First index whose day is on or after the date (NULL: n)."""
        return self._search(column, 0, self.n, strict=False)

    def after(self, column: Any) -> Any:
        """First index whose day is strictly after the date: overdue from the day after due."""
        return self._search(column, 0, self.n, strict=True)

    def _search(self, column: Any, low: int, high: int, strict: bool) -> Any:
        """First index in [low, high) whose day passes the test, else high."""
        if low == high:
            return literal(low)
        middle = (low + high) // 2
        day = self.days[middle]
        passes = column < day if strict else column <= day
        return case(
            (passes, self._search(column, low, middle, strict)),
            else_=self._search(column, middle + 1, high, strict),
        )


def _open_during(
    statement: Any, first: date, last: date, settled: Any, start: Any, kind: str | None = None
) -> list[Any]:
    """The rows of `statement` open on some day from first to last (started by last, not
    settled by first), in two parts that each run on the settlement index (see
    `open_items.open_invoices` for the `kind || ''`)."""
    never: tuple[ColumnElement[bool], ...]
    later: tuple[ColumnElement[bool], ...]
    if kind is None:
        never, later = (), ()
    else:
        never, later = (Invoice.kind == kind,), ((Invoice.kind + "") == kind,)
    return [
        statement.where(settled.is_(None), *never, start <= last),
        statement.where(settled > first, settled <= LATEST, *later, start <= last),
    ]


def trend_figures(session: Session, days: Sequence[date]) -> list[TrendFigures]:
    """Aging total and overdue amount per currency on each of `days`."""
    without_jit(session)
    series = _Series(sorted(days))
    first, last, n = series.days[0], series.days[-1], series.n
    idx, never = series.starting, literal(series.n)
    ends = (idx(Invoice.settled_on), idx(Invoice.written_off_on), series.after(Invoice.due_date))
    invoices = _open_during(
        select(Invoice.currency, literal(1), idx(Invoice.issue_date), *ends, cents(Invoice.total)),
        first,
        last,
        Invoice.settled_on,
        Invoice.issue_date,
        "invoice",
    )
    paid = _open_during(
        select(Invoice.currency, literal(1), idx(Allocation.date), *ends, -cents(Allocation.amount))
        .join(Allocation, Allocation.invoice_id == Invoice.id)
        .where(
            Invoice.allocated_from <= last,
            Invoice.allocated_from < func.coalesce(Invoice.settled_on, LATEST),
            Allocation.date <= last,
        ),
        first,
        last,
        Invoice.settled_on,
        Invoice.issue_date,
        "invoice",
    )
    used_later = Payment.date < func.coalesce(Payment.settled_on, LATEST)  # else never credit
    payments = _open_during(
        select(
            Payment.currency,
            literal(0),
            idx(Payment.date),
            idx(Payment.settled_on),
            never,
            never,
            cents(Payment.amount),
        ).where(used_later),
        first,
        last,
        Payment.settled_on,
        Payment.date,
    )
    payments_used = _open_during(
        select(
            Payment.currency,
            literal(0),
            idx(Allocation.date),
            idx(Payment.settled_on),
            never,
            never,
            -cents(Allocation.amount),
        )
        .join(PaymentLine, PaymentLine.payment_id == Payment.id)
        .join(Allocation, Allocation.payment_line_id == PaymentLine.id)
        .where(
            used_later,
            Allocation.date <= last,
            Allocation.date < func.coalesce(Payment.settled_on, LATEST),
        ),
        first,
        last,
        Payment.settled_on,
        Payment.date,
    )
    notes = _open_during(
        select(
            Invoice.currency,
            literal(0),
            idx(Invoice.issue_date),
            idx(Invoice.settled_on),
            never,
            never,
            cents(Invoice.total),
        ),
        first,
        last,
        Invoice.settled_on,
        Invoice.issue_date,
        "credit_note",
    )
    notes_used = _open_during(
        select(
            Invoice.currency,
            literal(0),
            idx(Allocation.date),
            idx(Invoice.settled_on),
            never,
            never,
            -cents(Allocation.amount),
        )
        .join(Allocation, Allocation.credit_note_id == Invoice.id)
        .where(Allocation.date <= last),
        first,
        last,
        Invoice.settled_on,
        Invoice.issue_date,
        "credit_note",
    )
    parts = union_all(*invoices, *paid, *payments, *payments_used, *notes, *notes_used).subquery()
    c = list(parts.c)
    query = select(*c[:6], func.sum(c[6])).group_by(*c[:6])

    receivable: dict[str, list[int]] = defaultdict(lambda: [0] * n)
    overdue: dict[str, list[int]] = defaultdict(lambda: [0] * n)
    for currency, is_invoice, start, settled, written_off, late, amount in session.execute(query):
        stop, amount = min(settled, written_off), int(amount)
        if is_invoice:
            _add(receivable[currency], start, stop, amount)
            _add(overdue[currency], max(start, late), stop, amount)
        else:
            _add(receivable[currency], start, stop, -amount)  # credit lowers the total
    return [
        TrendFigures(
            day,
            currency,
            money(receivable[currency][k]),
            money(overdue[currency][k]),
        )
        for currency in sorted(receivable)
        for k, day in enumerate(series.days)
    ]


def _add(series: list[int], start: int, stop: int, amount: int) -> None:
    for k in range(start, min(stop, len(series))):
        series[k] += amount
