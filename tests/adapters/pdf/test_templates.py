"""Templates: every bundled file is valid, mistakes are reported with their line, the user's own
copy wins, and the emails are filled in the client's language."""

from __future__ import annotations

import string
from datetime import date
from pathlib import Path

import pytest

from app.adapters.pdf import compose_email, compose_letter, render_letter_bytes
from app.adapters.pdf.templates import (
    EMAIL_TEMPLATES,
    LETTER_TEMPLATES,
    PLACEHOLDERS,
    bundled_root,
    copy_for_editing,
    load_template,
    parse_template,
    reset_to_bundled,
    user_root,
)
from app.domain.errors import InvalidInput
from tests.adapters.pdf.helpers import (
    COMPANY,
    claim,
    flat,
    letter,
    pdf_text,
    recipient,
    use_pending_french,
)


@pytest.fixture(autouse=True)
def _french(monkeypatch: pytest.MonkeyPatch) -> None:
    use_pending_french(monkeypatch)


def test_every_bundled_file_uses_known_placeholders_only() -> None:
    files = sorted(bundled_root().rglob("*.txt"))
    assert len(files) >= 2 * (len(LETTER_TEMPLATES) + len(EMAIL_TEMPLATES))
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for _text, field, spec, conversion in string.Formatter().parse(line):
                assert field is None or (field in PLACEHOLDERS and not spec and not conversion), (
                    f"{path}:{number}: {{{field}}}"
                )


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("kind", ["letters", "emails"])
def test_every_template_loads(kind: str, language: str) -> None:
    for code in LETTER_TEMPLATES:
        template = load_template(kind, language, code)
        assert template.subject
        assert template.subject_label == ("Objet" if language == "fr" else "Subject")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("Objet : Relance {client_nom}\n\nBonjour", 1, "client_nom"),
        ("Objet : Relance\n\nMadame,\n\nSolde : {total_due.__class__}", 5, "total_due.__class__"),
        ("Objet : Relance\n\nSolde : {total_due!r}", 3, "total_due"),
        ("Objet : Relance\n\nSolde : {total_due:>20}", 3, "total_due"),
        ("Objet : Relance\n\nMadame,\n\n[factures]", 5, "[factures]"),
        ("Objet : Relance\n\nUn { seul", 3, "braces"),
        ("Relance sans objet\n\nMadame,", 1, "subject"),
        ("Objet : Relance\nMadame,", 2, "blank line"),
    ],
)
def test_mistakes_are_reported_with_their_line(text: str, line: int, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_template(text, "letters", "fr", "reminder_1", Path("reminder_1.txt"))
    problem = caught.value.problems[0]
    assert problem.line == line
    assert problem.file == "reminder_1.txt"
    assert message in problem.message


def test_doubled_braces_print_braces() -> None:
    template = parse_template(
        "Objet : Test\n\nCode {{client_code}} = {client_code}", "letters", "fr", "x", Path("x.txt")
    )
    composed = compose_letter(letter(), COMPANY, recipient(), template)
    assert ("text", "Code {client_code} = C001") in composed.blocks


def test_tables_missing_from_a_template_are_added() -> None:
    template = parse_template(
        "Objet : Test\n\nMadame,\n\nPayez.\n\nSalutations.", "letters", "fr", "x", Path("x.txt")
    )
    blocks = compose_letter(
        letter("formal_notice", claim=claim()), COMPANY, recipient(), template
    ).blocks
    assert blocks == (
        ("text", "Madame,"),
        ("text", "Payez."),
        ("table", "invoices"),
        ("table", "claim"),
        ("table", "payment"),
        ("text", "Salutations."),
    )


def test_the_users_copy_wins_and_can_be_reset() -> None:
    own = copy_for_editing("letters", "fr", "reminder_1")
    assert own.is_relative_to(user_root())
    assert own.read_text(encoding="utf-8") == (
        bundled_root() / "letters" / "fr" / "reminder_1.txt"
    ).read_text(encoding="utf-8")
    own.write_text(
        "Objet : Petit rappel pour {client_name}\n\nBonjour,\n\n[invoices]\n\nÀ bientôt.\n",
        encoding="utf-8",
    )
    text = flat(pdf_text(render_letter_bytes(letter(), COMPANY, recipient())))
    assert "Petit rappel pour Boulangerie Martin & Fils" in text
    reset_to_bundled("letters", "fr", "reminder_1")
    assert not own.exists()
    assert load_template("letters", "fr", "reminder_1").path.is_relative_to(bundled_root())


def test_a_users_copy_with_a_mistake_is_refused() -> None:
    own = copy_for_editing("emails", "en", "reminder_2")
    own.write_text("Subject: {oops}\n\nHello\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="oops"):
        compose_email(letter("reminder_2", "en"), COMPANY, recipient("en"))


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("code", EMAIL_TEMPLATES)
def test_every_email_is_filled(code: str, language: str) -> None:
    extra: dict[str, object] = {"claim": claim()} if code == "formal_notice" else {}
    subject, body = compose_email(letter(code, language, **extra), COMPANY, recipient(language))
    assert subject
    assert "\n" not in subject
    assert "{" not in subject
    assert "{" not in body
    assert "\n\n\n" not in body
    assert "Claire Dupont" in body
    assert "F2026-0042" in subject + body


def test_french_reminder_email_reads_well() -> None:
    subject, body = compose_email(letter("reminder_1"), COMPANY, recipient())
    assert subject == "Relance — factures F2026-0042 et F2026-0051"
    assert (
        "- facture F2026-0042 du 01/09/2026, échue depuis le 01/10/2026 : 1\u202f200,00\xa0€ "
        "restant dû" in body
    )
    not_due = letter("courtesy", date=date(2026, 9, 20))
    _subject, body = compose_email(not_due, COMPANY, recipient())
    assert "- facture F2026-0042 du 01/09/2026, échéance le 01/10/2026" in body
    assert "- avoir AV2026-003 du 20/10/2026 : 150,00\xa0€ à déduire" in body
    assert "IBAN : FR76 3000 6000 0112 3456 7890 189" in body
    assert "Montant : 2\u202f500,50\xa0€" in body  # 1 200,00 + 1 450,50 - 150,00


def test_french_punctuation_gets_no_break_spaces_in_letters() -> None:
    composed = compose_letter(letter("reminder_2"), COMPANY, recipient())
    texts = [text for kind, text in composed.blocks if kind == "text"]
    assert any("contacter\xa0: un échéancier" in t for t in texts)
    english = compose_letter(letter("reminder_2", "en"), COMPANY, recipient("en"))
    assert all("\xa0:" not in text for _kind, text in english.blocks)
