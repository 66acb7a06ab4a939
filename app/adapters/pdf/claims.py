"""Turn the claims engine's per-invoice results into the one summary a formal notice prints."""

from __future__ import annotations

from collections.abc import Iterable

from app.adapters.pdf.model import ClaimSummary, InterestPeriod
from app.domain.claims.claim import MIXED, Claim
from app.domain.money import ZERO


def summarise_claims(claims: Iterable[tuple[str, Claim]]) -> ClaimSummary:
    """(invoice number, claim) pairs, in the order the letter lists the invoices."""
    pairs = list(claims)
    periods = tuple(
        InterestPeriod(
            number, p.first_day, p.last_day, p.days, p.rate_percent, p.principal, p.interest
        )
        for number, claim in pairs
        for p in claim.interest_periods
    )
    bases = {c.rate_basis for _n, c in pairs if c.rate_basis}
    indemnity_bases = {c.fixed_indemnity_basis for _n, c in pairs if c.fixed_indemnity > ZERO}
    return ClaimSummary(
        principal=sum((c.principal for _n, c in pairs), ZERO),
        interest=sum((c.interest for _n, c in pairs), ZERO),
        periods=periods,
        fixed_indemnity=sum((c.fixed_indemnity for _n, c in pairs), ZERO),
        fees=sum((c.fees for _n, c in pairs), ZERO),
        total=sum((c.total for _n, c in pairs), ZERO),
        indemnity_invoices=sum(1 for _n, c in pairs if c.fixed_indemnity > ZERO),
        indemnity_basis=next(iter(indemnity_bases)) if len(indemnity_bases) == 1 else None,
        interest_basis=(bases.pop() if len(bases) == 1 else MIXED) if bases else None,
    )
