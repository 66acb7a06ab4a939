"""Reminder emails: built from the email template, with the PDFs attached, and never with a
line break smuggled into a header."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest

from app.adapters.mail import MailDraft, build_message, check_address, draft_for_letter, write_eml
from app.adapters.pdf import render_letter
from app.domain.errors import InvalidInput
from tests.adapters.pdf.helpers import COMPANY, letter, recipient, use_pending_french


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    return render_letter(letter("reminder_1"), COMPANY, recipient(), tmp_path / "Relance C001.pdf")


def test_eml_parses_back_with_its_attachments(
    tmp_path: Path, pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_pending_french(monkeypatch)
    invoice = tmp_path / "Facture F2026-0042 é.pdf"
    invoice.write_bytes(b"%PDF-1.4 original invoice")
    draft = draft_for_letter(letter("reminder_1"), COMPANY, recipient(), (pdf, invoice))
    path = write_eml(draft, tmp_path / "draft.eml")
    raw = path.read_bytes()
    assert b"\r\n" in raw
    assert b"\n" not in raw.replace(b"\r\n", b"")
    parsed = message_from_bytes(raw, policy=default)
    assert parsed["X-Unsent"] == "1"
    assert parsed["To"] == "compta@martin.example"
    assert parsed["From"] == "compta@atelier-dupont.fr"
    assert parsed["Subject"] == "Relance — factures F2026-0042 et F2026-0051"
    body = parsed.get_body(("plain",)).get_content()
    assert "Sauf erreur de notre part" in body
    assert "Claire Dupont" in body
    attachments = list(parsed.iter_attachments())
    assert [a.get_filename() for a in attachments] == [
        "Relance C001.pdf",
        "Facture F2026-0042 é.pdf",
    ]
    assert attachments[0].get_content_type() == "application/pdf"
    assert attachments[0].get_content() == pdf.read_bytes()
    assert attachments[1].get_content() == b"%PDF-1.4 original invoice"


def test_build_message_without_draft_marker(pdf: Path) -> None:
    draft = MailDraft(("a@example.com",), "Relance", "Bonjour", (pdf,))
    message = build_message(draft, unsent=False)
    assert message["X-Unsent"] is None
    assert message["Subject"] == "Relance"


@pytest.mark.parametrize(
    "address",
    [
        "client@example.com\r\nBcc: everyone@example.com",
        "client@example.com\nBcc: everyone@example.com",
        "a@example.com, b@example.com",
        "Jean <jean@example.com>",
        "not an address",
        "jean@localhost",
        "",
    ],
)
def test_bad_addresses_are_refused(address: str) -> None:
    with pytest.raises(InvalidInput):
        MailDraft((address,), "Relance", "Bonjour")
    with pytest.raises(InvalidInput):
        check_address(address)


@pytest.mark.parametrize(
    "subject", ["Relance\r\nBcc: x@example.com", "Relance\nsuite", "Relance\rsuite"]
)
def test_line_breaks_in_the_subject_are_refused(subject: str) -> None:
    with pytest.raises(InvalidInput):
        MailDraft(("a@example.com",), subject, "Bonjour")


def test_a_draft_needs_a_recipient(pdf: Path) -> None:
    with pytest.raises(InvalidInput):
        MailDraft((), "Relance", "Bonjour")
    no_email = recipient().__class__(**{**recipient().__dict__, "email": ""})
    with pytest.raises(InvalidInput):
        draft_for_letter(letter(), COMPANY, no_email, (pdf,))


def test_missing_attachment_is_reported(tmp_path: Path) -> None:
    draft = MailDraft(("a@example.com",), "Relance", "Bonjour", (tmp_path / "missing.pdf",))
    with pytest.raises(InvalidInput, match=r"missing\.pdf"):
        build_message(draft)


def test_other_address_than_the_clients_one(pdf: Path) -> None:
    draft = draft_for_letter(letter(), COMPANY, recipient(), (pdf,), to=("autre@example.fr",))
    assert draft.to == ("autre@example.fr",)
    assert draft.language == "fr"
