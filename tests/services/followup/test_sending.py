"""Doing an email or letter action: the draft reaches the mail client, the evidence is kept."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from app.db.models import Invoice
from app.domain.errors import InvalidInput, RelanceError
from tests.services.followup.data import TODAY, FakeMail, by_client, seed


def _first(services, code: str, today: date = TODAY):  # type: ignore[no-untyped-def]
    return by_client(services.reminders.plan(today).items, code)[0].action


def test_email_opens_a_draft_and_keeps_it(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    original = tmp_path / "F1.pdf"
    original.write_bytes(b"%PDF-1.4 the invoice")
    with services.uow() as uow:
        invoice = uow.session.get(Invoice, ids["F1"])
        assert invoice is not None
        invoice.attachment_path = str(original)
        uow.commit()
    mail = FakeMail()
    services.reminders.mail_opener = mail
    performed = services.reminders.perform(_first(services, "C001"), TODAY)
    [draft] = mail.drafts
    assert draft.to == ("compta@martin.fr",)
    assert "F1" in draft.subject
    assert "F2" in draft.body
    reminder, invoice = draft.attachments
    assert invoice == original
    assert reminder.name == "Relance — factures F1 et F2.pdf"
    assert reminder.read_bytes().startswith(b"%PDF")
    assert "Ce message est accompagné de : Relance — factures F1 et F2.pdf et F1.pdf." in draft.body
    assert performed.document_path is not None
    assert performed.document_path.suffix == ".eml"
    [event] = services.reminders.history(ids["C001"])
    assert event.status == "done"
    assert event.document_sha256 == hashlib.sha256(performed.document_path.read_bytes()).hexdigest()


def test_email_without_address_or_client_records_nothing(services) -> None:  # type: ignore[no-untyped-def]
    from app.db.models import Client

    ids = seed(services)
    services.reminders.mail_opener = FakeMail(fail=True)
    with pytest.raises(RelanceError):
        services.reminders.perform(_first(services, "C001"), TODAY)
    with services.uow() as uow:
        client = uow.session.get(Client, ids["C001"])
        assert client is not None
        client.email = ""
        uow.commit()
    with pytest.raises(InvalidInput):
        services.reminders.perform(_first(services, "C001"), TODAY)
    assert services.reminders.history(ids["C001"]) == []
    assert _first(services, "C001").level_code == "reminder_1"


def test_firm_letter_goes_with_its_email_copy(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    mail = FakeMail()
    services.reminders.mail_opener = mail
    later = date(2026, 12, 16)
    letter = next(
        i.action
        for i in services.reminders.plan(later).items
        if i.client.code == "C001" and i.action.level_code == "firm_reminder"
    )
    performed = services.reminders.perform(letter, later)
    assert performed.document_path is not None
    assert performed.document_path.read_bytes().startswith(b"%PDF")
    assert performed.document_path.parent == services.reminders.documents_folder("C001")
    [draft] = mail.drafts
    [attached] = draft.attachments
    assert attached.name.endswith("avant mise en demeure — factures F1 et F2.pdf")
    assert attached.read_bytes() == performed.document_path.read_bytes()
    assert f"Ce message est accompagné de : {attached.name}." in draft.body
    assert services.reminders.history(ids["C001"])[0].document_path == str(performed.document_path)


def test_formal_notice_preview_shows_the_claim(services) -> None:  # type: ignore[no-untyped-def]
    from app.services.followup.documents import PreviewTable

    seed(services)
    later = date(2026, 12, 31)
    notice = next(
        i
        for i in services.reminders.plan(later).items
        if i.client.code == "C001" and i.action.level_code == "formal_notice"
    )
    preview = services.reminders.preview(notice.action, later, notice.level)
    assert preview.produces_document
    tables = [b for b in preview.blocks if isinstance(b, PreviewTable)]
    assert len(tables) == 2  # the invoices, then what is claimed
    assert any(row[1].startswith("80,00") for row in tables[1].rows)  # 2 invoices × 40 €
    assert preview.recipient[0] == "Boulangerie Martin"
