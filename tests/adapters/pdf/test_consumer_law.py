"""The law in the texts: a consumer never reads about the €40 recovery indemnity, a French
consumer's interest is interest at the legal rate, and a Belgian consumer's free first reminder
says what CDE XIX.2 asks on every channel, letter and email alike."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.adapters.pdf import FreeReminder, compose_email, render_letter_bytes
from app.adapters.pdf.model import BE_CONSUMER_DAMAGES
from app.adapters.pdf.templates import LETTER_TEMPLATES
from tests.adapters.pdf.helpers import (
    COMPANY,
    claim,
    flat,
    letter,
    pdf_text,
    recipient,
    use_pending_french,
)

BELGIAN = replace(COMPANY, country="BE", consumer_damages_clause=True)
INDEMNITY_WORDS = ("indemnité forfaitaire", "recovery indemnity", "40,00", "€40.00", "D441-5")
FREE = FreeReminder(date(2026, 12, 10), Decimal("10.50"), Decimal("85.25"))


@pytest.fixture(autouse=True)
def _french(monkeypatch: pytest.MonkeyPatch) -> None:
    use_pending_french(monkeypatch)


def _consumer_letter(code: str, language: str, country: str):  # type: ignore[no-untyped-def]
    extra: dict[str, object] = {}
    if code == "formal_notice":
        extra["claim"] = (
            claim(Decimal("85.25"), 0, BE_CONSUMER_DAMAGES)
            if country == "BE"
            else claim(Decimal("0.00"))
        )
    if code == "payment_plan":
        from app.adapters.pdf import Instalment

        extra["instalments"] = (Instalment(date(2026, 12, 15), Decimal("2500.50")),)
    return letter(code, language, **extra)


@pytest.mark.parametrize("country", ["FR", "BE"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_consumer_never_reads_about_the_recovery_indemnity(language: str, country: str) -> None:
    company = BELGIAN if country == "BE" else COMPANY
    for code in LETTER_TEMPLATES:
        one = _consumer_letter(code, language, country)
        printed = flat(pdf_text(render_letter_bytes(one, company, recipient(language, "consumer"))))
        _subject, body = compose_email(one, company, recipient(language, "consumer"))
        for text in (printed, body):
            found = [w for w in INDEMNITY_WORDS if w.lower() in text.lower()]
            assert found == [], (code, found)


def test_a_french_consumer_reads_of_interest_at_the_legal_rate() -> None:
    firm = flat(
        pdf_text(render_letter_bytes(letter("firm_reminder"), COMPANY, recipient("fr", "consumer")))
    )
    assert "des intérêts au taux légal à compter de la mise en demeure" in firm
    assert "pénalités" not in firm
    notice = letter(
        "formal_notice", claim=replace(claim(Decimal("0.00")), interest_basis="legal_rate")
    )
    printed = flat(pdf_text(render_letter_bytes(notice, COMPANY, recipient("fr", "consumer"))))
    assert "Intérêts au taux légal, facture F2026-0042" in printed
    assert "fait courir des intérêts au taux légal" in printed
    business = flat(
        pdf_text(render_letter_bytes(letter("firm_reminder"), COMPANY, recipient("fr")))
    )
    assert "l'indemnité forfaitaire pour frais de recouvrement de 40,00 € par facture" in business


@pytest.mark.parametrize("clause", [True, False])
def test_the_free_first_reminder_says_it_all_in_the_letter_and_the_email(clause: bool) -> None:
    company = replace(BELGIAN, consumer_damages_clause=clause)
    free = FREE if clause else FreeReminder(FREE.last_day)
    one = letter("reminder_1", free_reminder=free)
    printed = flat(pdf_text(render_letter_bytes(one, company, recipient("fr", "consumer"))))
    _subject, email = compose_email(one, company, recipient("fr", "consumer"))
    for text in (printed, flat(email)):
        assert "Ce premier rappel vous est adressé gratuitement" in text
        assert "article XIX.2" in text
        assert "délai de quatorze jours" in text
        assert "jusqu'au 10 décembre 2026 inclus" in text
        assert "les factures F2026-0042 et F2026-0051, pour un solde de 2\u202f500,50 €" in text
        assert "exigible depuis le 01/10/2026" in text
        if clause:
            assert "au taux de 10,50 % l'an" in text
            assert "dommages et intérêts forfaitaires de 85,25 €" in text
        else:
            assert "seuls des intérêts au taux légal pourront vous être réclamés" in text
            assert "85,25" not in text


def test_the_free_first_reminder_is_added_when_a_template_forgets_it() -> None:
    one = letter("reminder_2", "en", free_reminder=FREE)
    printed = flat(pdf_text(render_letter_bytes(one, BELGIAN, recipient("en", "consumer"))))
    _subject, email = compose_email(one, BELGIAN, recipient("en", "consumer"))
    for text in (printed, flat(email)):
        assert "This first reminder is free of charge" in text
        assert "until 10 December 2026 inclusive" in text
    plain = flat(pdf_text(render_letter_bytes(letter("reminder_1"), BELGIAN, recipient())))
    assert "gratuit" not in plain
