"""Fixed recovery amounts and the Belgian consumer waiting period (data/README.md §2.1–2.4)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from app.domain.money import quantize
from app.domain.workdays import nth_working_day_after

BUSINESS_RECOVERY_INDEMNITY = Decimal("40.00")  # FR D441-5, BE law of 2 August 2002 art. 6
REMINDER_PERIOD_DAYS = 14  # CDE XIX.2: at least 14 calendar days
PAPER_REMINDER_WORKING_DAYS = 3  # a paper reminder's period starts on the 3rd working day

_DAMAGES_SMALL_LIMIT = Decimal("150.00")
_DAMAGES_MIDDLE_LIMIT = Decimal("500.00")
_DAMAGES_SMALL = Decimal("20.00")
_DAMAGES_MIDDLE_BASE = Decimal("30.00")
_DAMAGES_LARGE_BASE = Decimal("65.00")
_DAMAGES_CAP = Decimal("2000.00")


def be_consumer_damages(balance: Decimal, currency: str = "EUR") -> Decimal:
    """CDE XIX.4 maximum: 20; 30 + 10 % above 150; 65 + 5 % above 500, at most 2,000."""
    if balance <= 0:
        return quantize(Decimal(0), currency)
    if balance <= _DAMAGES_SMALL_LIMIT:
        amount = _DAMAGES_SMALL
    elif balance <= _DAMAGES_MIDDLE_LIMIT:
        amount = _DAMAGES_MIDDLE_BASE + (balance - _DAMAGES_SMALL_LIMIT) * Decimal("0.10")
    else:
        amount = _DAMAGES_LARGE_BASE + (balance - _DAMAGES_MIDDLE_LIMIT) * Decimal("0.05")
    return quantize(min(amount, _DAMAGES_CAP), currency)


def be_reminder_period(sent_on: date, *, is_electronic: bool) -> tuple[date, date]:
    """First and last day of the XIX.2 period after a first reminder sent on sent_on.

    Electronic: from the calendar day after sending. Paper: from the 3rd Belgian working day
    after sending (Monday to Friday, national public holidays excluded).
    """
    if is_electronic:
        first = sent_on + timedelta(days=1)
    else:
        first = nth_working_day_after(sent_on, PAPER_REMINDER_WORKING_DAYS, "BE")
    return first, first + timedelta(days=REMINDER_PERIOD_DAYS - 1)
