"""The administrative fee: one figure (the company's), charged only where the rules allow.

The figure: Settings ▸ Company details, when the company charges it; 0 there means the
default (DEFAULT_ADMIN_FEE). The reminder levels of the client's policy that carry a fee say
WHEN it is charged; the claim charges it once per reminder done at such a level, on the first
invoice that reminder names (a letter about three invoices costs one fee, not three).

Who owes it (data/README.md §2): business clients; Belgian consumers only with the company's
clause, for a reminder sent after the XIX.2 period has run, at most EUR 7.50 each (postage
aside); French consumers never (no contractual clause in Relance's terms).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Protocol

from app.domain.followup.policy import DEFAULT_ADMIN_FEE
from app.domain.money import ZERO

BE_CONSUMER_REMINDER_FEE_CAP = Decimal("7.50")  # CDE XIX.2: a further reminder, postage aside
DEFAULT_FEE_LEVELS = frozenset({"reminder_2"})  # the built-in business ladder (DESIGN.md)


class _FeeSettings(Protocol):
    admin_fee_enabled: bool
    admin_fee: Decimal


def default_admin_fee() -> Decimal:
    return DEFAULT_ADMIN_FEE.fixed


def admin_fee(company: _FeeSettings) -> Decimal | None:
    """The company's administrative fee, or None when it charges none."""
    if not company.admin_fee_enabled:
        return None
    return company.admin_fee if company.admin_fee > ZERO else default_admin_fee()


def claimed_fees(
    fee: Decimal | None,
    *,
    jurisdiction: str,
    client_type: str,
    charged_on: Iterable[date],
    period_end: date | None = None,
    damages_clause: bool = False,
) -> Decimal:
    """The fees the claim on one invoice carries: `charged_on` are the days of the reminders
    done at a fee-carrying level that charge their fee on this invoice."""
    days = list(charged_on)
    if fee is None or not days or (client_type == "consumer" and jurisdiction == "FR"):
        return ZERO
    if client_type == "business":
        return fee * len(days)
    if not damages_clause or period_end is None:
        return ZERO
    after = [d for d in days if d > period_end]
    return min(fee, BE_CONSUMER_REMINDER_FEE_CAP) * len(after)
