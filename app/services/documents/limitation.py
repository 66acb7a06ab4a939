"""When a claim becomes time-barred, and the warnings a collection file carries about it.

Read simply (data/README.md §2.6 gives the finer rules): 5 years from the due date for a
business client, 2 years for a consumer. Relance warns, it never refuses.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta

WARN_DAYS = 90
YEARS = {"business": 5, "consumer": 2}


def limitation_date(client_type: str, due_date: date) -> date:
    years = YEARS.get(client_type, YEARS["business"])
    year = due_date.year + years
    day = min(due_date.day, calendar.monthrange(year, due_date.month)[1])
    return date(year, due_date.month, day)


def limitation_warning(
    number: str,
    limit: date,
    as_of: date,
    tr: Callable[[str], str],
    day: Callable[[date], str],
) -> str:
    """Empty while the limitation date is more than WARN_DAYS away."""
    if as_of >= limit:
        return tr("Warning: the claim on invoice {number} is time-barred since {date}.").format(
            number=number, date=day(limit)
        )
    if as_of >= limit - timedelta(days=WARN_DAYS):
        return tr(
            "Warning: the claim on invoice {number} becomes time-barred on {date}: act before then."
        ).format(number=number, date=day(limit))
    return ""
