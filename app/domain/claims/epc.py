"""EPC069-12 ("SEPA credit transfer") QR payload, so the client can pay from a banking app.

The payload is version 002, character set 1 (UTF-8), identification SCT: twelve lines joined
with LF, trailing empty lines left out as the standard asks. Limits checked here: name 70,
IBAN 15-34 with a valid check, BIC 8 or 11, amount 0.01-999,999,999.99 EUR, purpose 4,
structured reference 35 (an RF reference must pass ISO 11649), unstructured text 140,
information 70, whole payload 331 bytes.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from app.domain.errors import InvalidInput

MAX_NAME = 70
MAX_TEXT = 140
MAX_REFERENCE = 35
MAX_INFORMATION = 70
MAX_PAYLOAD_BYTES = 331
MIN_AMOUNT = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999.99")

_IBAN = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")
_BIC = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")
_PURPOSE = re.compile(r"^[A-Z0-9]{4}$")


def epc_payload(
    name: str,
    iban: str,
    amount: Decimal,
    remittance: str = "",
    bic: str = "",
    currency: str = "EUR",
    *,
    structured_reference: str = "",
    purpose: str = "",
    information: str = "",
) -> str:
    """The text of the QR code; raises InvalidInput naming the first field out of bounds."""
    if currency != "EUR":
        raise InvalidInput("EPC QR codes carry euro amounts only")
    name = _one_line(name)
    if not name or len(name) > MAX_NAME:
        raise InvalidInput(f"EPC QR beneficiary name must be 1 to {MAX_NAME} characters")
    iban = normalise_iban(iban)
    if not is_valid_iban(iban):
        raise InvalidInput("IBAN is not valid for an EPC QR code")
    bic = bic.replace(" ", "").upper()
    if bic and not _BIC.match(bic):
        raise InvalidInput("BIC must have 8 or 11 letters and digits")
    if not MIN_AMOUNT <= amount <= MAX_AMOUNT:
        raise InvalidInput("EPC QR amount must be from 0.01 to 999999999.99 EUR")
    if amount != amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP):
        raise InvalidInput("EPC QR amount has more than two decimals")
    purpose = purpose.strip().upper()
    if purpose and not _PURPOSE.match(purpose):
        raise InvalidInput("EPC QR purpose code must be 4 letters or digits")
    structured_reference = structured_reference.replace(" ", "").upper()
    remittance = _one_line(remittance)
    if structured_reference and remittance:
        raise InvalidInput("EPC QR takes a structured reference or a text, not both")
    if len(structured_reference) > MAX_REFERENCE:
        raise InvalidInput(f"EPC QR structured reference exceeds {MAX_REFERENCE} characters")
    if structured_reference.startswith("RF") and not is_valid_rf_reference(structured_reference):
        raise InvalidInput("RF creditor reference has a wrong check")
    if len(remittance) > MAX_TEXT:
        raise InvalidInput(f"EPC QR remittance text exceeds {MAX_TEXT} characters")
    information = _one_line(information)
    if len(information) > MAX_INFORMATION:
        raise InvalidInput(f"EPC QR information exceeds {MAX_INFORMATION} characters")
    lines = [
        "BCD",
        "002",
        "1",
        "SCT",
        bic,
        name,
        iban,
        f"EUR{amount:.2f}",
        purpose,
        structured_reference,
        remittance,
        information,
    ]
    while lines[-1] == "":
        lines.pop()
    payload = "\n".join(lines)
    if len(payload.encode("utf-8")) > MAX_PAYLOAD_BYTES:
        raise InvalidInput(f"EPC QR payload exceeds {MAX_PAYLOAD_BYTES} bytes")
    return payload


def remittance_text(
    prefix: str, numbers: list[str] | tuple[str, ...], limit: int = MAX_TEXT
) -> str:
    """'C001 F1 F2 F3' cut to the limit at a number boundary, ending '+N' for those left out."""
    head = [_one_line(prefix)] if _one_line(prefix) else []
    items = [_one_line(n) for n in numbers if _one_line(n)]
    text = ""
    for kept in range(len(items), -1, -1):
        left_out = len(items) - kept
        text = " ".join([*head, *items[:kept], *([f"+{left_out}"] if left_out else [])])
        if len(text) <= limit:
            return text
    return text[:limit].rstrip()


def normalise_iban(iban: str) -> str:
    return "".join(iban.split()).upper()


def is_valid_iban(iban: str) -> bool:
    """ISO 13616: country, two check digits, mod 97 of the rearranged number equals 1."""
    iban = normalise_iban(iban)
    if not 15 <= len(iban) <= 34 or not _IBAN.match(iban):
        return False
    return _mod97(iban[4:] + iban[:4]) == 1


def is_valid_rf_reference(reference: str) -> bool:
    """ISO 11649 creditor reference: 'RF', two check digits, up to 21 letters or digits."""
    reference = reference.replace(" ", "").upper()
    if not re.match(r"^RF[0-9]{2}[A-Z0-9]{1,21}$", reference):
        return False
    return _mod97(reference[4:] + reference[:4]) == 1


def _mod97(text: str) -> int:
    digits = "".join(str(int(ch, 36)) for ch in text)
    return int(digits) % 97


def _one_line(text: str) -> str:
    return " ".join(text.split())
