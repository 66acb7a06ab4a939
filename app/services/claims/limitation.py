"""Limitation dates of a dossier's invoices (data/README.md §2.6), for the claim, the client
page, the calendar and the formal-notice and hand-over previews.

What interrupts: payments allocated to the invoice and promises to pay recorded about it (or
about the whole account, once the invoice was issued), known on the as-of date. A formal
notice does not interrupt (C. civ. 2240-2244 read a contrario).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.db.repositories import claims as repo
from app.domain.claims.limitation import WARNING_DAYS, Limitation, limitation


@dataclass(frozen=True)
class InvoiceLimitation:
    """One open invoice's limitation date and its warning state on the as-of date."""

    invoice_id: int
    number: str
    limitation: Limitation
    status: str | None  # None, SOON, TODAY or PAST (app.domain.claims.limitation)

    @property
    def date(self) -> date:
        return self.limitation.date

    @property
    def articles(self) -> tuple[str, ...]:
        return self.limitation.rule.articles


def invoice_limitation(
    session: Session, jurisdiction: str, invoice: repo.InvoiceForClaim, as_of: date
) -> Limitation:
    acks = repo.acknowledgements(session, invoice.invoice_id, invoice.client_id, invoice.issue_date)
    return limitation(
        jurisdiction,
        invoice.client_type,
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        acknowledgements=[d for d in acks if d <= as_of],
    )


def client_limitations(
    session: Session,
    jurisdiction: str,
    client_id: int,
    as_of: date,
    warning_days: int = WARNING_DAYS,
) -> list[InvoiceLimitation]:
    """Every open invoice of the client with its date, soonest first."""
    found = []
    for invoice in repo.open_invoices(session, client_id, as_of):
        result = invoice_limitation(session, jurisdiction, invoice, as_of)
        found.append(
            InvoiceLimitation(
                invoice.invoice_id, invoice.number, result, result.status(as_of, warning_days)
            )
        )
    return sorted(found, key=lambda x: (x.date, x.number))
