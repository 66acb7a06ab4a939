"""Plan and agenda from the dossier, and what doing, skipping, snoozing and calls change."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from icalendar import Calendar

from app.cli import main
from app.db.models import Client, Invoice
from app.services.followup import CallOutcome

TODAY = date(2026, 11, 23)  # a Monday


def _seed(services) -> None:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        s = uow.session
        a = Client(code="C001", name="Boulangerie Martin")
        b = Client(code="C002", name="Garage Petit", preferred_channel="phone")
        s.add_all([a, b])
        s.flush()
        s.add_all([
            # due 2026-11-16: reminder_1 at +7 = 23/11 (today)
            Invoice(number="F1", client_id=a.id, issue_date=date(2026, 10, 17),
                    due_date=date(2026, 11, 16), total=Decimal("100.00")),
            Invoice(number="F2", client_id=a.id, issue_date=date(2026, 10, 17),
                    due_date=date(2026, 11, 16), total=Decimal("50.00")),
            # due 2026-11-09: reminder_2 at +15 = 24/11; phone client
            Invoice(number="G1", client_id=b.id, issue_date=date(2026, 10, 10),
                    due_date=date(2026, 11, 9), total=Decimal("300.00")),
            Invoice(number="G2", client_id=b.id, issue_date=date(2026, 1, 10),
                    due_date=date(2026, 2, 9), total=Decimal("10.00"), disputed=True),
        ])
        uow.commit()


def _agenda(services):  # type: ignore[no-untyped-def]
    return services.followup.agenda(TODAY, date(2026, 11, 29), TODAY)


def test_agenda_groups_and_adapts_channels(services) -> None:  # type: ignore[no-untyped-def]
    _seed(services)
    got = [e.to_json() for e in _agenda(services)]
    assert {"date": "2026-11-23", "client": "C001", "client_name": "Boulangerie Martin",
            "level": "reminder_1", "channel": "email", "invoices": ["F1", "F2"],
            "amount": "150.00", "currency": "EUR", "status": "planned"} in got
    garage = [e for e in got if e["client"] == "C002"]
    assert garage and all(e["channel"] == "phone" for e in garage)
    assert all("G2" not in e["invoices"] for e in got)  # disputed: not dunned
    assert [(e["date"], e["client"]) for e in got] == sorted((e["date"], e["client"]) for e in got)


def test_done_action_is_never_planned_again(services) -> None:  # type: ignore[no-untyped-def]
    _seed(services)
    action = next(e.action for e in _agenda(services) if e.client == "C001")
    services.recorder.done(action, TODAY, note="sent")
    after = [e for e in _agenda(services) if e.client == "C001"]
    assert all(e.level != "reminder_1" for e in after)


def test_skip_needs_a_reason_and_snooze_moves_the_action(services) -> None:  # type: ignore[no-untyped-def]
    from app.domain.errors import InvalidInput

    _seed(services)
    action = next(e.action for e in _agenda(services) if e.client == "C001")
    with pytest.raises(InvalidInput):
        services.recorder.skip(action, TODAY, " ")
    services.recorder.snooze(action, TODAY, date(2026, 11, 26))
    moved = [e for e in _agenda(services) if e.client == "C001"]
    assert moved and min(e.date for e in moved) >= date(2026, 11, 26)


def test_call_with_promise_pauses_then_dispute_stops(services) -> None:  # type: ignore[no-untyped-def]
    _seed(services)
    call = next(e.action for e in _agenda(services) if e.client == "C002")
    services.recorder.call(call, TODAY, CallOutcome("promise", "paiera vendredi",
                                                    date(2026, 11, 27), Decimal("300.00")))
    assert not [e for e in _agenda(services) if e.client == "C002"]
    later = services.followup.agenda(date(2026, 12, 1), date(2026, 12, 31), date(2026, 12, 3))
    resumed = [e for e in later if e.client == "C002"]
    assert resumed and "broken_promise" in resumed[0].action.flags
    services.recorder.call(resumed[0].action, date(2026, 12, 3),
                           CallOutcome("dispute", "conteste la quantité livrée"))
    again = services.followup.agenda(date(2026, 12, 1), date(2026, 12, 31), date(2026, 12, 3))
    assert not [e for e in again if e.client == "C002"]


def test_no_answer_retries_next_working_day(services) -> None:  # type: ignore[no-untyped-def]
    _seed(services)
    friday = date(2026, 11, 27)
    calls = services.followup.agenda(friday, friday, friday)
    call = next(e.action for e in calls if e.client == "C002")
    services.recorder.call(call, friday, CallOutcome("no_answer"))
    monday = date(2026, 11, 30)
    nxt = [e for e in services.followup.agenda(friday, monday, friday) if e.client == "C002"]
    assert nxt and nxt[0].date == monday


def test_cli_json_and_ics_match(services, capsys) -> None:  # type: ignore[no-untyped-def]
    _seed(services)
    url = services.url.render_as_string(hide_password=False)
    args = ["--database", url, "agenda", "--from", "2026-11-23", "--to", "2026-11-29"]
    assert main([*args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["from"] == "2026-11-23" and data["to"] == "2026-11-29"
    assert main([*args, "--format", "ics"]) == 0
    first = Calendar.from_ical(capsys.readouterr().out)
    assert main([*args, "--format", "ics"]) == 0
    second = Calendar.from_ical(capsys.readouterr().out)
    uids = [str(e["uid"]) for e in first.walk("VEVENT")]
    assert len(uids) == len(data["actions"]) == len(set(uids))
    assert uids == [str(e["uid"]) for e in second.walk("VEVENT")]
    dates = sorted(e["dtstart"].dt.isoformat() for e in first.walk("VEVENT"))
    assert dates == sorted(a["date"] for a in data["actions"])


def test_reversed_period_is_rejected(services, capsys) -> None:  # type: ignore[no-untyped-def]
    url = services.url.render_as_string(hide_password=False)
    assert main(["--database", url, "agenda", "--from", "2026-11-29", "--to", "2026-11-23"]) == 3
