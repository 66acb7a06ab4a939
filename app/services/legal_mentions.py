"""The company's legal mentions at the foot of its letters, in the letter's language.

France (C. com. R123-237): legal form and share capital, "RCS" + the registry city + SIREN.
Belgium (CSA art. 2:20): legal form, enterprise number written 0403.170.701, "RPM" + the
enterprise court (division) of the registered office.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Protocol

from app.i18n import format_money, translator

MAX_SHARE_CAPITAL = Decimal("1000000000000")


class _Company(Protocol):
    """What the mentions read of the company settings (read-only, as frozen settings are)."""

    @property
    def country(self) -> str: ...

    @property
    def currency(self) -> str: ...

    @property
    def language(self) -> str: ...

    @property
    def legal_id(self) -> str: ...

    @property
    def legal_form(self) -> str: ...

    @property
    def share_capital(self) -> Decimal | None: ...

    @property
    def registry_city(self) -> str: ...


def format_enterprise_number(number: str) -> str:
    """Belgian enterprise number as printed: 0403.170.701 (a 9-digit old form gets its 0)."""
    digits = re.sub(r"\D", "", number)
    if len(digits) == 9:
        digits = "0" + digits
    if len(digits) != 10:
        return number.strip()
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def format_siren(legal_id: str) -> str:
    """The SIREN of a SIREN or SIRET, grouped as on a Kbis: 552 100 554."""
    digits = re.sub(r"\D", "", legal_id)[:9]
    if len(digits) != 9:
        return legal_id.strip()
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def legal_mentions(company: _Company, lang: str | None = None) -> list[str]:
    """Lines for the letter footer; empty parts are left out, nothing when nothing is set."""
    language = lang or company.language
    tr = translator(language).gettext
    form = company.legal_form.strip()
    city = company.registry_city.strip()
    lines: list[str] = []
    if company.country == "BE":
        if form:
            lines.append(form)
        if company.legal_id.strip():
            number = format_enterprise_number(company.legal_id)
            lines.append(tr("Enterprise no. {number}").format(number=number))
        if city:
            lines.append(tr("RPM {court}").format(court=city))
        return lines
    capital = company.share_capital
    if form and capital is not None:
        amount = format_money(capital, company.currency, language)
        lines.append(tr("{form} with a share capital of {amount}").format(form=form, amount=amount))
    elif form:
        lines.append(form)
    if city:
        siren = format_siren(company.legal_id) if company.legal_id.strip() else ""
        lines.append(" ".join(x for x in (tr("RCS {city}").format(city=city), siren) if x))
    return lines
