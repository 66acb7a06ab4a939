"""The dashboard's "this week": reminders due, promises to pay falling due, disputes to follow."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.db.queries import analytics as q
from app.db.uow import UnitOfWork
from app.domain.money import ZERO

REMINDER, PROMISE, DISPUTE = "reminder", "promise", "dispute"


@dataclass(frozen=True)
class WeekLine:
    """One thing to do; `detail` is the level's name (reminders) or the dispute's reason."""

    kind: str
    day: date | None
    client_id: int | None
    client_code: str
    client_name: str
    invoice_numbers: tuple[str, ...]
    amount: Decimal | None
    currency: str
    detail: str = ""
    channel: str = ""
    status: str = ""


@dataclass(frozen=True)
class ThisWeek:
    first: date
    last: date
    reminders: list[WeekLine]
    promises: list[WeekLine]
    disputes: list[WeekLine]


def week_bounds(day: date) -> tuple[date, date]:
    """Monday and Sunday of the ISO week holding day."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


class WeekService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        agenda: Callable[[date, date, date], Sequence[Any]] | None = None,
    ) -> None:
        self._uow = uow
        self._agenda = agenda

    def promises(self, as_of: date, first: date, last: date) -> list[WeekLine]:
        """Promises falling due in the period, unless kept or their invoice is paid."""
        with self._uow() as uow:
            rows = q.promises_between(uow.session, first, last, as_of)
        return [
            WeekLine(
                PROMISE,
                r.promised_date,
                r.client_id,
                r.client_code,
                r.client_name,
                (r.invoice_number,) if r.invoice_number else (),
                r.amount or r.balance,
                r.currency,
            )
            for r in rows
            if r.outcome != "kept" and (r.balance is None or r.balance > ZERO)
        ]

    def disputes(self, as_of: date) -> list[WeekLine]:
        with self._uow() as uow:
            rows = q.open_disputes(uow.session, as_of)
        return [
            WeekLine(
                DISPUTE,
                r.due_date,
                r.client_id,
                r.client_code,
                r.client_name,
                (r.number,),
                r.balance,
                r.currency,
                detail=r.reason,
            )
            for r in rows
        ]

    def reminders(self, as_of: date) -> list[WeekLine]:
        """The follow-up plan's actions of the week, and those overdue still to catch up."""
        if self._agenda is None:
            return []
        first, last = week_bounds(as_of)
        return [
            WeekLine(
                REMINDER,
                e.date,
                getattr(e, "client_id", None),
                e.client,
                e.client_name,
                tuple(e.invoices),
                e.amount,
                e.currency,
                detail=getattr(e, "level_label", "") or e.level,
                channel=e.channel,
                status=e.status,
            )
            for e in self._agenda(first, last, as_of)
        ]

    def this_week(self, as_of: date, with_reminders: bool = True) -> ThisWeek:
        first, last = week_bounds(as_of)
        return ThisWeek(
            first,
            last,
            self.reminders(as_of) if with_reminders else [],
            self.promises(as_of, first, last),
            self.disputes(as_of),
        )
