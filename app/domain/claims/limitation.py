"""Limitation (prescription): the day a claim on one invoice can no longer be enforced.

data/README.md §2.6. Relance warns, it never refuses. Readings (docs/claims.md):
- the period runs from the due date (business clients) or the issue date (consumers: the
  earliest plausible start, so the warning is never late);
- the claim is taken as time-barred ON the anniversary of the start (start + N years; a
  29 February start gives 28 February), the earliest reading of "N years";
- an acknowledgement by the debtor (a partial payment, a promise to pay) made before that
  day starts a new period of the same length from its own date (FR C. civ. 2240 and 2231,
  BE old C. civ. 2248); one made on or after it revives nothing; a formal notice never
  interrupts;
- Belgian consumers: 1 year (old C. civ. 2272 al. 2, goods sold by a merchant) is used for
  every invoice, since Relance cannot tell goods from services (10 years otherwise).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from datetime import date as Date

WARNING_DAYS = 90  # warn 90 days before the date (§2.6)

FR_BUSINESS = "fr_business"
FR_CONSUMER = "fr_consumer"
BE_BUSINESS = "be_business"
BE_CONSUMER = "be_consumer"

FROM_DUE_DATE = "due_date"
FROM_ISSUE_DATE = "issue_date"

# Warning states of a limitation date on a day.
SOON = "soon"  # within WARNING_DAYS
TODAY = "today"  # the claim becomes time-barred today
PAST = "past"  # time-barred since an earlier day


@dataclass(frozen=True)
class LimitationRule:
    """One rule of §2.6: its length, its start and the articles a user can check."""

    code: str
    years: int
    starts_from: str
    articles: tuple[str, ...]
    interruption_articles: tuple[str, ...]


RULES = {
    FR_BUSINESS: LimitationRule(
        FR_BUSINESS,
        5,
        FROM_DUE_DATE,
        ("C. com. art. L110-4 I", "C. civ. art. 2224"),
        ("C. civ. art. 2240", "C. civ. art. 2231"),
    ),
    FR_CONSUMER: LimitationRule(
        FR_CONSUMER,
        2,
        FROM_ISSUE_DATE,
        ("C. consom. art. L218-2",),
        ("C. civ. art. 2240", "C. civ. art. 2231"),
    ),
    BE_BUSINESS: LimitationRule(
        BE_BUSINESS,
        10,
        FROM_DUE_DATE,
        ("anc. C. civ. art. 2262bis §1",),
        ("anc. C. civ. art. 2248",),
    ),
    BE_CONSUMER: LimitationRule(
        BE_CONSUMER,
        1,
        FROM_ISSUE_DATE,
        ("anc. C. civ. art. 2272 al. 2", "anc. C. civ. art. 2262bis §1"),
        ("anc. C. civ. art. 2248",),
    ),
}


@dataclass(frozen=True)
class Limitation:
    """The limitation date of one invoice and how it was reached."""

    date: date  # the first day the claim may be time-barred
    rule: LimitationRule
    start: Date  # the due or issue date the rule counts from
    interrupted_on: Date | None = None  # the last acknowledgement that restarted the period

    def status(self, as_of: Date, warning_days: int = WARNING_DAYS) -> str | None:
        return limitation_status(self.date, as_of, warning_days)


def limitation_rule(jurisdiction: str, client_type: str) -> LimitationRule:
    """The §2.6 rule for the company's country (FR or BE) and the client's type."""
    key = f"{jurisdiction.lower()}_{client_type}"
    if key not in RULES:
        raise ValueError(f"unknown_limitation_rule: {key}")
    return RULES[key]


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later; 29 February gives 28 February (the earlier day)."""
    year = day.year + years
    last = calendar.monthrange(year, day.month)[1]
    return day.replace(year=year, day=min(day.day, last))


def limitation(
    jurisdiction: str,
    client_type: str,
    *,
    issue_date: date,
    due_date: date,
    acknowledgements: Iterable[date] = (),
) -> Limitation:
    """The day the claim on one invoice becomes time-barred.

    acknowledgements: the dates the debtor acknowledged the debt (partial payments, promises
    to pay). Each one made before the current limitation date, and after the start, starts a
    new period of the same length from its own date.
    """
    rule = limitation_rule(jurisdiction, client_type)
    start = due_date if rule.starts_from == FROM_DUE_DATE else issue_date
    barred = add_years(start, rule.years)
    interrupted: date | None = None
    for day in sorted(set(acknowledgements)):
        if day >= barred:
            break
        if day <= start:
            continue
        barred = add_years(day, rule.years)
        interrupted = day
    return Limitation(barred, rule, start, interrupted)


def limitation_status(barred_on: date, as_of: date, warning_days: int = WARNING_DAYS) -> str | None:
    """SOON within warning_days before the date, TODAY on it, PAST after it, else None."""
    if as_of > barred_on:
        return PAST
    if as_of == barred_on:
        return TODAY
    if (barred_on - as_of).days <= warning_days:
        return SOON
    return None
