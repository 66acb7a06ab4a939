"""Settings ▸ Letter and email templates: the user's copy is saved, used and restored; a wrong
text is refused with its lines and never written; previews show the edited words."""

from __future__ import annotations

from datetime import date

import pytest

from app.adapters.pdf.templates import bundled_root, load_template, user_root
from app.domain.errors import InvalidInput
from app.services.dossier import CompanySettings
from app.services.templates import editing as t
from tests.adapters.pdf.helpers import flat, pdf_text

TODAY = date(2026, 12, 3)
COMPANY = CompanySettings(
    name="Atelier Dupont SARL",
    city="Lyon",
    iban="FR7630006000011234567890189",
    bic="AGRIFRPP",
    signatory="Claire Dupont",
    signatory_title="Gérante",
)


def test_save_then_restore_the_original() -> None:
    original = t.read_template("letters", "fr", "reminder_1")
    assert not original.is_customised
    edited = original.text.replace("Madame, Monsieur,", "Chère cliente, cher client,", 1)
    saved = t.save_template("letters", "fr", "reminder_1", edited)
    own = user_root() / "letters" / "fr" / "reminder_1.txt"
    assert saved.is_customised
    assert own.read_text(encoding="utf-8") == edited
    assert "Chère cliente, cher client," in load_template("letters", "fr", "reminder_1").blocks
    assert (bundled_root() / "letters" / "fr" / "reminder_1.txt").read_text(
        encoding="utf-8"
    ) == original.text
    restored = t.restore_template("letters", "fr", "reminder_1")
    assert not restored.is_customised
    assert restored.text == original.text
    assert not own.exists()


def test_unknown_placeholder_is_refused_with_its_line() -> None:
    text = "Objet : Relance {client_nom}\n\nMadame,\n\nSolde : {total_due}\n{montant}\n"
    with pytest.raises(InvalidInput) as caught:
        t.save_template("letters", "fr", "courtesy", text)
    problems = caught.value.problems
    assert [(p.line, p.message) for p in problems] == [
        (1, "unknown placeholder {client_nom}"),
        (6, "unknown placeholder {montant}"),
    ]
    assert problems[0].file == "letters/fr/courtesy.txt"
    assert not (user_root() / "letters" / "fr" / "courtesy.txt").exists()


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("Relance\n\nMadame,", 1, "subject"),
        ("Objet : Relance\nMadame,", 2, "blank line"),
        ("Objet : Relance\n\nMadame,\n\n[factures]", 5, "[factures]"),
        ("Objet : Relance\n\nUn { seul", 3, "braces"),
    ],
)
def test_layout_mistakes_are_reported(text: str, line: int, words: str) -> None:
    problems = t.template_problems(text, "emails", "fr", "courtesy")
    assert problems
    assert problems[0].line == line
    assert words in problems[0].message


def test_every_shipped_template_is_clean_and_previews() -> None:
    for kind in ("letters", "emails"):
        for language in ("fr", "en"):
            for code in t.template_codes(kind):
                text = t.read_template(kind, language, code).text
                assert t.template_problems(text, kind, language, code) == []
    text = t.read_template("letters", "en", "formal_notice").text
    printed = flat(pdf_text(t.preview_letter(COMPANY, "formal_notice", "en", text, TODAY)))
    assert "Harbour Street Bakery Ltd" in printed
    assert "Atelier Dupont SARL" in printed


def test_letter_preview_uses_the_edited_text() -> None:
    text = t.read_template("letters", "fr", "reminder_1").text.replace(
        "Madame, Monsieur,", "Bonjour {client_name},", 1
    )
    printed = flat(pdf_text(t.preview_letter(COMPANY, "reminder_1", "fr", text, TODAY)))
    assert "Bonjour Boulangerie Martin & Fils," in printed
    assert "FR76 3000 6000 0112 3456 7890 189" in printed


def test_email_preview_fills_subject_and_body() -> None:
    text = "Objet : Échéancier {client_code}\n\nBonjour,\n\n{invoice_lines}\n\n{signature}\n"
    subject, body = t.preview_email(COMPANY, "payment_plan", "fr", text, TODAY)
    assert subject == "Échéancier C042"
    assert "F2026-0042" in body
    assert "Claire Dupont\nGérante" in body


def test_names_outside_the_list_are_refused() -> None:
    for kind, language, code in (
        ("letters", "fr", "../../x"),
        ("faxes", "fr", "courtesy"),
        ("letters", "de", "courtesy"),
        ("letters", "fr", "legal"),
    ):
        with pytest.raises(InvalidInput):
            t.save_template(kind, language, code, "Objet : x\n\ny")


def test_a_template_saved_in_windows_1252_reads_with_its_accents() -> None:
    """An older Windows editor saves in Windows-1252: the letter keeps its accents, never stops."""
    original = t.read_template("letters", "fr", "reminder_1").text
    edited = original.replace("Madame, Monsieur,", "Chère cliente, à très bientôt,", 1)
    own = user_root() / "letters" / "fr" / "reminder_1.txt"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_bytes(edited.encode("cp1252"))
    assert t.read_template("letters", "fr", "reminder_1").text == edited
    assert "Chère cliente, à très bientôt," in load_template("letters", "fr", "reminder_1").blocks
    saved = t.save_template("letters", "fr", "reminder_1", edited)  # the editor writes UTF-8
    assert saved.is_customised
    assert own.read_bytes().decode("utf-8") == edited
    t.restore_template("letters", "fr", "reminder_1")
