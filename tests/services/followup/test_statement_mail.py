"""A level set to attach the statement of account sends it with its email, besides the reminder
PDF, and the email's text names both; without the option only the reminder is attached."""

from __future__ import annotations

from dataclasses import replace
from email import message_from_bytes, policy

import pytest

from tests.adapters.pdf.helpers import use_pending_french
from tests.services.followup.data import TODAY, FakeMail, by_client, seed

REMINDER = "Relance — factures F1 et F2.pdf"
STATEMENT = "Relevé de compte C001.pdf"


@pytest.fixture(autouse=True)
def _french(monkeypatch: pytest.MonkeyPatch) -> None:
    use_pending_french(monkeypatch)


def _attach_statement(services, on: bool) -> None:  # type: ignore[no-untyped-def]
    default = services.reminders.policy("default")
    levels = [
        replace(lv, attach_statement=on) if lv.code == "reminder_1" else lv
        for lv in default.policy.levels
    ]
    services.reminders.save_policy("default", "", levels, replaces="default")


def _email(services):  # type: ignore[no-untyped-def]
    services.reminders.mail_opener = FakeMail()
    action = by_client(services.reminders.plan(TODAY).items, "C001")[0].action
    assert action.level_code == "reminder_1"
    preview = services.reminders.preview(action, TODAY)
    performed = services.reminders.perform(action, TODAY)
    assert performed.document_path is not None
    parsed = message_from_bytes(performed.document_path.read_bytes(), policy=policy.default)
    files = {
        part.get_filename(): part.get_content()
        for part in parsed.walk()
        if part.get_content_type() == "application/pdf"
    }
    text = parsed.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    return action, preview, files, " ".join(text.split())


def test_the_level_option_sends_the_statement_with_the_reminder(services) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    _attach_statement(services, True)
    assert services.reminders.policy("default").policy.level("reminder_1").attach_statement
    action, preview, files, text = _email(services)
    assert action.attach_statement
    assert set(files) == {REMINDER, STATEMENT}
    assert files[STATEMENT].startswith(b"%PDF")
    assert REMINDER in text
    assert STATEMENT in text
    assert preview.attachments == (REMINDER, STATEMENT)
    said = " ".join(preview.paragraphs)
    assert REMINDER in said
    assert STATEMENT in said


def test_without_the_option_only_the_reminder_is_attached(services) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    _attach_statement(services, False)
    action, preview, files, text = _email(services)
    assert not action.attach_statement
    assert set(files) == {REMINDER}
    assert REMINDER in text
    assert "Relevé" not in text
    assert preview.attachments == (REMINDER,)
