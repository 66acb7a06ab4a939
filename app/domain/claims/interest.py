"""Late-payment claim on one invoice under French or Belgian law (data/README.md §2–3).

Convention: interest runs for the days after the start up to and including the end; each day
takes the rate of its half-year; a payment's own day still bears interest on the amount paid;
simple interest ACT/365 per period, each period rounded half up, the claim their sum.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from app.domain.claims import claim as c
from app.domain.claims.claim import Claim, InterestPeriod
from app.domain.claims.rate_rules import (
    RateRule,
    be_business_rule,
    be_consumer_rule,
    fr_business_rule,
    fr_consumer_rule,
)
from app.domain.claims.rates import RateTables, next_half_year_start
from app.domain.claims.recovery import (
    BUSINESS_RECOVERY_INDEMNITY,
    be_consumer_damages,
    be_reminder_period,
)
from app.domain.money import ZERO, quantize

DAYS_IN_YEAR = 365  # also in leap years (§3.4)
_ONE_DAY = timedelta(days=1)


class Reduction(NamedTuple):
    """A payment or credit note applied to the invoice on a date (a plain (date, amount) too)."""

    date: date
    amount: Decimal


def compute_claim(
    tables: RateTables,
    *,
    jurisdiction: str,
    client_type: str,
    invoice_total: Decimal,
    due_date: date,
    as_of: date,
    reductions: Iterable[tuple[date, Decimal]] = (),
    contractual_rate: Decimal | None = None,
    formal_notice_date: date | None = None,
    first_reminder_date: date | None = None,
    is_first_reminder_electronic: bool = False,
    fees: Decimal = ZERO,
    currency: str = "EUR",
    damages_clause: bool = False,
) -> Claim:
    """What the creditor may claim on as_of for one invoice (amounts tax included).

    first_reminder_date: the first WRITTEN reminder (letter or email) of a Belgian consumer's
    late invoice; a phone call never starts the CDE XIX.2 period. damages_clause: the
    company's terms stipulate the XIX.4 damages and reminder costs (Belgian consumers only).
    fees: the administrative fees the creditor would charge; kept for business clients,
    for Belgian consumers only with the clause once the period has run, never for French
    consumers (no clause in Relance's terms).
    """
    _check(jurisdiction, client_type, invoice_total, contractual_rate, fees)
    events = _reductions_until(reductions, as_of)
    balance = _balance_on(invoice_total, events, as_of)
    paid_on = _paid_in_full_on(invoice_total, events)
    end = paid_on if paid_on is not None else as_of
    base = _Base(jurisdiction, client_type, currency, as_of, due_date, contractual_rate, balance)
    notes: list[str] = [c.CURRENCY_NOT_EUR] if currency.upper() != "EUR" else []
    if end <= due_date:
        notes.append(c.NOT_YET_DUE if paid_on is None else c.PAID_ON_TIME)
        return _claim(base, principal=balance, days_late=0, terms=_Terms(None, None), notes=notes)
    if paid_on is not None:
        notes.append(c.PAID_LATE)

    if client_type == "business":
        terms = _business_terms(tables, jurisdiction, due_date, contractual_rate, fees)
    elif jurisdiction == "FR":
        terms = _fr_consumer_terms(tables, due_date, as_of, formal_notice_date, contractual_rate)
        terms = replace(terms, notes=(*terms.notes, *_fees_note(fees)))
    else:
        reminder = None
        if first_reminder_date is not None and first_reminder_date <= as_of:
            reminder = (first_reminder_date, is_first_reminder_electronic)
        terms = _be_consumer_terms(
            tables, invoice_total, events, base, reminder, fees if damages_clause else ZERO
        )
        if not damages_clause:
            terms = replace(terms, indemnity=ZERO, indemnity_basis=None)
            terms = replace(terms, notes=(c.CLAUSE_REQUIRED, *terms.notes, *_fees_note(fees)))
    notes.extend(terms.notes)

    periods: tuple[InterestPeriod, ...] = ()
    if terms.start is not None and terms.rule is not None and end > terms.start:
        periods = _interest_periods(invoice_total, events, terms.start, end, terms.rule, currency)
    for period in periods:
        notes.extend(sorted(period.flags))
    return _claim(
        base,
        principal=balance,
        days_late=(end - due_date).days,
        terms=terms,
        notes=notes,
        periods=periods,
        end=end,
    )


@dataclass(frozen=True)
class _Base:
    jurisdiction: str
    client_type: str
    currency: str
    as_of: date
    due_date: date
    contractual_rate: Decimal | None
    balance: Decimal


@dataclass(frozen=True)
class _Terms:
    """What the law of the case gives: interest start and rate rule, fixed amount, fees."""

    start: date | None
    rule: RateRule | None
    indemnity: Decimal = ZERO
    indemnity_basis: str | None = None
    fees: Decimal = ZERO
    notes: tuple[str, ...] = ()
    reminder_period: tuple[date, date] | None = None


def _business_terms(
    tables: RateTables,
    jurisdiction: str,
    due_date: date,
    contractual_rate: Decimal | None,
    fees: Decimal,
) -> _Terms:
    """FR L441-10 / BE law of 2 August 2002: from the due date, without notice, plus EUR 40."""
    if jurisdiction == "FR":
        return _Terms(
            due_date,
            fr_business_rule(tables, contractual_rate),
            BUSINESS_RECOVERY_INDEMNITY,
            c.FR_RECOVERY_INDEMNITY,
            fees,
        )
    return _Terms(
        due_date,
        be_business_rule(tables, contractual_rate),
        BUSINESS_RECOVERY_INDEMNITY,
        c.BE_RECOVERY_INDEMNITY,
        fees,
    )


def _fr_consumer_terms(
    tables: RateTables,
    due_date: date,
    as_of: date,
    formal_notice_date: date | None,
    contractual_rate: Decimal | None,
) -> _Terms:
    """C. civ. 1231-6: legal-rate interest from the formal notice; no fixed indemnity."""
    notes = [c.CONTRACTUAL_RATE_NOT_APPLIED] if contractual_rate is not None else []
    if formal_notice_date is None or formal_notice_date > as_of:
        return _Terms(None, None, notes=(*notes, c.NO_FORMAL_NOTICE))
    start = max(formal_notice_date, due_date)
    return _Terms(start, fr_consumer_rule(tables), notes=tuple(notes))


def _be_consumer_terms(
    tables: RateTables,
    invoice_total: Decimal,
    events: list[Reduction],
    base: _Base,
    reminder: tuple[date, bool] | None,
    fees: Decimal,
) -> _Terms:
    """CDE XIX.2/XIX.4: nothing before the 14-day period has run, then capped rate and damages."""
    notes: list[str] = []
    if reminder is None:
        return _Terms(None, None, notes=(*notes, c.NO_FIRST_REMINDER, *_fees_note(fees)))
    period = be_reminder_period(reminder[0], is_electronic=reminder[1])
    if base.as_of <= period[1]:
        notes += [c.WITHIN_REMINDER_PERIOD, *_fees_note(fees)]
        return _Terms(None, None, notes=tuple(notes), reminder_period=period)
    start = max(period[1], base.due_date)
    still_due = _balance_on(invoice_total, events, start)
    if still_due <= 0:
        return _Terms(None, None, notes=(*notes, *_fees_note(fees)), reminder_period=period)
    return _Terms(
        start,
        be_consumer_rule(tables, base.contractual_rate),
        be_consumer_damages(still_due, base.currency),
        c.BE_CONSUMER_DAMAGES,
        fees,
        tuple(notes),
        period,
    )


def _fees_note(fees: Decimal) -> tuple[str, ...]:
    return (c.FEES_NOT_ALLOWED,) if fees > 0 else ()


def _interest_periods(
    invoice_total: Decimal,
    reductions: list[Reduction],
    start: date,
    end: date,
    rule: RateRule,
    currency: str = "EUR",
) -> tuple[InterestPeriod, ...]:
    """Periods covering start+1..end, split at each half-year and after each reduction's day."""
    breaks = sorted({r.date + _ONE_DAY for r in reductions if start < r.date < end})
    periods: list[InterestPeriod] = []
    first = start + _ONE_DAY
    while first <= end:
        after = min(next_half_year_start(first), end + _ONE_DAY)
        after = next((b for b in breaks if first < b < after), after)
        last = after - _ONE_DAY
        balance = _balance_on(invoice_total, reductions, first - _ONE_DAY)
        if balance > 0:
            choice = rule(first)
            days = (last - first).days + 1
            interest = quantize(
                balance * choice.rate_percent * days / (100 * DAYS_IN_YEAR), currency
            )
            flags = choice.flags | frozenset(choice.notes)
            periods.append(
                InterestPeriod(
                    first,
                    last,
                    choice.rate_percent,
                    days,
                    quantize(balance, currency),
                    interest,
                    choice.basis,
                    flags,
                )
            )
        first = after
    return tuple(periods)


def _check(
    jurisdiction: str,
    client_type: str,
    invoice_total: Decimal,
    contractual_rate: Decimal | None,
    fees: Decimal,
) -> None:
    if jurisdiction not in c.JURISDICTIONS:
        raise ValueError(f"unknown_jurisdiction: {jurisdiction}")
    if client_type not in c.CLIENT_TYPES:
        raise ValueError(f"unknown_client_type: {client_type}")
    if invoice_total < 0:
        raise ValueError("negative_invoice_total")
    if contractual_rate is not None and contractual_rate < 0:
        raise ValueError("negative_contractual_rate")
    if fees < 0:
        raise ValueError("negative_fees")


def _reductions_until(reductions: Iterable[tuple[date, Decimal]], as_of: date) -> list[Reduction]:
    """The reductions known on as_of, in date order; a negative amount is refused."""
    kept = []
    for day, amount in reductions:
        if amount < 0:
            raise ValueError("negative_reduction")
        if amount > 0 and day <= as_of:
            kept.append(Reduction(day, amount))
    return sorted(kept, key=lambda r: r.date)


def _balance_on(invoice_total: Decimal, reductions: list[Reduction], day: date) -> Decimal:
    """Balance at the end of day (reductions of that day deducted), never below zero."""
    paid = sum((r.amount for r in reductions if r.date <= day), ZERO)
    return max(invoice_total - paid, ZERO)


def _paid_in_full_on(invoice_total: Decimal, reductions: list[Reduction]) -> date | None:
    """The day the balance reached zero (date.min for an invoice of zero), None if still open."""
    if invoice_total <= 0:
        return date.min
    paid = ZERO
    for reduction in reductions:
        paid += reduction.amount
        if paid >= invoice_total:
            return reduction.date
    return None


def _claim(
    base: _Base,
    *,
    principal: Decimal,
    days_late: int,
    terms: _Terms,
    notes: list[str],
    periods: tuple[InterestPeriod, ...] = (),
    end: date | None = None,
) -> Claim:
    currency = base.currency
    principal = quantize(principal, currency)
    interest = quantize(sum((p.interest for p in periods), ZERO), currency)
    indemnity = quantize(terms.indemnity, currency)
    fees = quantize(terms.fees, currency)
    bases = {p.rate_basis for p in periods}
    rate_basis = None if not bases else bases.pop() if len(bases) == 1 else c.MIXED
    period = terms.reminder_period
    return Claim(
        jurisdiction=base.jurisdiction,
        client_type=base.client_type,
        currency=currency,
        as_of=base.as_of,
        due_date=base.due_date,
        principal=principal,
        days_late=days_late,
        interest_periods=periods,
        interest=interest,
        fixed_indemnity=indemnity,
        fees=fees,
        total=principal + interest + indemnity + fees,
        balance=quantize(base.balance, currency),
        rate_basis=rate_basis,
        contractual_rate=base.contractual_rate,
        interest_start=terms.start if periods else None,
        interest_end=end if periods else None,
        fixed_indemnity_basis=terms.indemnity_basis,
        reminder_period_start=period[0] if period else None,
        reminder_period_end=period[1] if period else None,
        notes=tuple(dict.fromkeys(notes)),
    )
