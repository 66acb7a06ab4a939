"""Company details as the letterhead and bank block print them: every field checked at once,
each problem named after its field (the Settings dialog shows it there), values stored compact.

The logo is copied into the user's settings folder, named after its content, so the dossier
does not depend on where the chosen file was (and two dossiers never overwrite each other's).
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from app.domain import validation as v
from app.domain.errors import InvalidInput, Problem
from app.i18n import _
from app.paths import user_config_dir
from app.services.dossier import COUNTRIES, CompanySettings
from app.services.ledger.client_validation import field_checker
from app.services.legal_mentions import MAX_SHARE_CAPITAL

LETTER_LANGUAGES = ("fr", "en")
CURRENCIES = ("EUR", "CHF", "GBP", "USD", "CAD", "XOF", "XPF")  # offered; any ISO code is taken
MAX_LOGO_BYTES = 5 * 1024 * 1024
MAX_ADMIN_FEE = Decimal("10000")
_SIGNATURES = {b"\x89PNG\r\n\x1a\n": ".png", b"\xff\xd8\xff": ".jpg"}
_POSTCODE = {"FR": re.compile(r"^\d{5}$"), "BE": re.compile(r"^\d{4}$")}
_PHONE = re.compile(r"^\+?[\d\s().\-/]{6,30}$")
_LIMITS = {
    "name": 200,
    "postcode": 20,
    "city": 100,
    "phone": 40,
    "email": 200,
    "signatory": 200,
    "signatory_title": 100,
    "legal_form": 40,
    "registry_city": 100,
}


def logo_folder() -> Path:
    return user_config_dir() / "logos"


def _messages(country: str) -> dict[str, str]:
    return {
        "invalid_email": _("this is not an email address (name@example.fr)"),
        "invalid_legal_id": _("not a valid enterprise number (10 digits, e.g. 0123.456.749)")
        if country == "BE"
        else _("not a valid SIREN (9 digits) or SIRET (14 digits)"),
        "vat_country_mismatch": _("the VAT number must start with the company's country code"),
        "invalid_vat": _("not a valid VAT number (check digits do not match)"),
        "invalid_iban": _("not a valid IBAN (check the digits and the country code)"),
        "invalid_bic": _("not a valid BIC: 8 or 11 letters and digits, e.g. AGRIFRPP"),
    }


def checked_company(settings: CompanySettings) -> CompanySettings:
    """The settings with compact values and the logo in the settings folder; raises
    InvalidInput with one Problem per wrong field (column = the field's name)."""
    problems: list[Problem] = []
    messages = _messages(settings.country)

    check = field_checker(problems, messages)

    text = {name: str(getattr(settings, name)).strip() for name in _LIMITS}
    for name, limit in _LIMITS.items():
        if len(text[name]) > limit:
            problems.append(
                Problem(_("at most {count} characters").format(count=limit), column=name)
            )
    if not text["name"]:
        problems.append(Problem(_("the company name is required"), column="name"))
    country = settings.country
    if country not in COUNTRIES:
        problems.append(Problem(_("choose France or Belgium"), column="country"))
    address = tuple(x.strip() for x in settings.address.splitlines() if x.strip())
    if len(address) > 4 or any(len(x) > 100 for x in address):
        problems.append(Problem(_("at most 4 lines of 100 characters"), column="address"))
    pattern = _POSTCODE.get(country)
    if text["postcode"] and pattern is not None and not pattern.match(text["postcode"]):
        problems.append(
            Problem(
                _("a postcode has {digits} digits in this country").format(
                    digits=5 if country == "FR" else 4
                ),
                column="postcode",
            )
        )
    if text["phone"] and not _PHONE.match(text["phone"]):
        problems.append(
            Problem(_("write a phone number with digits, e.g. 04 72 00 00 00"), column="phone")
        )
    currency = settings.currency.strip().upper()
    if not _is_currency(currency):
        problems.append(Problem(_("currency must be an ISO code such as EUR"), column="currency"))
    if settings.language not in LETTER_LANGUAGES:
        problems.append(Problem(_("letters are written in French or English"), column="language"))
    fee = settings.admin_fee
    if fee < 0 or fee > MAX_ADMIN_FEE:
        problems.append(
            Problem(
                _("the fee must be between 0 and {limit}").format(limit=MAX_ADMIN_FEE),
                column="admin_fee",
            )
        )
    _check_legal_mentions(settings, text, problems)
    capital = settings.share_capital
    checked = replace(
        settings,
        legal_form=text["legal_form"],
        registry_city=text["registry_city"],
        share_capital=None if capital is None else capital.quantize(Decimal("0.01")),
        name=text["name"],
        address="\n".join(address),
        postcode=text["postcode"],
        city=text["city"],
        phone=text["phone"],
        currency=currency,
        signatory=text["signatory"],
        signatory_title=text["signatory_title"],
        email=check("email", v.check_email, settings.email),
        legal_id=check("legal_id", v.check_legal_id, country, settings.legal_id),
        vat_number=check("vat_number", v.check_vat_number, country, settings.vat_number),
        iban=check("iban", v.check_iban, settings.iban),
        bic=check("bic", v.check_bic, settings.bic),
        admin_fee=fee.quantize(Decimal("0.01")),
    )
    logo = _checked_logo(settings.logo_path.strip(), problems)
    if problems:
        raise InvalidInput(problems)
    return replace(checked, logo_path=import_logo(Path(logo)) if logo else "")


def letter_gaps(settings: CompanySettings) -> list[str]:
    """What the letters will lack because the company's details lack it: their sender address
    (the letterhead and the window envelope) and the bank block their text refers to."""
    gaps = []
    if not (settings.address.strip() and settings.city.strip()):
        gaps.append(_("no address: the letters will print without a sender address"))
    if not settings.iban.strip():
        gaps.append(
            _(
                "no IBAN: the letters will print without bank details, although statements "
                "and payment plans ask for a transfer to the account below"
            )
        )
    return gaps


def _check_legal_mentions(
    settings: CompanySettings, text: dict[str, str], problems: list[Problem]
) -> None:
    """The footer's mentions hang together: a capital has a form, a registry a number."""
    capital = settings.share_capital
    if capital is not None and not (0 <= capital <= MAX_SHARE_CAPITAL):
        problems.append(
            Problem(_("the share capital must be a positive amount"), column="share_capital")
        )
    if capital is not None and not text["legal_form"]:
        problems.append(
            Problem(_("give the legal form that goes with the share capital"), column="legal_form")
        )
    if text["registry_city"] and not settings.legal_id.strip():
        problems.append(
            Problem(
                _("the RPM registration needs the enterprise number (Company number)")
                if settings.country == "BE"
                else _("the RCS registration needs the SIREN (Company number)"),
                column="registry_city",
            )
        )


def import_logo(source: Path) -> str:
    """Copy the logo into the settings folder (once per content); returns the copy's path."""
    data = source.read_bytes()
    suffix = _logo_suffix(data) or source.suffix.lower()
    target = logo_folder() / f"logo-{hashlib.sha256(data).hexdigest()[:16]}{suffix}"
    if source.resolve() != target.resolve() and not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return str(target)


def _checked_logo(path: str, problems: list[Problem]) -> str:
    if not path:
        return ""
    file = Path(path)
    if not file.is_file():
        problems.append(Problem(_("the logo file cannot be found: choose it again"), column="logo"))
        return ""
    if file.stat().st_size > MAX_LOGO_BYTES:
        problems.append(
            Problem(_("the logo is larger than 5 MB: choose a smaller picture"), column="logo")
        )
        return ""
    with file.open("rb") as handle:
        head = handle.read(16)
    if _logo_suffix(head) is None or not _is_readable_picture(file):
        problems.append(Problem(_("the logo must be a PNG or JPEG picture"), column="logo"))
        return ""
    return path


def _logo_suffix(data: bytes) -> str | None:
    return next((s for sig, s in _SIGNATURES.items() if data.startswith(sig)), None)


def _is_readable_picture(path: Path) -> bool:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as picture:
            picture.verify()
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        return False
    return True


def _is_currency(code: str) -> bool:
    from babel.numbers import is_currency

    return len(code) == 3 and code.isalpha() and bool(is_currency(code))
