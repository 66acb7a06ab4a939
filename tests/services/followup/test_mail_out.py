"""Reminder emails carry the PDF of the same reminder and say so only when they do; with no
mail program the message is kept as a .eml the user can send by hand, and nothing is recorded
until then."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from app.adapters.mail import build_message, draft_for_letter
from app.adapters.pdf import compose_email
from app.services.followup.mail_out import MailNotOpened
from tests.adapters.pdf.helpers import COMPANY, letter, recipient, use_pending_french
from tests.services.followup.data import TODAY, FakeMail, by_client, seed

ATTACHED_FR = "Ce message est accompagné de"


@pytest.fixture(autouse=True)
def _french(monkeypatch: pytest.MonkeyPatch) -> None:
    use_pending_french(monkeypatch)


def _parts(data: bytes) -> list[tuple[str, str | None]]:
    parsed = message_from_bytes(data, policy=policy.default)
    return [(part.get_content_type(), part.get_filename()) for part in parsed.walk()]


def test_the_kept_eml_holds_the_reminder_pdf_and_says_so(services) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    services.reminders.mail_opener = FakeMail()
    action = by_client(services.reminders.plan(TODAY).items, "C001")[0].action
    performed = services.reminders.perform(action, TODAY)
    assert performed.document_path is not None
    data = performed.document_path.read_bytes()
    assert ("application/pdf", "Relance — factures F1 et F2.pdf") in _parts(data)
    parsed = message_from_bytes(data, policy=policy.default)
    text = parsed.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert f"{ATTACHED_FR} : Relance — factures F1 et F2.pdf." in text


@pytest.mark.parametrize("code", ["reminder_1", "reminder_2", "firm_reminder", "formal_notice"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_email_announces_an_attachment_only_when_it_carries_one(
    code: str, language: str, tmp_path: Path
) -> None:
    said = {"fr": ATTACHED_FR, "en": "Attached to this message"}[language]
    bare = letter(code, language)
    _subject, body = compose_email(bare, COMPANY, recipient(language))
    assert said not in body
    assert "pièce jointe" not in body
    assert "attached" not in body.lower()
    assert {"text/plain"} == {kind for kind, _name in _parts(_eml(bare, language, ()))}
    pdf = tmp_path / "reminder.pdf"
    pdf.write_bytes(b"%PDF-1.4 reminder")
    carried = letter(code, language, attachments=(pdf.name,))
    _subject, body = compose_email(carried, COMPANY, recipient(language))
    assert f"{said}: reminder.pdf." in re.sub(r"\s:", ":", body)
    assert ("application/pdf", "reminder.pdf") in _parts(_eml(carried, language, (pdf,)))


def _eml(one, language: str, files: tuple[Path, ...]) -> bytes:  # type: ignore[no-untyped-def]
    return build_message(draft_for_letter(one, COMPANY, recipient(language), files)).as_bytes()


def test_without_a_mail_program_the_eml_is_kept_and_nothing_recorded(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    services.reminders.mail_opener = FakeMail(fail=True)
    action = by_client(services.reminders.plan(TODAY).items, "C001")[0].action
    with pytest.raises(MailNotOpened) as caught:
        services.reminders.perform(action, TODAY)
    error = caught.value
    assert error.eml_path.is_file()
    assert error.eml_path.parent == services.reminders.documents_folder("C001")
    assert ("application/pdf", "Relance — factures F1 et F2.pdf") in _parts(
        error.eml_path.read_bytes()
    )
    assert (error.eml_path.parent / "Relance — factures F1 et F2.pdf").is_file()  # to attach
    assert error.to == "compta@martin.fr"
    assert "F1" in error.subject
    assert "F2" in error.body
    assert str(error.eml_path) in str(error)
    assert error.reason == "no mail client here"
    assert services.reminders.history(ids["C001"]) == []  # not sent until the user says so
    kept = error.documents[0]
    services.reminders.done(action, TODAY, "", str(kept.path), kept.sha256)
    [event] = services.reminders.history(ids["C001"])
    assert event.document_path == str(error.eml_path)


def test_a_posted_letter_whose_email_copy_cannot_open_is_recorded_with_its_eml(services) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    ids = seed(services)
    services.reminders.mail_opener = FakeMail(fail=True)
    later = date(2026, 12, 16)
    firm = next(
        i.action
        for i in services.reminders.plan(later).items
        if i.client.code == "C001" and i.action.level_code == "firm_reminder"
    )
    performed = services.reminders.perform(firm, later)
    assert performed.document_path is not None
    assert performed.document_path.suffix == ".pdf"
    assert performed.mail is not None
    assert performed.mail.eml_path is not None
    assert performed.mail.eml_path.is_file()
    assert str(performed.mail.eml_path) in performed.mail_problem
    assert any(
        kind == "application/pdf" for kind, _name in _parts(performed.mail.eml_path.read_bytes())
    )
    [event] = services.reminders.history(ids["C001"])
    assert event.document_path == str(performed.document_path)  # the letter went by post
