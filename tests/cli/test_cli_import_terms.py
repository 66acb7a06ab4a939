"""Payment terms beyond the L441-10 cap: warned per row on stderr, the import still succeeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main


@pytest.fixture
def db(database_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--database", database_url, "init", "--company", "Dupont"]) == 0
    capsys.readouterr()
    return database_url


def test_terms_beyond_the_cap_are_warned_and_imported(db: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    clients = tmp_path / "clients.csv"
    clients.write_text(
        "code,name,client_type,payment_terms_days\n"
        "C1,Long Délai SAS,business,90\n"
        "C2,Mme Durand,consumer,90\n"
        "C3,Sage SARL,business,60\n",
        encoding="utf-8",
    )
    assert main(["--database", db, "import", "clients", str(clients)]) == 0
    captured = capsys.readouterr()
    assert "3 clients created" in captured.out
    assert captured.err.strip().splitlines() == [
        f"{clients}:2:payment_terms_days: Beyond the legal cap between French businesses "
        "(60 days, or 45 days end of month; C. com. L441-10)"
    ]
    invoices = tmp_path / "invoices.csv"
    invoices.write_text(
        "number,client_code,issue_date,due_date,total\n"
        "F1,C3,2026-01-01,2026-03-17,100\n"  # 45 days end of month, end of January + 45
        "F2,C3,2026-01-01,2026-03-18,100\n"
        "F3,C2,2026-01-01,2026-06-01,100\n"  # a consumer: no cap
        "F4,C1,2026-01-01,,100\n",  # the client's 90 days
        encoding="utf-8",
    )
    assert main(["--database", db, "import", "invoices", str(invoices)]) == 0
    captured = capsys.readouterr()
    assert "4 invoices imported" in captured.out
    lines = captured.err.strip().splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{invoices}:3:due_date",
        f"{invoices}:5:due_date",
    ]
    assert "due 76 days after the issue date" in lines[0]
