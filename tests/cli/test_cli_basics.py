from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main


def test_init_then_empty_aging(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.relance")
    assert (
        main(["--database", db, "init", "--company", "Atelier Dupont", "--terms-days", "45"]) == 0
    )
    capsys.readouterr()
    assert main(["--database", db, "aging", "--as-of", "2026-11-22", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {
        "as_of": "2026-11-22",
        "buckets": ["current", "1-30", "31-60", "61-90", "over_90"],
        "clients": [],
        "totals": {},
    }


def test_init_twice_is_rejected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.relance")
    assert main(["--database", db, "init", "--company", "A"]) == 0
    assert main(["--database", db, "init", "--company", "B"]) == 3
    assert "already" in capsys.readouterr().err


def test_usage_error_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["aging", "--as-of", "22/13/2026"]) == 2
    assert "date" in capsys.readouterr().err


def test_unknown_command_exit_code() -> None:
    assert main(["frobnicate"]) == 2


def test_bad_database_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "notes.relance"
    bad.write_text("not a database")
    assert main(["--database", str(bad), "aging"]) == 4
    err = capsys.readouterr().err
    assert str(bad) in err
    assert "not a Relance dossier" in err
    assert main(["--database", "mysql://x@y/z", "aging"]) == 4
    assert main(["--database", "postgresql+psycopg://nobody@/x?host=/nonexistent", "aging"]) == 4


def test_french_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.relance")
    assert main(["--database", db, "--lang", "fr", "init", "--company", "A"]) == 0
    assert "Dossier prêt" in capsys.readouterr().out


def test_environment_variable_selects_database(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "env.relance"
    monkeypatch.setenv("RELANCE_DATABASE_URL", f"sqlite:///{db}")
    assert main(["init", "--company", "Env"]) == 0
    assert db.exists()


def test_real_entry_point(tmp_path: Path) -> None:
    db = str(tmp_path / "d.relance")
    done = subprocess.run(
        [sys.executable, "-m", "app", "--database", db, "init", "--company", "X"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "--database",
            db,
            "aging",
            "--format",
            "csv",
            "--as-of",
            "2026-01-01",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (
        done.stdout.splitlines()[0]
        == "code,name,currency,current,1-30,31-60,61-90,over_90,unapplied,total"
    )


def test_aging_table_speaks_the_language_and_shows_credit_negative(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "a.relance")
    assert main(["--database", db, "init", "--company", "Atelier"]) == 0
    clients = tmp_path / "clients.csv"
    clients.write_text("code,name\nC1,Boulangerie\n", encoding="utf-8")
    invoices = tmp_path / "invoices.csv"
    invoices.write_text(
        "number,client_code,issue_date,due_date,total\nF1,C1,2026-09-01,2026-10-01,100.00\n",
        encoding="utf-8",
    )
    payments = tmp_path / "payments.csv"
    payments.write_text("date,client_code,amount\n2026-11-02,C1,30.00\n", encoding="utf-8")
    for kind, path in (("clients", clients), ("invoices", invoices), ("payments", payments)):
        assert main(["--database", db, "import", kind, str(path)]) == 0
    capsys.readouterr()
    assert main(["--database", db, "--lang", "fr", "aging", "--as-of", "2026-11-22"]) == 0
    out = capsys.readouterr().out
    assert "current" not in out
    assert "over_90" not in out
    assert "Non échu" in out
    assert "Plus de 90 jours" in out
    line = next(row for row in out.splitlines() if row.startswith("C1"))
    assert "-30,00" in line
    assert "70,00" in line
