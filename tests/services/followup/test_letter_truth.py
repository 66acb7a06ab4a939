"""Letters tell the truth: what they say about earlier reminders comes from the history (the
reminders really done), a client without a history reads no word about reminders, and a
formal notice forced with `relance letters --level` claims none that was not sent."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from app.adapters.pdf.formatting import LetterFormat
from app.cli import main
from app.db.models import Reminder, ReminderInvoice
from tests.adapters.pdf.helpers import flat, pdf_text, use_pending_french
from tests.services.followup.data import seed

NOTICE_DAY = date(2027, 1, 5)
# Words a letter may only write after a reminder was sent.
PAST = re.compile(
    r"malgré|nos relances|notre relance|précédente|faisons suite|restées? sans|relances suivantes"
    r"|relance suivante|premier rappel gratuit vous a",
    re.IGNORECASE,
)


@pytest.fixture(autouse=True)
def _french(monkeypatch: pytest.MonkeyPatch) -> None:
    use_pending_french(monkeypatch)


def _sent(services, client_id: int, invoices, level: str, channel: str, on: date) -> None:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        reminder = Reminder(
            client_id=client_id,
            level_code=level,
            channel=channel,
            planned_date=on,
            status="done",
            done_on=on,
        )
        uow.session.add(reminder)
        uow.session.flush()
        for invoice_id in invoices:
            uow.session.add(ReminderInvoice(reminder_id=reminder.id, invoice_id=invoice_id))
        uow.commit()


def _letter_text(services, tmp_path: Path, level: str, code: str = "C001") -> str:  # type: ignore[no-untyped-def]
    batch = services.letters.write(NOTICE_DAY, tmp_path / level, level)
    [written] = [x for x in batch.letters if x.client_code == code]
    return flat(pdf_text(written.path))


def test_formal_notice_lists_the_two_reminders_really_sent(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    both = (ids["F1"], ids["F2"])
    _sent(services, ids["C001"], both, "reminder_1", "letter", date(2026, 11, 20))
    _sent(services, ids["C001"], both, "reminder_2", "email", date(2026, 11, 27))
    _sent(services, ids["C001"], both, "courtesy", "email", date(2026, 11, 10))  # not a reminder
    _sent(services, ids["C002"], (ids["G1"],), "reminder_1", "letter", date(2026, 11, 21))
    text = _letter_text(services, tmp_path, "formal_notice")
    assert "MISE EN DEMEURE DE PAYER" in text
    assert "les relances suivantes, restées sans réponse de votre part" in text
    assert "– le 20/11/2026 : première relance, par courrier" in text
    assert "– le 27/11/2026 : deuxième relance, par e-mail" in text
    assert "10/11/2026" not in text  # the courtesy reminder before the due date is no reminder
    assert "21/11/2026" not in text  # another client's reminder


def test_firm_reminder_names_the_dates_and_channel_of_the_reminders(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    both = (ids["F1"], ids["F2"])
    _sent(services, ids["C001"], both, "reminder_1", "letter", date(2026, 11, 20))
    _sent(services, ids["C001"], (ids["F1"],), "reminder_2", "letter", date(2026, 11, 27))
    text = _letter_text(services, tmp_path, "firm_reminder")
    assert (
        "Malgré nos relances des 20/11 et 27/11/2026 par courrier, nous n'avons toujours pas"
        in text
    )
    assert "Dernière relance avant mise en demeure" in text


@pytest.mark.parametrize("level", ["reminder_1", "reminder_2", "firm_reminder", "formal_notice"])
def test_a_new_client_reads_no_word_about_earlier_reminders(services, tmp_path, level) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    text = _letter_text(services, tmp_path, level)
    assert PAST.search(text) is None, PAST.search(text)
    assert "arrive à échéance" not in text
    assert "dont l'échéance est dépassée" in text or "dont les échéances sont dépassées" in text
    assert LetterFormat("fr").tr("by letter") not in text


def test_forced_formal_notice_from_the_command_line_claims_no_reminder(  # type: ignore[no-untyped-def]
    services, tmp_path, capsys, monkeypatch
) -> None:
    seed(services)
    monkeypatch.setenv("RELANCE_TODAY", NOTICE_DAY.isoformat())
    out = tmp_path / "out"
    code = main(
        [
            "--database",
            services.url.render_as_string(hide_password=False),
            "letters",
            "--as-of",
            NOTICE_DAY.isoformat(),
            "--out",
            str(out),
            "--level",
            "formal_notice",
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    path = next(Path(line.split("\t")[0]) for line in printed.splitlines() if "\tC001\t" in line)
    text = flat(pdf_text(path))
    assert "MISE EN DEMEURE DE PAYER" in text
    assert PAST.search(text) is None, PAST.search(text)
    assert "dont les échéances sont dépassées (la plus ancienne depuis le 16/11/2026)" in text


def test_a_courtesy_letter_forced_on_late_invoices_does_not_say_they_fall_due(  # type: ignore[no-untyped-def]
    services, tmp_path
) -> None:
    seed(services)
    batch = services.letters.write(NOTICE_DAY, tmp_path, "courtesy")
    for written in batch.letters:
        text = flat(pdf_text(written.path))
        assert "arrive à échéance" not in text
        assert "L'échéance est dépassée depuis le" in text
