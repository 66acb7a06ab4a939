"""Search across the dossier: clients, invoices and payments matching what the user typed.

Headless (the window's search box and the tests call it): a few rows of each kind, the key
facts with them (who, how much is left, when due, the status as of `today`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from app.db.queries import search as queries
from app.db.queries.search import ClientHit, InvoiceHit, PaymentHit
from app.db.uow import UnitOfWork
from app.domain.ledger.status import invoice_status
from app.domain.search import MIN_TEXT, searched_amounts

__all__ = ["ClientHit", "InvoiceHit", "PaymentHit", "SearchResults", "SearchService"]

LIMIT = 8  # rows of each kind: enough to spot the right one, few enough to read


@dataclass(frozen=True)
class SearchResults:
    text: str
    clients: list[ClientHit] = field(default_factory=list)
    invoices: list[InvoiceHit] = field(default_factory=list)
    payments: list[PaymentHit] = field(default_factory=list)
    statuses: dict[int, str] = field(default_factory=dict)  # invoice id → status on `today`

    def __len__(self) -> int:
        return len(self.clients) + len(self.invoices) + len(self.payments)


class SearchService:
    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self._uow = uow

    def search(self, text: str, today: date, limit: int = LIMIT) -> SearchResults:
        """Clients by name (case and accents ignored), code, email or SIRET; invoices by number,
        reference or amount (total or left to pay); payments by reference, amount or payer.
        Amounts may be typed the French way ('1 234,50') or the English way ('1,234.50')."""
        text = " ".join(text.split())
        amounts = searched_amounts(text)
        if len(text) < MIN_TEXT and not amounts:
            return SearchResults(text)
        with self._uow() as uow:
            session = uow.session
            by_name = len(text) >= MIN_TEXT and not queries.looks_like_amount(text)
            clients = queries.find_clients(session, text, limit) if by_name else []
            invoices = queries.find_invoices(session, text, amounts, limit)
            payers = [c.id for c in clients]
            payments = queries.find_payments(session, text, amounts, payers, limit)
        statuses = {
            i.id: (
                "credit_note"
                if i.kind == "credit_note"
                else invoice_status(
                    i.total,
                    i.balance,
                    i.due_date,
                    today,
                    disputed=i.disputed,
                    written_off=i.written_off,
                )
            )
            for i in invoices
        }
        return SearchResults(text, clients, invoices, payments, statuses)
