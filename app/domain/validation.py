"""Checks on what a user types for a client: email, company ids, VAT number, IBAN.

Each check returns the compact value to store, or raises `Invalid` with a code; the service
turns codes into sentences. python-stdnum and schwifty are pure computation (no I/O, no clock).
"""

from __future__ import annotations

import re
from datetime import date

_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[A-Za-z]{2,}$")


class Invalid(ValueError):
    """`code` names the rule that failed: invalid_email, invalid_legal_id, invalid_vat, ..."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def check_email(text: str) -> str:
    value = text.strip()
    if value and not _EMAIL.match(value):
        raise Invalid("invalid_email")
    return value


def check_legal_id(country: str, text: str) -> str:
    """SIREN (9 digits) or SIRET (14) in France; enterprise number (10 digits) in Belgium."""
    from stdnum.be import vat as be_vat
    from stdnum.fr import siren, siret

    value = re.sub(r"[\s.\-]", "", text)
    if not value:
        return ""
    if country == "FR":
        if len(value) == 9 and siren.is_valid(value):
            return value
        if len(value) == 14 and siret.is_valid(value):
            return value
        raise Invalid("invalid_legal_id")
    if country == "BE":
        if be_vat.is_valid(value):
            return be_vat.compact(value)
        raise Invalid("invalid_legal_id")
    return value


def check_vat_number(country: str, text: str) -> str:
    """An EU VAT number; for French and Belgian clients its prefix must match the country."""
    from stdnum.eu import vat

    value = re.sub(r"[\s.\-]", "", text).upper()
    if not value:
        return ""
    if country in ("FR", "BE") and not value.startswith(country):
        raise Invalid("vat_country_mismatch")
    if len(value) > 20 or (value[:2].lower() in vat.MEMBER_STATES and not vat.is_valid(value)):
        raise Invalid("invalid_vat")
    return value


def check_iban(text: str) -> str:
    from schwifty import IBAN
    from schwifty.exceptions import SchwiftyException

    value = re.sub(r"\s", "", text).upper()
    if not value:
        return ""
    try:
        return IBAN(value).compact
    except SchwiftyException as error:
        raise Invalid("invalid_iban") from error


def bank_of_iban(text: str) -> tuple[str, str]:
    """(BIC, bank name) of a valid IBAN's bank when the bank registry knows it, else blanks."""
    from schwifty import IBAN
    from schwifty.exceptions import SchwiftyException

    try:
        iban = IBAN(re.sub(r"\s", "", text).upper())
        bic = iban.bic
        return (str(bic.compact) if bic else "", iban.bank_name or "")
    except (SchwiftyException, ValueError):
        return ("", "")


def check_bic(text: str) -> str:
    """A bank's BIC (SWIFT code), 8 or 11 characters."""
    from schwifty import BIC
    from schwifty.exceptions import SchwiftyException

    value = re.sub(r"\s", "", text).upper()
    if not value:
        return ""
    try:
        return str(BIC(value).compact)
    except SchwiftyException as error:
        raise Invalid("invalid_bic") from error


def check_country(text: str) -> str:
    value = text.strip().upper()
    if len(value) != 2 or not value.isalpha():
        raise Invalid("invalid_country")
    return value


_ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_FR_DATE = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\Z")
# Years a receivable can carry; 0001 or 9999 are typing slips (and 9999 + terms overflows).
MIN_YEAR, MAX_YEAR = 1900, 2200


def parse_date(text: str) -> date | None:
    """YYYY-MM-DD or DD/MM/YYYY in ASCII digits; None when it is not a date."""
    try:
        match = _ISO_DATE.match(text)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        match = _FR_DATE.match(text)
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None
    return None
