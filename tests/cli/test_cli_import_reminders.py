"""`relance import reminders FILE`: a follow-up history from another tool; the plan goes on."""

from __future__ import annotations

import json
from pathlib import Path

from app.cli import main
from tests.services.followup.data import TODAY, seed


def _url(services) -> str:  # type: ignore[no-untyped-def]
    return services.url.render_as_string(hide_password=False)


def _agenda(services, capsys) -> list[dict]:  # type: ignore[no-untyped-def]
    day = TODAY.isoformat()
    args = ["--database", _url(services), "--today", day, "agenda", "--to", "2027-03-01"]
    assert main([*args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr()[0])["actions"]


def test_imported_reminders_are_history_and_the_plan_goes_on(  # type: ignore[no-untyped-def]
    services, capsys, tmp_path: Path
) -> None:
    seed(services)
    before = _agenda(services, capsys)
    assert [(a["client"], a["level"]) for a in before][:1] == [("C002", "reminder_1")]
    path = tmp_path / "reminders.csv"
    path.write_text(
        "date;client_code;level;invoice_numbers;channel;note\n"
        "2026-11-16;C002;reminder_1;G1;phone;called the manager\n"
        "2026-11-23;C001;reminder_1;F1 F2;;\n",
        encoding="utf-8",
    )
    base = ["--database", _url(services), "--today", TODAY.isoformat()]
    assert main([*base, "import", "reminders", str(path), "--dry-run"]) == 0
    assert "Dry run" in capsys.readouterr()[0]
    assert _agenda(services, capsys) == before
    assert main([*base, "import", "reminders", str(path)]) == 0
    assert "2 reminders imported" in capsys.readouterr()[0]
    after = _agenda(services, capsys)
    firsts = {(a["client"], a["level"]) for a in after}
    assert ("C002", "reminder_1") not in firsts
    assert ("C001", "reminder_1") not in firsts
    assert after[0]["level"] == "reminder_2"


def test_a_bad_reminder_row_rejects_the_whole_file(  # type: ignore[no-untyped-def]
    services, capsys, tmp_path: Path
) -> None:
    seed(services)
    path = tmp_path / "reminders.csv"
    path.write_text(
        "date,client_code,level,invoice_numbers\n"
        "2026-11-16,C002,reminder_1,G1\n"
        "2026-11-16,C009,reminder_1,G1\n"
        "2026-11-16,C002,reminder_9,G1\n"
        "2026-11-16,C001,reminder_1,G1 X404\n",
        encoding="utf-8",
    )
    before = _agenda(services, capsys)
    code = main(["--database", _url(services), "import", "reminders", str(path)])
    err = capsys.readouterr()[1]
    assert code == 3
    assert "reminders.csv:3" in err
    assert "client_code" in err
    assert "reminders.csv:4" in err
    assert "reminder_9" in err
    assert "G1 belongs to another client" in err
    assert "X404" in err
    assert _agenda(services, capsys) == before  # all or nothing
