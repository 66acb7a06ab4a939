"""Every field of the client dialog checked at once, each problem named after its field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.domain import validation as v
from app.domain.errors import Problem
from app.domain.terms import PaymentTerms, parse_terms, terms_beyond_cap
from app.i18n import _

if TYPE_CHECKING:
    from app.services.dossier import CompanySettings
    from app.services.ledger.clients import ClientData

CLIENT_TYPES = ("business", "consumer")
CHANNELS = ("email", "letter", "phone")
LANGUAGES = ("fr", "en", "nl", "de")


@dataclass(frozen=True)
class ContactData:
    name: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    is_reminder_contact: bool = False
    id: int | None = None


def _messages() -> dict[str, str]:
    return {
        "invalid_email": _("this is not an email address (name@example.fr)"),
        "invalid_legal_id": _(
            "not a valid company number: 9-digit SIREN or 14-digit SIRET in "
            "France, 10-digit enterprise number in Belgium"
        ),
        "vat_country_mismatch": _("the VAT number must start with the client's country code"),
        "invalid_vat": _("not a valid VAT number (check digits do not match)"),
        "invalid_iban": _("not a valid IBAN (check the digits and the country code)"),
        "invalid_country": _("choose a country from the list"),
    }


def field_checker(problems: list[Problem], messages: dict[str, str]) -> Callable[..., str]:
    """`check(column, fn, *args)`: fn's value as text, or "" with the Problem for that column
    (its message found by the validation code) added to `problems`."""

    def check(column: str, fn: Callable[..., Any], *args: Any) -> str:
        try:
            return str(fn(*args))
        except v.Invalid as error:
            problems.append(Problem(messages.get(error.code, error.code), column=column))
            return ""

    return check


def terms_warning(
    terms: PaymentTerms | int | None, client_type: str, company: CompanySettings | str
) -> str:
    """The warning for agreed terms beyond the L441-10 cap (French creditor, business
    client), or "" — the terms are kept: the law fines the creditor, it does not move the
    due date."""
    if terms is None:
        return ""
    if isinstance(terms, int):
        terms = PaymentTerms(terms)
    country = company if isinstance(company, str) else company.country
    if not terms_beyond_cap(terms, country, client_type):
        return ""
    return _(
        "Beyond the legal cap between French businesses (60 days, or 45 days end of month; "
        "C. com. L441-10)"
    )


def checked_values(data: ClientData) -> tuple[dict[str, Any], list[Problem]]:
    """The column values for the Client row, and what is wrong (empty when all is well)."""
    problems: list[Problem] = []
    messages = _messages()

    check = field_checker(problems, messages)

    code = data.code.strip()
    name = data.name.strip()
    if not code:
        problems.append(Problem(_("the client code is required"), column="code"))
    elif len(code) > 40:
        problems.append(Problem(_("the code is at most 40 characters"), column="code"))
    if not name:
        problems.append(Problem(_("the client name is required"), column="name"))
    country = check("country", v.check_country, data.country or "FR")
    terms = parse_terms(data.payment_terms) if data.payment_terms.strip() else None
    if data.payment_terms.strip() and terms is None:
        problems.append(
            Problem(
                _("write terms as a number of days, e.g. 30 or “45 days end of month”"),
                column="payment_terms",
            )
        )
    limit = data.credit_limit
    if limit is not None and limit < 0:
        problems.append(Problem(_("the credit limit cannot be negative"), column="credit_limit"))
    if data.client_type not in CLIENT_TYPES:
        problems.append(Problem(_("choose business or consumer"), column="client_type"))
    if data.preferred_channel not in CHANNELS:
        problems.append(Problem(_("choose email, letter or phone"), column="preferred_channel"))
    if data.dunning_blocked and not data.dunning_blocked_reason.strip():
        problems.append(
            Problem(
                _("say why reminders are blocked for this client"), column="dunning_blocked_reason"
            )
        )
    if (
        data.preferred_channel == "email"
        and not data.email.strip()
        and not any(c.email.strip() for c in data.contacts)
    ):
        problems.append(
            Problem(
                _("reminders go by email: give an email address or choose another channel"),
                column="email",
            )
        )
    values = {
        "code": code,
        "name": name,
        "client_type": data.client_type,
        "email": check("email", v.check_email, data.email),
        "phone": data.phone.strip(),
        "address": data.address.strip(),
        "postcode": data.postcode.strip(),
        "city": data.city.strip(),
        "country": country,
        "language": data.language if data.language in LANGUAGES else "fr",
        "legal_id": check("legal_id", v.check_legal_id, country, data.legal_id),
        "vat_number": check("vat_number", v.check_vat_number, country, data.vat_number),
        "iban": check("iban", v.check_iban, data.iban),
        "payment_terms_days": terms.days if terms else None,
        "terms_end_of_month": terms.end_of_month if terms else False,
        "credit_limit": limit.quantize(Decimal("0.01")) if limit is not None else None,
        "preferred_channel": data.preferred_channel,
        "dunning_blocked": data.dunning_blocked,
        "dunning_blocked_reason": data.dunning_blocked_reason.strip()
        if data.dunning_blocked
        else "",
        "notes": data.notes.strip(),
        "archived": data.archived,
    }
    return values, problems


def checked_contacts(
    contacts: tuple[ContactData, ...],
) -> tuple[list[dict[str, Any]], list[Problem]]:
    problems: list[Problem] = []
    rows: list[dict[str, Any]] = []
    for index, contact in enumerate(contacts, start=1):
        if not any((contact.name.strip(), contact.email.strip(), contact.phone.strip())):
            continue
        try:
            email = v.check_email(contact.email)
        except v.Invalid:
            problems.append(
                Problem(
                    _("contact {n}: this is not an email address").format(n=index),
                    line=index,
                    column="contacts",
                )
            )
            email = ""
        rows.append(
            {
                "name": contact.name.strip(),
                "role": contact.role.strip(),
                "email": email,
                "phone": contact.phone.strip(),
                "is_reminder_contact": contact.is_reminder_contact,
            }
        )
    if sum(1 for r in rows if r["is_reminder_contact"]) > 1:
        problems.append(Problem(_("only one contact can receive the reminders"), column="contacts"))
    if rows and not any(r["is_reminder_contact"] for r in rows):
        rows[0]["is_reminder_contact"] = True
    return rows, problems
