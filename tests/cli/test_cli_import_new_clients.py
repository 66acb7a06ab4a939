"""`import invoices --create-clients`: unknown codes with a name become clients, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app.cli import main

FRENCH = (
    "N° facture;Code client;Raison sociale;Date facture;Échéance;Montant TTC\r\n"
    "F1;A001;Ancien Client;01/10/2026;31/10/2026;1 200,00 €\r\n"
    "F2;N001;Nouveau Client SARL;02/10/2026;;300,00\r\n"
    "F3;N001;Nouveau Client SARL;03/10/2026;;50,00\r\n"
    "F4;N002;Boulangerie Éclair;04/10/2026;;80,00\r\n"
)


@pytest.fixture
def db(database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert (
        main(["--database", database_url, "init", "--company", "Dupont", "--terms-days", "20"]) == 0
    )
    clients = tmp_path / "clients.csv"
    clients.write_text("code,name\nA001,Ancien Client\n", encoding="utf-8")
    assert main(["--database", database_url, "import", "clients", str(clients)]) == 0
    capsys.readouterr()
    return database_url


def _url(db: str) -> str:
    return db if "://" in db else f"sqlite:///{db}"


def _clients(db: str) -> list[tuple[str, str]]:
    engine = create_engine(_url(db))
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT code, name FROM clients ORDER BY code")).all()
    engine.dispose()
    return [tuple(row) for row in rows]


def test_unknown_clients_without_the_flag_are_refused_with_the_way_out(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "factures.csv"
    file.write_bytes(FRENCH.encode("cp1252"))
    assert main(["--database", db, "import", "invoices", str(file)]) == 3
    err = capsys.readouterr().err
    assert "factures.csv:3:Code client: unknown client N001: add --create-clients" in err
    assert "factures.csv:5:Code client: unknown client N002: add --create-clients" in err
    assert _clients(db) == [("A001", "Ancien Client")]


def test_the_flag_creates_them_listed_in_the_dry_run_then_for_real(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "factures.csv"
    file.write_bytes(FRENCH.encode("cp1252"))
    args = ["--database", db, "import", "invoices", str(file), "--create-clients"]
    assert main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "2 clients created from the file's names:" in out
    assert "N001  Nouveau Client SARL" in out
    assert "N002  Boulangerie Éclair" in out
    assert _clients(db) == [("A001", "Ancien Client")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "4 invoices imported" in out
    assert _clients(db) == [
        ("A001", "Ancien Client"),
        ("N001", "Nouveau Client SARL"),
        ("N002", "Boulangerie Éclair"),
    ]
    engine = create_engine(_url(db))
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT i.number, c.code, i.due_date FROM invoices i "
                "JOIN clients c ON c.id = i.client_id ORDER BY i.number"
            )
        ).all()
    engine.dispose()
    assert [(r[0], r[1], str(r[2])) for r in rows] == [
        ("F1", "A001", "2026-10-31"),
        ("F2", "N001", "2026-10-22"),  # the company's 20 days
        ("F3", "N001", "2026-10-23"),
        ("F4", "N002", "2026-10-24"),
    ]
    assert main(["--database", db, "aging", "--as-of", "2026-11-30"]) == 0


def test_an_unknown_code_without_a_name_stays_an_error(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "factures.csv"
    file.write_text(
        "number;client_code;client_name;issue_date;total\n"
        "F1;N001;Nouveau;2026-10-01;10\n"
        "F2;N009;;2026-10-01;10\n",
        encoding="utf-8",
    )
    assert main(["--database", db, "import", "invoices", str(file), "--create-clients"]) == 3
    err = capsys.readouterr().err
    assert "unknown client N009" in err
    assert _clients(db) == [("A001", "Ancien Client")]
