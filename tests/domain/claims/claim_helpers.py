"""The real rate tables (read from resources/ by the test, parsed by the domain) and shortcuts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from app.domain.claims.claim import Claim
from app.domain.claims.interest import compute_claim
from app.domain.claims.rate_files import parse_be_late_csv, parse_ecb_csv, parse_fr_legal_csv
from app.domain.claims.rates import RateTables

RATES = Path(__file__).resolve().parents[3] / "resources" / "rates"


@cache
def real_tables() -> RateTables:
    def text(name: str) -> str:
        return (RATES / name).read_text(encoding="utf-8")

    return RateTables.build(
        parse_ecb_csv(text("ecb_main_refinancing_rate.csv")),
        parse_fr_legal_csv(text("fr_legal_interest_rate.csv")),
        parse_be_late_csv(text("be_late_payment_rate.csv")),
    )


def claim(
    jurisdiction: str,
    client_type: str,
    total: str,
    due: date,
    as_of: date,
    payments: tuple[tuple[date, str], ...] = (),
    **kwargs: object,
) -> Claim:
    """compute_claim on the real tables, amounts written as strings."""
    return compute_claim(
        real_tables(),
        jurisdiction=jurisdiction,
        client_type=client_type,
        invoice_total=Decimal(total),
        due_date=due,
        as_of=as_of,
        reductions=[(day, Decimal(amount)) for day, amount in payments],
        **kwargs,  # type: ignore[arg-type]
    )


def d(text: str) -> Decimal:
    return Decimal(text)
