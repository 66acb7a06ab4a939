"""Conditional passages in the template editor: the shipped ones check clean, a wrong one is
reported with its line, and a user's copy saved before they existed still prints."""

from __future__ import annotations

from datetime import date

import pytest

from app.adapters.pdf import compose_letter
from app.adapters.pdf.conditions import resolve_conditions
from app.adapters.pdf.templates import load_template, user_root
from app.services.templates import editing as t
from tests.adapters.pdf.helpers import COMPANY, claim, letter, recipient

# The formal notice as Relance shipped it before conditional passages (a user's saved copy).
OLD_FORMAL_NOTICE = (
    "Objet : MISE EN DEMEURE DE PAYER — {subject_invoices}\n\n"
    "Madame, Monsieur,\n\n"
    "Malgré nos relances successives, le solde dû par {client_name} à {company_name} "
    "concernant {invoice_phrase} demeure impayé.\n\n"
    "[invoices]\n\n"
    "Par la présente, nous vous mettons en demeure de nous régler la somme de {claim_total}, "
    "ainsi détaillée, au plus tard le {deadline} :\n\n"
    "[claim]\n\n"
    "{legal_basis}\n\n"
    "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.\n"
)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("Objet : Relance\n\n[if reminder_sent]Malgré nos relances,[end] payez.", 3, "unknown"),
        ("Objet : Relance\n\nMadame,\n\n[if late]En retard.\n\nMerci.", 5, "[if late]"),
        ("Objet : Relance\n\nMadame,\n\nMerci.[end]", 5, "[end]"),
        ("Objet : Relance\n\n[if late]a[else]b[else]c[end]", 3, "[else]"),
        ("Objet : [if late]Retard\n\nMadame,", 1, "[if late]"),
    ],
)
def test_a_wrong_condition_is_reported_with_its_line(text: str, line: int, words: str) -> None:
    problems = t.template_problems(text, "letters", "fr", "reminder_1")
    assert problems
    assert problems[0].line == line
    assert words in problems[0].message


def test_every_condition_of_the_editor_is_accepted() -> None:
    for name in t.condition_names():
        text = f"Objet : Relance\n\n[if {name}]oui[else]non[end] [if not {name}]non[end]\n"
        assert t.template_problems(text, "emails", "fr", "reminder_1") == []


def test_a_copy_saved_before_conditions_still_prints() -> None:
    t.save_template("letters", "fr", "formal_notice", OLD_FORMAL_NOTICE)
    assert (user_root() / "letters" / "fr" / "formal_notice.txt").is_file()
    template = load_template("letters", "fr", "formal_notice")
    composed = compose_letter(letter("formal_notice", claim=claim()), COMPANY, recipient())
    texts = [text for kind, text in composed.blocks if kind == "text"]
    assert any(text.startswith("Malgré nos relances successives") for text in texts)  # theirs
    assert template.subject == "MISE EN DEMEURE DE PAYER — {subject_invoices}"
    t.restore_template("letters", "fr", "formal_notice")


def test_passages_keep_their_paragraphs_and_leave_no_blank_line() -> None:
    text = "Madame,\n\n[if late]Échue.\n\nLigne.[end]\nSuite [if not late]à venir[end].\n"
    assert resolve_conditions(text, {"late": True}) == "Madame,\n\nÉchue.\n\nLigne.\nSuite.\n"
    assert resolve_conditions(text, {}) == "Madame,\n\nSuite à venir.\n"


def test_the_sample_of_each_level_shows_its_history_in_the_preview() -> None:
    settings = t.CompanySettings(name="Atelier Dupont SARL", city="Lyon")
    for code in ("reminder_2", "firm_reminder", "formal_notice"):
        text = t.read_template("letters", "fr", code).text
        assert "[if reminders_sent]" in text
        assert t.preview_letter(settings, code, "fr", text, date(2026, 12, 3)).startswith(b"%PDF")
