"""What each feature of the window needs from the application: a few services, by name and type.

`app.bootstrap.Services` has them all and fits every one of these; a test may pass anything else
with the same attributes. A feature asks for the smallest of these that covers it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # the window opens before these modules are needed
    from app.paths import Paths
    from app.services.analytics.service import AnalyticsService
    from app.services.dossier import DossierService
    from app.services.followup.batch import LetterService
    from app.services.ledger.allocation_undo import AllocationUndo
    from app.services.ledger.client_account import ClientAccountService
    from app.services.ledger.clients import ClientService
    from app.services.ledger.invoice_actions import InvoiceActions
    from app.services.ledger.invoices import InvoiceService
    from app.services.ledger.payments import PaymentService


class LedgerNeeds(Protocol):
    """Invoices and payments: their lists, dialogs and actions."""

    @property
    def clients(self) -> ClientService: ...
    @property
    def invoices(self) -> InvoiceService: ...
    @property
    def invoice_actions(self) -> InvoiceActions: ...
    @property
    def payments(self) -> PaymentService: ...
    @property
    def dossier(self) -> DossierService: ...  # the client form reads the company's country
    @property
    def allocation_undo(self) -> AllocationUndo: ...  # allocations by hand, Ctrl+Z


class AnalyticsNeeds(Protocol):
    """The dashboard and the aging."""

    @property
    def analytics(self) -> AnalyticsService: ...


class ClientNeeds(LedgerNeeds, AnalyticsNeeds, Protocol):
    """The client register and a client's page (its account, statement and risk grade)."""

    @property
    def accounts(self) -> ClientAccountService: ...


class LetterNeeds(Protocol):
    """The day's letters, written in the user's documents folder."""

    @property
    def letters(self) -> LetterService: ...
    @property
    def paths(self) -> Paths: ...
