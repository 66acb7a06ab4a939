"""One decoder for values read as plain driver rows (no ORM object in between).

SQLite hands dates back as ISO text and PostgreSQL as `date`; sums of Money columns come
back as integer cents on both. Every query that reads such rows decodes them here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import String, type_coerce
from sqlalchemy.orm import Session


def day(value: Any) -> date:
    """A date column or expression: ISO text (SQLite) or a date (PostgreSQL)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def day_or_none(value: Any) -> date | None:
    return None if value is None else day(value)


def money(value: Any) -> Decimal:
    """Integer cents (a SUM of Money columns; NULL when nothing was summed) as a Decimal with
    two places."""
    return Decimal(int(value or 0)).scaleb(-2)


def raw_date(column: Any) -> Any:
    """A date selected without SQLAlchemy's per-row processing; `date_reader` decodes it
    several times faster on large lists."""
    return type_coerce(column, String())


def _same(value: Any) -> Any:
    return value


def date_reader(session: Session) -> Callable[[Any], Any]:
    """The decoder of `raw_date` columns for this database (None stays None on PostgreSQL)."""
    return date.fromisoformat if session.get_bind().dialect.name == "sqlite" else _same
