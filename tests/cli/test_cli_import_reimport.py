"""Re-importing an invoice file updates what changed instead of refusing or duplicating."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from app.cli import main
from app.db.models import Client, Invoice

FIRST = (
    "number;client_code;issue_date;due_date;total;reference\n"
    "F1;A001;2026-10-01;2026-10-31;100.00;R1\n"
    "F2;A001;2026-10-02;2026-11-01;200.00;\n"
    "F3;A002;2026-10-03;2026-11-02;300.00;\n"
)
SECOND = (
    "number;client_code;issue_date;due_date;total;reference\n"
    "F1;A001;2026-10-01;2026-11-15;120.00;R1-bis\n"  # due date, total, reference changed
    "F2;A001;2026-10-02;2026-11-01;200.00;\n"  # the same
    "F3;A002;2026-10-03;2026-11-02;300.00;\n"  # the same
    "F4;A002;2026-10-04;2026-11-03;40.00;\n"  # new
)


@pytest.fixture
def db(database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--database", database_url, "init", "--company", "Dupont"]) == 0
    clients = tmp_path / "clients.csv"
    clients.write_text("code,name\nA001,Un\nA002,Deux\n", encoding="utf-8")
    assert main(["--database", database_url, "import", "clients", str(clients)]) == 0
    first = tmp_path / "first.csv"
    first.write_text(FIRST, encoding="utf-8")
    assert main(["--database", database_url, "import", "invoices", str(first)]) == 0
    capsys.readouterr()
    return database_url


def _invoices(db: str) -> list[tuple[str, str, str, str, str]]:
    engine = create_engine(db if "://" in db else f"sqlite:///{db}")
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                Invoice.number,
                Client.code,
                Invoice.due_date,
                Invoice.total,
                Invoice.reference,
                Invoice.allocated,
            )
            .join(Client, Client.id == Invoice.client_id)
            .order_by(Invoice.number)
        ).all()
    engine.dispose()
    return [(r[0], r[1], str(r[2]), f"{r[3]:.2f}", r[4], f"{r[5]:.2f}") for r in rows]


def test_the_same_file_twice_changes_nothing(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _invoices(db)
    file = tmp_path / "first.csv"
    assert main(["--database", db, "import", "invoices", str(file)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == ["0 invoices imported", "3 invoices unchanged"]
    assert _invoices(db) == before


def test_a_changed_file_updates_and_adds(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payments = tmp_path / "payments.csv"
    payments.write_text(
        "date,client_code,amount,invoice_number\n2026-10-20,A001,110.00,F1\n", encoding="utf-8"
    )
    assert main(["--database", db, "import", "payments", str(payments)]) == 0
    assert _invoices(db)[0][-1] == "100.00"  # 100 on F1, 10 left over as credit
    file = tmp_path / "second.csv"
    file.write_text(SECOND, encoding="utf-8")
    capsys.readouterr()
    assert main(["--database", db, "import", "invoices", str(file), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "1 invoice imported\n1 invoice updated\n2 invoices unchanged" in out
    assert len(_invoices(db)) == 3
    assert main(["--database", db, "import", "invoices", str(file)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "1 invoice imported",
        "1 invoice updated",
        "2 invoices unchanged",
    ]
    assert _invoices(db) == [
        ("F1", "A001", "2026-11-15", "120.00", "R1-bis", "110.00"),  # the credit now allocated
        ("F2", "A001", "2026-11-01", "200.00", "", "0.00"),
        ("F3", "A002", "2026-11-02", "300.00", "", "0.00"),
        ("F4", "A002", "2026-11-03", "40.00", "", "0.00"),
    ]


def test_same_number_under_another_client_or_a_paid_currency_is_refused(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payments = tmp_path / "payments.csv"
    payments.write_text(
        "date,client_code,amount,invoice_number\n2026-10-20,A001,50.00,F1\n", encoding="utf-8"
    )
    assert main(["--database", db, "import", "payments", str(payments)]) == 0
    before = _invoices(db)
    file = tmp_path / "bad.csv"
    file.write_text(
        "number;client_code;issue_date;total;currency\n"
        "F1;A001;2026-10-01;100.00;USD\n"
        "F2;A002;2026-10-02;200.00;\n"
        "F4;A002;2026-10-04;40.00;\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["--database", db, "import", "invoices", str(file)]) == 3
    err = capsys.readouterr().err
    assert "bad.csv:2:currency: invoice F1 already has payments in EUR" in err
    assert "bad.csv:3:number: invoice number F2 is already in the dossier" in err
    assert _invoices(db) == before
