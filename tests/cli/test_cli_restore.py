"""`relance restore` of crafted backups: exit 3 and one line, or a warning; never a traceback."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.cli import main


def _backup(tmp_path: Path, capsys, *statements: str) -> Path:  # type: ignore[no-untyped-def]
    source = str(tmp_path / "source.relance")
    assert main(["--database", source, "demo", "--clients", "5", "--invoices", "40"]) == 0
    backup = tmp_path / "b.relance"
    assert main(["--database", source, "backup", str(backup)]) == 0
    conn = sqlite3.connect(backup)
    conn.execute("PRAGMA foreign_keys=OFF")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    capsys.readouterr()
    return backup


def _aging(database: str, capsys) -> object:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["--database", database, "aging", "--format", "json", "--as-of", "2026-11-01"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("statement", "where"),
    [
        ("UPDATE invoices SET total = 'lots' WHERE id = 3", "table invoices, row 3: total"),
        ("UPDATE payments SET date = '2026-13-01' WHERE id = 2", "table payments, row 2: date"),
        ("DELETE FROM clients WHERE id = 1", "refers to a row of clients"),
    ],
)
def test_a_crafted_backup_exits_3(
    database_url: str, tmp_path: Path, capsys, statement, where
) -> None:  # type: ignore[no-untyped-def]
    assert main(["--database", database_url, "init", "--company", "Cible SARL"]) == 0
    before = _aging(database_url, capsys)
    backup = _backup(tmp_path, capsys, statement)
    assert main(["--database", database_url, "restore", str(backup)]) == 3
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert where in lines[0]
    assert "Traceback" not in captured.err
    assert "lots" not in captured.err
    assert _aging(database_url, capsys) == before


def test_a_backup_with_a_trigger_restores_its_data_only(
    database_url: str, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    assert main(["--database", database_url, "init", "--company", "Cible SARL"]) == 0
    backup = _backup(
        tmp_path,
        capsys,
        "CREATE TRIGGER t AFTER INSERT ON payments BEGIN UPDATE invoices SET total = 1; END",
    )
    expected = _aging(str(tmp_path / "source.relance"), capsys)
    assert main(["--database", database_url, "restore", str(backup)]) == 0
    captured = capsys.readouterr()
    assert "warning:" in captured.err
    assert "trigger t" in captured.err
    assert _aging(database_url, capsys) == expected
