"""Payment terms: "30 days", "45 days end of month"; the due date they give an invoice.

"45 days end of month" is read the way French practice and the LME read it: add the days to
the issue date, then go to the end of that month. French law caps agreed terms at 60 days from
issue or 45 days end of month (Code de commerce L441-10); `exceeds_legal_cap` tells when.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MAX_DAYS = 365
_PATTERN = re.compile(
    r"^\s*(?P<days>\d{1,3})\s*"
    r"(?:d|j|days?|jours?|jrs?)?\.?\s*"
    r"(?P<eom>(?:,|/)?\s*(?:end\s+of\s+(?:the\s+)?month|eom|fin\s+de\s+mois|fdm|f\.?d\.?m\.?))?\s*$",
    re.IGNORECASE,
)
_CASH = {"0", "cash", "comptant", "à réception", "a reception", "on receipt", "immediate"}


@dataclass(frozen=True)
class PaymentTerms:
    days: int
    end_of_month: bool = False

    def due_date(self, issue_date: date) -> date:
        due = issue_date + timedelta(days=self.days)
        return end_of_month(due) if self.end_of_month else due

    @property
    def code(self) -> str:
        """Machine form: '30' or '45eom' (what the settings and the CSV files carry)."""
        return f"{self.days}eom" if self.end_of_month else str(self.days)


def end_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def parse_terms(text: str) -> PaymentTerms | None:
    """'30', '30 jours', '45 days end of month', '45 fdm', '45eom', 'comptant'; None if unclear."""
    cleaned = text.strip().lower()
    if cleaned in _CASH:
        return PaymentTerms(0)
    match = _PATTERN.match(cleaned)
    if match is None:
        return None
    days = int(match.group("days"))
    if days > MAX_DAYS:
        return None
    return PaymentTerms(days, bool(match.group("eom")))


def exceeds_legal_cap(terms: PaymentTerms) -> bool:
    """Beyond 60 days net or 45 days end of month (the French cap between businesses)."""
    if terms.end_of_month:
        return terms.days > 45
    return terms.days > 60


def effective_terms(
    client_days: int | None, client_end_of_month: bool, company_days: int
) -> PaymentTerms:
    """The client's own terms when it has some, else the company's default."""
    if client_days is None:
        return PaymentTerms(company_days)
    return PaymentTerms(client_days, client_end_of_month)


LEGAL_CAP_DAYS = 60  # C. com. L441-10 I: 60 days from the invoice date…
LEGAL_CAP_EOM_DAYS = 45  # … or, if expressly stipulated, 45 days end of month


def cap_applies(company_country: str, client_type: str) -> bool:
    """The L441-10 cap binds a French creditor and a business debtor (not consumers)."""
    return company_country.upper() == "FR" and client_type == "business"


def terms_beyond_cap(terms: PaymentTerms, company_country: str, client_type: str) -> bool:
    """Agreed terms the French law does not allow between businesses (a warning, not a
    refusal: the due date printed on the invoice still starts the penalties)."""
    return cap_applies(company_country, client_type) and exceeds_legal_cap(terms)


def latest_lawful_due_date(issue_date: date) -> date:
    """The latest due date L441-10 I allows: 60 days from issue, or 45 days end of month under
    either count the DGCCRF accepts (issue + 45 days then end of month, or end of the issue
    month + 45 days)."""
    return max(
        issue_date + timedelta(days=LEGAL_CAP_DAYS),
        end_of_month(issue_date + timedelta(days=LEGAL_CAP_EOM_DAYS)),
        end_of_month(issue_date) + timedelta(days=LEGAL_CAP_EOM_DAYS),
    )


def due_date_beyond_cap(
    issue_date: date, due_date: date, company_country: str, client_type: str
) -> bool:
    """An invoice whose due date lies beyond every lawful reading of the cap."""
    return cap_applies(company_country, client_type) and due_date > latest_lawful_due_date(
        issue_date
    )
