"""The rate each day of a late period takes, per law and client type (data/README.md §2, §3.7)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.claims import claim as c
from app.domain.claims.rates import HalfYearRate, RateTables


@dataclass(frozen=True)
class RateChoice:
    rate_percent: Decimal
    basis: str
    flags: frozenset[str]
    notes: tuple[str, ...] = ()


RateRule = Callable[[date], RateChoice]


def fr_business_rule(tables: RateTables, contractual_rate: Decimal | None) -> RateRule:
    """L441-10: the agreed rate if at least 3 x the legal rate, else ECB + 10 (§3.7)."""

    def rate(day: date) -> RateChoice:
        default = tables.fr_default_rate(day)
        if contractual_rate is None:
            return _choice(default, c.ECB_PLUS_10)
        floor = tables.fr_floor_rate(day)
        if contractual_rate >= floor.rate_percent:
            return RateChoice(contractual_rate, c.CONTRACTUAL, floor.flags)
        return _choice(default, c.ECB_PLUS_10, floor.flags, (c.CONTRACTUAL_RATE_BELOW_FLOOR,))

    return rate


def be_business_rule(tables: RateTables, contractual_rate: Decimal | None) -> RateRule:
    """Law of 2 August 2002 art. 5: the agreed rate as is, else the half-year's rate."""

    def rate(day: date) -> RateChoice:
        if contractual_rate is not None:
            return RateChoice(contractual_rate, c.CONTRACTUAL, frozenset())
        return _choice(tables.be_rate(day), c.BE_COMMERCIAL)

    return rate


def be_consumer_rule(tables: RateTables, contractual_rate: Decimal | None) -> RateRule:
    """CDE XIX.4: the agreed rate, at most the half-year's commercial rate."""

    def rate(day: date) -> RateChoice:
        cap = tables.be_rate(day)
        if contractual_rate is None:
            return _choice(cap, c.BE_COMMERCIAL)
        if contractual_rate <= cap.rate_percent:
            return RateChoice(contractual_rate, c.CONTRACTUAL, cap.flags)
        return _choice(cap, c.BE_COMMERCIAL, notes=(c.CONTRACTUAL_RATE_CAPPED,))

    return rate


def fr_consumer_rule(tables: RateTables) -> RateRule:
    """C. civ. 1231-6: the legal rate (other cases: the creditor is a professional)."""

    def rate(day: date) -> RateChoice:
        return _choice(tables.fr_legal_rate(day), c.LEGAL_RATE)

    return rate


def _choice(
    found: HalfYearRate,
    basis: str,
    extra_flags: frozenset[str] = frozenset(),
    notes: tuple[str, ...] = (),
) -> RateChoice:
    return RateChoice(found.rate_percent, basis, found.flags | extra_flags, notes)
