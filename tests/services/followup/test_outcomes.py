"""What the user does with an action goes to the client's history and the plan follows it."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

import pytest

from app.domain.errors import InvalidInput
from app.i18n import format_money
from app.services.followup.service import CallOutcome
from tests.services.followup.data import SUNDAY, TODAY, by_client, pay, seed


def _first(services, code: str, today: date = TODAY):  # type: ignore[no-untyped-def]
    return by_client(services.reminders.plan(today).items, code)[0].action


def _levels(services, code: str, today: date = TODAY):  # type: ignore[no-untyped-def]
    return [
        (i.action.level_code, i.action.date)
        for i in by_client(services.reminders.plan(today).items, code)
    ]


def test_done_goes_to_history_and_is_never_planned_again(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    action = _first(services, "C001")
    services.reminders.done(action, TODAY, note="sent from the mail client")
    assert _levels(services, "C001")[0] == ("reminder_2", date(2026, 12, 1))
    [event] = services.reminders.history(ids["C001"])
    assert (event.on, event.kind, event.status, event.level_code, event.channel) == (
        TODAY,
        "reminder",
        "done",
        "reminder_1",
        "email",
    )
    assert event.invoice_numbers == ("F1", "F2")
    assert event.note == "sent from the mail client"
    assert event.user_name  # the operating-system user who did it


def test_document_fingerprint_is_kept(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    letter = tmp_path / "reminder.pdf"
    letter.write_bytes(b"%PDF-1.4 a letter")
    services.reminders.done(_first(services, "C001"), TODAY, document_path=str(letter))
    [event] = services.reminders.history(ids["C001"])
    assert event.document_path == str(letter)
    assert event.document_sha256 == hashlib.sha256(letter.read_bytes()).hexdigest()


def test_paper_action_done_writes_its_letter(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    later = date(2026, 12, 16)
    letter = next(
        i.action
        for i in services.reminders.plan(later).items
        if i.client.code == "C001" and i.action.level_code == "firm_reminder"
    )
    performed = services.reminders.perform(letter, later)
    assert performed.document_path is not None
    assert performed.document_path.read_bytes().startswith(b"%PDF")
    event = services.reminders.history(ids["C001"])[0]
    assert event.document_sha256 == hashlib.sha256(performed.document_path.read_bytes()).hexdigest()


def test_preview_shows_the_text_the_client_reads(services) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    preview = services.reminders.preview(_first(services, "C001"), TODAY)
    assert preview.channel == "email"
    assert "F1" in preview.subject
    assert "F2" in preview.subject
    assert preview.recipient == ("Boulangerie Martin", "compta@martin.fr")
    total = format_money(Decimal("150.00"), "EUR", "fr")  # the client's language
    assert any(total in line for line in preview.paragraphs)
    call = services.reminders.preview(_first(services, "C002"), TODAY)
    assert call.channel == "phone"
    assert not call.produces_document


def test_skip_needs_a_reason_and_moves_on(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    action = _first(services, "C001")
    with pytest.raises(InvalidInput):
        services.reminders.skip(action, TODAY, "  ")
    services.reminders.skip(action, TODAY, "client called us this morning")
    assert _levels(services, "C001")[0][0] == "reminder_2"
    [event] = services.reminders.history(ids["C001"])
    assert (event.status, event.note) == ("skipped", "client called us this morning")


def test_snooze_moves_the_action_and_keeps_it(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    action = _first(services, "C001")
    with pytest.raises(InvalidInput):
        services.reminders.snooze(action, TODAY, TODAY)
    services.reminders.snooze(action, TODAY, date(2026, 11, 26))
    assert _levels(services, "C001")[0] == ("reminder_1", date(2026, 11, 26))
    assert services.reminders.history(ids["C001"])[0].snoozed_until == date(2026, 11, 26)
    assert [e.client for e in services.reminders.agenda(TODAY, SUNDAY, TODAY)].count("C001") == 1


def test_promise_pauses_then_is_flagged_broken(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    call = _first(services, "C002")
    outcome = CallOutcome("promise", "paiera vendredi", date(2026, 11, 27), Decimal("300.00"))
    recorded = services.reminders.call(call, TODAY, outcome)
    assert recorded.activity_id is not None
    assert _levels(services, "C002")[0][1] >= date(2026, 12, 1)  # promised date + grace
    assert not [e for e in services.reminders.agenda(TODAY, SUNDAY, TODAY) if e.client == "C002"]
    later = date(2026, 12, 3)
    resumed = _first(services, "C002", later)
    assert "broken_promise" in resumed.flags
    promise = next(e for e in services.reminders.history(ids["C002"]) if e.kind == "promise")
    assert (promise.promised_date, promise.promised_amount, promise.invoice_numbers) == (
        date(2026, 11, 27),
        Decimal("300.00"),
        ("G1",),
    )


def test_promise_kept_by_paying_ends_the_follow_up(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    services.reminders.call(
        _first(services, "C002"), TODAY, CallOutcome("promise", "", date(2026, 11, 27))
    )
    pay(services, ids["C002"], date(2026, 11, 27), "300.00", ids["G1"])
    assert _levels(services, "C002", date(2026, 12, 3)) == []
    assert len(services.reminders.history(ids["C002"])) == 2  # the call and the promise stay


def test_dispute_stops_the_dunning(services) -> None:  # type: ignore[no-untyped-def]
    from app.db.models import Invoice

    ids = seed(services)
    with pytest.raises(InvalidInput):
        services.reminders.call(_first(services, "C002"), TODAY, CallOutcome("dispute"))
    services.reminders.call(
        _first(services, "C002"), TODAY, CallOutcome("dispute", "conteste la quantité livrée")
    )
    assert _levels(services, "C002") == []
    with services.uow() as uow:
        invoice = uow.session.get(Invoice, ids["G1"])
        assert invoice is not None
        assert (invoice.disputed, invoice.dispute_reason) == (True, "conteste la quantité livrée")


def test_wrong_contact_counts_the_call_and_moves_on(services) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    services.reminders.call(
        _first(services, "C002"),
        TODAY,
        CallOutcome("wrong_contact", "numéro attribué à un autre abonné"),
    )
    assert _levels(services, "C002")[0][0] == "reminder_2"
    kinds = {(e.kind, e.status) for e in services.reminders.history(ids["C002"])}
    assert kinds == {("reminder", "done"), ("call", "wrong_contact")}


@pytest.mark.parametrize(
    ("called", "retry"),
    [
        (date(2026, 11, 27), date(2026, 11, 30)),  # Friday -> Monday
        (date(2026, 12, 24), date(2026, 12, 28)),  # Christmas, then the weekend
    ],
)
def test_no_answer_retries_the_next_working_day(services, called, retry) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    call = _first(services, "C002", called)
    recorded = services.reminders.call(call, called, CallOutcome("no_answer"))
    assert recorded.retry_on == retry
    assert _levels(services, "C002", called)[0] == (call.level_code, retry)


def test_promise_needs_a_date_from_today(services) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    call = _first(services, "C002")
    for outcome in (
        CallOutcome("promise"),
        CallOutcome("promise", "", date(2026, 11, 20)),
        CallOutcome("promise", "", TODAY, Decimal("-1")),
        CallOutcome("maybe"),
    ):
        with pytest.raises(InvalidInput):
            services.reminders.call(call, TODAY, outcome)
