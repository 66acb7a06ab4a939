"""The name of a company's legal identifier in its own country: SIRET, BCE number…"""

from __future__ import annotations

from app.i18n import _


def legal_id_label(country: str) -> str:
    """The form label of the legal id field for a company registered in `country`."""
    if country == "FR":
        return _("SIRET")
    if country == "BE":
        return _("Enterprise number (BCE)")
    return _("Company number")


def legal_id_placeholder(country: str) -> str:
    if country == "FR":
        return _("SIREN (9 digits) or SIRET (14 digits)")
    if country == "BE":
        return _("Enterprise number, e.g. 0123.456.749")
    return ""
