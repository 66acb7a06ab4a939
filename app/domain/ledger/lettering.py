"""Lettering (lettrage) read as allocations: within one lettering code of one client account,
the credits (receipts, credit notes) settle the debits (invoices), oldest first.

Full lettering balances (debits = credits); partial lettering leaves part of an invoice open,
or part of a credit unused, which then stays as the client's credit.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.money import ZERO


@dataclass(frozen=True)
class Lettered:
    """The part of one document carried by one lettering code."""

    key: Hashable
    date: date
    amount: Decimal


@dataclass(frozen=True)
class Match:
    credit: Hashable
    debit: Hashable
    amount: Decimal


def match(debits: list[Lettered], credits: list[Lettered]) -> list[Match]:
    """Each credit, in date order, settles the debits still open, oldest first."""
    open_debits = sorted(debits, key=lambda d: (d.date, str(d.key)))
    left = [d.amount for d in open_debits]
    matches: list[Match] = []
    for credit in sorted(credits, key=lambda c: (c.date, str(c.key))):
        remaining = credit.amount
        for index, debit in enumerate(open_debits):
            if remaining <= ZERO:
                break
            part = min(remaining, left[index])
            if part > ZERO:
                matches.append(Match(credit.key, debit.key, part))
                left[index] -= part
                remaining -= part
    return matches
