"""The dossier's tables. Importing this package registers every model on Base.metadata."""

from app.db.models.company import Company
from app.db.models.followup import (
    Activity,
    DunningLevel,
    DunningPolicy,
    Reminder,
    ReminderInvoice,
)
from app.db.models.ledger import (
    Allocation,
    CreditApplication,
    Instalment,
    Invoice,
    Payment,
    PaymentLine,
    PaymentPlan,
)
from app.db.models.parties import Client, Contact
from app.db.models.state import DossierState

__all__ = [
    "Activity",
    "Allocation",
    "Client",
    "Company",
    "Contact",
    "CreditApplication",
    "DossierState",
    "DunningLevel",
    "DunningPolicy",
    "Instalment",
    "Invoice",
    "Payment",
    "PaymentLine",
    "PaymentPlan",
    "Reminder",
    "ReminderInvoice",
]
