"""Sample letters, PDF text extraction, and the French text of messages awaiting the catalogue."""

from __future__ import annotations

import gettext
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from app.adapters.pdf.model import (
    FR_RECOVERY_INDEMNITY,
    ClaimSummary,
    CompanyInfo,
    InterestPeriod,
    Letter,
    LetterLine,
    Recipient,
)

ROOT = Path(__file__).resolve().parents[3]
PENDING = ROOT / "translations" / "pending" / "letters.po"
D = Decimal
LETTER_DATE = date(2026, 11, 23)

COMPANY = CompanyInfo(
    name="Atelier Dupont SARL",
    address_lines=("12 rue des Tanneurs", "Bâtiment B"),
    postcode="69002",
    city="Lyon",
    country="FR",
    siren="123456789",
    siret="12345678900012",
    vat_number="FR12123456789",
    iban="FR7630006000011234567890189",
    bic="AGRIFRPP",
    phone="04 72 00 00 00",
    email="compta@atelier-dupont.fr",
    signatory_name="Claire Dupont",
    signatory_title="Gérante",
    legal_mentions="SARL au capital de 10 000 € – RCS Lyon 123 456 789",
)


def recipient(
    language: str = "fr", client_type: str = "business", name: str = "Boulangerie Martin & Fils"
) -> Recipient:
    return Recipient(
        "C001",
        name,
        ("3 rue des Lilas",),
        "69003",
        "Lyon",
        "FR",
        language,
        client_type,
        "compta@martin.example",
    )


def lines() -> tuple[LetterLine, ...]:
    return (
        LetterLine(
            "F2026-0042",
            date(2026, 9, 1),
            date(2026, 10, 1),
            D("1200.00"),
            D("0.00"),
            D("1200.00"),
            53,
        ),
        LetterLine(
            "F2026-0051",
            date(2026, 9, 15),
            date(2026, 10, 15),
            D("2450.50"),
            D("1000.00"),
            D("1450.50"),
            39,
        ),
        LetterLine(
            "AV2026-003",
            date(2026, 10, 20),
            None,
            D("150.00"),
            D("0.00"),
            D("150.00"),
            0,
            "credit_note",
        ),
    )


FORTY_EACH = D("80.00")


def claim(
    indemnity: Decimal = FORTY_EACH, count: int = 2, basis: str | None = FR_RECOVERY_INDEMNITY
) -> ClaimSummary:
    periods = (
        InterestPeriod(
            "F2026-0042",
            date(2026, 10, 2),
            date(2026, 11, 23),
            53,
            D("12.40"),
            D("1200.00"),
            D("21.61"),
        ),
        InterestPeriod(
            "F2026-0051",
            date(2026, 10, 16),
            date(2026, 11, 23),
            39,
            D("12.40"),
            D("1450.50"),
            D("19.22"),
        ),
    )
    principal, interest = D("2650.50"), D("40.83")
    return ClaimSummary(
        principal,
        interest,
        periods,
        indemnity,
        D("0.00"),
        principal + interest + indemnity,
        count if indemnity else 0,
        basis if indemnity else None,
    )


def letter(template: str = "reminder_1", language: str = "fr", **changes: object) -> Letter:
    values: dict[str, object] = {
        "level": template,
        "template": template,
        "language": language,
        "place": "Lyon",
        "date": LETTER_DATE,
        "lines": lines(),
        "deadline": date(2026, 12, 1),
    }
    values.update(changes)
    return Letter(**values)  # type: ignore[arg-type]


def pdf_text(path: Path | bytes) -> str:
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(path) if isinstance(path, bytes) else path)
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """Text without line breaks and with no-break spaces as pypdf reads them (U+202F is kept)."""
    return re.sub(r"[ \t\r\n]+", " ", text.replace("\xa0", " ")).strip()


class _Layered(gettext.NullTranslations):
    def __init__(self, base: gettext.NullTranslations, extra: dict[str, object]) -> None:
        super().__init__()
        self._base, self._extra = base, extra

    def gettext(self, message: str) -> str:
        found = self._extra.get(message)
        return found if isinstance(found, str) and found else self._base.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self._extra.get(singular)
        if isinstance(found, tuple) and all(found):
            return found[0 if n <= 1 else 1]
        return self._base.ngettext(singular, plural, n)


def use_pending_french(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Until translations/update.py merges translations/pending/letters.po, read it too."""
    from babel.messages.pofile import read_po

    from app import i18n

    if not PENDING.exists():
        return
    with PENDING.open("rb") as handle:
        extra = {
            m.id if isinstance(m.id, str) else m.id[0]: m.string
            for m in read_po(handle, locale="fr")
            if m.id
        }
    original = i18n.translator
    french = _Layered(original("fr"), extra)
    monkeypatch.setattr(i18n, "translator", lambda lang: french if lang == "fr" else original(lang))
