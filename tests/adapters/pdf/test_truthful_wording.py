"""What a letter says about each invoice and about earlier reminders follows the facts: a late
invoice is late since its date, one not yet due falls due on its date, and the reminders named
are those of the history, with their dates and channels."""

from __future__ import annotations

from datetime import date

import pytest

from app.adapters.pdf import SentReminder, compose_email, compose_letter
from tests.adapters.pdf.helpers import COMPANY, letter, recipient, use_pending_french

BOTH = ("F2026-0042", "F2026-0051")
BEFORE_BOTH = date(2026, 9, 25)  # both invoices still to come (due 01/10 and 15/10)
BETWEEN = date(2026, 10, 8)  # F2026-0042 late, F2026-0051 still to come


@pytest.fixture(autouse=True)
def _french(monkeypatch: pytest.MonkeyPatch) -> None:
    use_pending_french(monkeypatch)


def _text(code: str, language: str = "fr", **changes: object) -> tuple[str, str]:
    one = letter(code, language, deadline=date(2026, 12, 1), **changes)
    composed = compose_letter(one, COMPANY, recipient(language))
    words = " ".join(text for kind, text in composed.blocks if kind == "text")
    subject, body = compose_email(one, COMPANY, recipient(language))
    return composed.subject + " " + words.replace("\xa0", " "), subject + "\n" + body


def test_not_yet_due_falls_due_on_its_date() -> None:
    for text in _text("courtesy", date=BEFORE_BOTH):
        assert "arrive à échéance le 01/10/2026" in text
        assert "dépassée" not in text


def test_late_and_coming_invoices_are_each_told_as_they_are() -> None:
    letter_text, email = _text("courtesy", date=BETWEEN)
    for text in (letter_text, email):
        assert "Règlement attendu" in text
        assert "Pour la facture F2026-0042, l'échéance est dépassée depuis le 01/10/2026" in text
        assert "pour la facture F2026-0051, elle est fixée au 15/10/2026" in text
        assert "arrive à échéance le 01/10/2026" not in text
    letter_text, email = _text("reminder_1", date=BETWEEN)
    for text in (letter_text, email):
        assert "la facture F2026-0042, dont l'échéance est dépassée depuis le 01/10/2026" in text
        assert "la facture F2026-0051, à échéance du 15/10/2026, figure également" in text


def test_without_history_no_level_claims_a_reminder() -> None:
    for code in ("reminder_1", "reminder_2", "firm_reminder"):
        for text in _text(code):
            for words in ("Malgré", "Deuxième relance", "Dernière relance", "faisons suite"):
                assert words not in text, (code, words)


def test_the_history_is_told_with_its_dates_and_channels() -> None:
    sent = (
        SentReminder(date(2026, 10, 20), "reminder_1", "letter", BOTH, "First reminder"),
        SentReminder(date(2026, 11, 3), "reminder_2", "email", BOTH[:1], "Second reminder"),
    )
    letter_text, email = _text("firm_reminder", history=sent)
    for text in (letter_text, email):
        assert "Dernière relance avant mise en demeure" in text
        assert "Malgré nos relances du 20/10/2026 par courrier et du 03/11/2026 par e-mail" in text
    english, _email = _text("reminder_2", "en", history=sent[:1])
    assert "Second reminder" in english
    assert "Despite our reminder of 20/10/2026 by letter" in english
    notice, email = _text("formal_notice", history=sent)
    for text in (notice, email):
        assert "les relances suivantes, restées sans réponse de votre part" in text
        assert "– le 20/10/2026 : première relance, par courrier" in text
        assert "– le 03/11/2026 : deuxième relance, par e-mail (facture F2026-0042)" in text
