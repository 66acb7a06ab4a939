"""The one module that knows the locale: gettext catalogues and Babel formatting.

Catalogues are the .po sources under translations/; they are compiled on first use, so a fresh
checkout needs no build step, and the compiled copy is kept in the user's cache folder under the
hash of the .po's content, so it can never be stale and later commands skip the compilation
(a twentieth of a second of every start-up). The frozen app ships compiled .mo files instead
(packaging/compile_catalogues.py), read when there is no .po.
"""

from __future__ import annotations

import gettext
import hashlib
import io
import locale
import os
import re
from datetime import date
from decimal import Decimal
from functools import cache

from app.paths import translations_dir, user_cache_dir

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
_LOCALES = {"fr": "fr_FR", "en": "en_GB"}

_current = DEFAULT_LANGUAGE


@cache
def translator(lang: str) -> gettext.NullTranslations:
    """The catalogue of one language (letters use the client's language, not the UI's)."""
    po = translations_dir() / lang / "LC_MESSAGES" / "relance.po"
    if not po.exists():
        mo = po.with_suffix(".mo")
        if mo.exists():
            with mo.open("rb") as handle:
                return gettext.GNUTranslations(handle)
        return gettext.NullTranslations()
    source = po.read_bytes()
    key = hashlib.sha256(source).hexdigest()[:24]
    cached = user_cache_dir() / f"relance-{lang}-{key}.mo"
    try:
        with cached.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except OSError:  # not compiled yet (or unreadable): compile it below
        pass
    compiled = _compile(source, lang)
    try:  # written whole under a temporary name, then renamed: never read half-written
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
        partial.write_bytes(compiled)
        os.replace(partial, cached)
    except OSError:  # a read-only cache folder only costs the compilation next time
        pass
    return gettext.GNUTranslations(io.BytesIO(compiled))


def _compile(source: bytes, lang: str) -> bytes:
    # Babel's catalogue tools are loaded only when a .po changed since its last compilation.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(source), locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def system_language() -> str:
    """French when the system locale is French (or unknown to us), else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return "fr" if value.lower().startswith("fr") else "en"
    code = locale.getlocale()[0] or ""
    return "en" if code and not code.lower().startswith("fr") else DEFAULT_LANGUAGE


def set_language(lang: str | None) -> str:
    global _current
    _current = lang if lang in LANGUAGES else system_language()
    return _current


def current_language() -> str:
    return _current


def _(message: str) -> str:
    return translator(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translator(_current).ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - gettext convention
    """Mark a module-level string for extraction; translate it with _() when shown."""
    return message


def babel_locale(lang: str | None = None) -> str:
    return _LOCALES.get(lang or _current, "fr_FR")


def format_money(amount: Decimal, currency: str = "EUR", lang: str | None = None) -> str:
    """'1 234,50 €' in French, '€1,234.50' in English.

    Babel's result, built from its own writing of two sample amounts (one positive, one
    negative) for this currency and language, about twenty times faster: a report of a
    hundred thousand amounts would otherwise spend seconds here. Amounts with more places
    than the currency's cents, and currencies without two decimals, go through Babel."""
    shape = _money_shape(currency, babel_locale(lang))
    if shape is None or not amount.is_finite():
        return _babel_money(amount, currency, babel_locale(lang))
    cents = amount.scaleb(2)
    whole = int(cents)
    if whole != cents:  # a part of a cent: Babel rounds it
        return _babel_money(amount, currency, babel_locale(lang))
    units, rest = divmod(abs(whole), 100)
    prefix, group, point, suffix = shape[1] if amount.is_signed() else shape[0]
    return f"{prefix}{units:,}".replace(",", group) + f"{point}{rest:02d}{suffix}"


def _babel_money(amount: Decimal, currency: str, locale_name: str) -> str:
    from babel.numbers import format_currency  # loaded when used

    return format_currency(amount, currency, locale=locale_name)


_SAMPLE = re.compile(r"^(\D*)1(?P<group>\D+)234(?P=group)567(\D+)89(\D*)$")


@cache
def _money_shape(
    currency: str, locale_name: str
) -> tuple[tuple[str, str, str, str], tuple[str, str, str, str]] | None:
    """(prefix, group separator, decimal point, suffix) of a positive and a negative amount,
    read from Babel's writing of ±1,234,567.89; None when it does not read that way."""
    from babel.numbers import get_currency_precision

    if get_currency_precision(currency) != 2:
        return None
    shapes = []
    for sample in ("1234567.89", "-1234567.89"):
        found = _SAMPLE.match(_babel_money(Decimal(sample), currency, locale_name))
        if found is None:
            return None
        shapes.append((found[1], found[2], found[3], found[4]))
    return shapes[0], shapes[1]


def format_number(amount: Decimal, lang: str | None = None, decimals: int = 2) -> str:
    from babel.numbers import format_decimal as _babel_format_decimal  # loaded when used

    pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    return _babel_format_decimal(amount, format=pattern, locale=babel_locale(lang))


def format_date(value: date, lang: str | None = None, style: str = "short") -> str:
    """'22/11/2026' in French; style 'long' gives '22 novembre 2026' (and '1er décembre')."""
    from babel.dates import format_date as _babel_format_date  # loaded when used

    text = _babel_format_date(value, format=style, locale=babel_locale(lang))
    if style == "long" and value.day == 1 and (lang or _current) == "fr":
        text = "1er" + text[1:]
    return text
