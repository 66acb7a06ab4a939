"""EPC069-12 ("SEPA credit transfer") QR payload, so the client can pay from a banking app."""

from __future__ import annotations

from decimal import Decimal

from app.domain.errors import InvalidInput


def epc_payload(
    name: str, iban: str, amount: Decimal, remittance: str, bic: str = "", currency: str = "EUR"
) -> str:
    """Version 002, UTF-8, SCT; the text of the QR code (lines joined with LF)."""
    iban = iban.replace(" ", "").upper()
    if currency != "EUR":
        raise InvalidInput("EPC QR codes carry euro amounts only")
    if not (15 <= len(iban) <= 34):
        raise InvalidInput("IBAN has the wrong length for an EPC QR code")
    if not (Decimal("0.01") <= amount <= Decimal("999999999.99")):
        raise InvalidInput("EPC QR amount must be from 0.01 to 999999999.99 EUR")
    name = " ".join(name.split())[:70]
    remittance = " ".join(remittance.split())[:140]
    lines = ["BCD", "002", "1", "SCT", bic.replace(" ", "").upper(), name, iban,
             f"EUR{amount.quantize(Decimal('0.01'))}", "", "", remittance]
    return "\n".join(lines).rstrip("\n")
