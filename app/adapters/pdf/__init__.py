"""PDF letters (reminders, formal notice, statement, payment plan) from plain values."""

from app.adapters.pdf.claims import summarise_claims
from app.adapters.pdf.compose import compose_email, compose_letter
from app.adapters.pdf.model import (
    AddressedLetter,
    ClaimSummary,
    CompanyInfo,
    FreeReminder,
    Instalment,
    InterestPeriod,
    Letter,
    LetterLine,
    Recipient,
    SentReminder,
)
from app.adapters.pdf.render import (
    BatchResult,
    render_batch,
    render_letter,
    render_letter_bytes,
)

__all__ = [
    "AddressedLetter",
    "BatchResult",
    "ClaimSummary",
    "CompanyInfo",
    "FreeReminder",
    "Instalment",
    "InterestPeriod",
    "Letter",
    "LetterLine",
    "Recipient",
    "SentReminder",
    "compose_email",
    "compose_letter",
    "render_batch",
    "render_letter",
    "render_letter_bytes",
    "summarise_claims",
]
