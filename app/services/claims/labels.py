"""How a claim's lines are named, per law and client type, in the UI's or a letter's language.

Consumers never read about an indemnity they do not owe; French consumer interest is the
legal-rate interest of C. civ. 1231-6 ("intérêts au taux légal").
"""

from __future__ import annotations

from app.i18n import N_, _, translator

_INTEREST = {
    ("FR", "business"): N_("Late interest"),  # fr: pénalités de retard (C. com. L441-10)
    ("FR", "consumer"): N_("Interest at the legal rate"),  # fr: intérêts au taux légal
    ("BE", "business"): N_("Late-payment interest"),
    ("BE", "consumer"): N_("Late-payment interest"),
}
RECOVERY_INDEMNITY = N_("Recovery indemnity")
CONSUMER_DAMAGES = N_("Fixed damages (Code of Economic Law, art. XIX.4)")


def _in(message: str, lang: str | None) -> str:
    return translator(lang).gettext(message) if lang else _(message)


def interest_label(jurisdiction: str, client_type: str, lang: str | None = None) -> str:
    """The name of the interest line: 'Intérêts au taux légal' for a French consumer."""
    return _in(_INTEREST.get((jurisdiction, client_type), N_("Late-payment interest")), lang)


def indemnity_label(jurisdiction: str, client_type: str, lang: str | None = None) -> str | None:
    """The name of the fixed-amount line; None for a French consumer, who owes none, and the
    XIX.4 damages for a Belgian consumer (never called an indemnity)."""
    if client_type == "business":
        return _in(RECOVERY_INDEMNITY, lang)
    if jurisdiction == "BE":
        return _in(CONSUMER_DAMAGES, lang)
    return None
