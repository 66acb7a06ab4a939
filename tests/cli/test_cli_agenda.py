"""`relance agenda` per docs/commands.md: JSON parsed back, the .ics parsed back with icalendar."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from icalendar import Calendar

from app.cli import main
from tests.services.followup.data import TODAY, seed


def _url(services) -> str:  # type: ignore[no-untyped-def]
    return services.url.render_as_string(hide_password=False)


def _run(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def fixed_today(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RELANCE_TODAY", TODAY.isoformat())
    return TODAY


def test_json_per_contract(services, capsys, fixed_today) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    code, out, _err = _run(
        capsys,
        "--database",
        _url(services),
        "agenda",
        "--from",
        "2026-11-23",
        "--to",
        "2026-11-29",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["from", "to", "actions"]
    assert (data["from"], data["to"]) == ("2026-11-23", "2026-11-29")
    assert all(isinstance(entry.pop("key"), str) for entry in data["actions"])
    assert data["actions"] == [
        {
            "date": "2026-11-16",
            "client": "C002",
            "client_name": "Garage Petit",
            "level": "reminder_1",
            "channel": "phone",
            "invoices": ["G1"],
            "amount": "300.00",
            "currency": "EUR",
            "status": "overdue",
        },
        {
            "date": "2026-11-23",
            "client": "C001",
            "client_name": "Boulangerie Martin",
            "level": "reminder_1",
            "channel": "email",
            "invoices": ["F1", "F2"],
            "amount": "150.00",
            "currency": "EUR",
            "status": "planned",
        },
    ]


def test_ics_matches_the_json_and_keeps_its_uids(services, capsys, fixed_today) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    base = ["--database", _url(services), "agenda", "--from", "2026-11-01", "--to", "2026-12-31"]
    _code, out, _err = _run(capsys, *base, "--format", "json")
    actions = json.loads(out)["actions"]
    assert len(actions) > 5
    calendars = []
    for _ in range(2):
        code, out, _err = _run(capsys, *base, "--format", "ics")
        assert code == 0
        calendars.append(Calendar.from_ical(out))
    events = list(calendars[0].walk("VEVENT"))
    assert len(events) == len(actions)
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["uid"]) for e in calendars[1].walk("VEVENT")]
    for event, action in zip(events, actions, strict=True):
        start, end = event["dtstart"].dt, event["dtend"].dt
        assert type(start) is date
        assert end == start + timedelta(days=1)
        assert start.isoformat() == action["date"]
        assert action["client_name"] in str(event["summary"])
        description = str(event["description"])
        assert all(number in description for number in action["invoices"])
    assert str(calendars[0]["version"]) == "2.0"


def test_uid_survives_a_payment_elsewhere(services, capsys, fixed_today) -> None:  # type: ignore[no-untyped-def]
    from tests.services.followup.data import pay

    ids = seed(services)
    base = ["--database", _url(services), "agenda", "--format", "ics"]
    _code, out, _err = _run(capsys, *base)
    before = {str(e["uid"]) for e in Calendar.from_ical(out).walk("VEVENT")}
    pay(services, ids["C002"], date(2026, 11, 20), "300.00", ids["G1"])
    _code, out, _err = _run(capsys, *base)
    after = {str(e["uid"]) for e in Calendar.from_ical(out).walk("VEVENT")}
    assert after
    assert after < before


def test_default_period_is_today_and_six_days(services, capsys, fixed_today) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    _code, out, _err = _run(capsys, "--database", _url(services), "agenda", "--format", "json")
    data = json.loads(out)
    assert (data["from"], data["to"]) == ("2026-11-23", "2026-11-29")


def test_table_in_french(services, capsys, fixed_today) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    code, out, _err = _run(capsys, "--database", _url(services), "--lang", "fr", "agenda")
    assert code == 0
    assert "Relances du 23/11/2026 au 29/11/2026" in out
    assert "Première relance" in out
    assert "Garage Petit" in out
    assert "en retard" in out
    header = out.splitlines()[1].split()
    assert header[-1] == "Statut"  # every column has its header
    widths = [len(dashes) for dashes in out.splitlines()[2].split()]
    assert len(widths) == len(header)


def test_bad_periods_are_refused(services, capsys) -> None:  # type: ignore[no-untyped-def]
    url = _url(services)
    code, _out, err = _run(
        capsys, "--database", url, "agenda", "--from", "2026-11-29", "--to", "2026-11-23"
    )
    assert code == 3
    assert err.strip()
    code, _out, _err = _run(capsys, "--database", url, "agenda", "--from", "29/11/2026")
    assert code == 2


def test_letters_warn_of_missing_company_details(services, capsys, fixed_today, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    url = _url(services)
    args = ("--database", url, "letters", "--as-of", "2027-03-31", "--out", str(tmp_path))
    args += ("--level", "formal_notice")
    code, out, err = _run(capsys, *args)
    assert code == 0
    assert out.strip()  # letters were written for a company with no address and no IBAN
    assert "Warning: no address" in err
    assert "Warning: no IBAN" in err
