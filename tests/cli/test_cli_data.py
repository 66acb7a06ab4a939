"""`relance demo`, `export`, `backup` and `restore` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main


def _aging(db: str, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(["--database", db, "aging", "--as-of", "2026-11-22", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_demo_export_backup_restore(database_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = database_url
    demo = ["--database", db, "demo", "--clients", "12", "--invoices", "150", "--seed", "4"]
    assert main([*demo, "--as-of", "2026-11-22"]) == 0
    captured = capsys.readouterr()
    assert "Atelier Demo SARL" in captured.out
    assert "150 invoices" in captured.out
    assert captured.err == ""  # no progress line when stderr is not a terminal
    expected = _aging(db, capsys)

    assert main(["--database", db, "export", "invoices", str(tmp_path / "i.csv")]) == 0
    assert "rows written" in capsys.readouterr().out
    assert (tmp_path / "i.csv").read_text(encoding="utf-8").startswith("number,client_code,")

    backup = tmp_path / "copy.relance"
    assert main(["--database", db, "backup", str(backup)]) == 0
    assert str(backup) in capsys.readouterr().out
    restored = str(tmp_path / "restored.relance")
    assert main(["--database", restored, "restore", str(backup)]) == 0
    assert "Atelier Demo SARL" in capsys.readouterr().out
    assert _aging(restored, capsys) == expected

    assert main([*demo, "--as-of", "2026-11-22"]) == 3
    assert "empty" in capsys.readouterr().err


def test_restore_refusals_exit_codes(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = str(tmp_path / "target.relance")
    assert main(["--database", target, "init", "--company", "Cible"]) == 0
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello")
    capsys.readouterr()
    assert main(["--database", target, "restore", str(not_a_backup)]) == 3
    err = capsys.readouterr().err
    assert str(not_a_backup) in err
    assert "nothing was changed" in err
    assert main(["--database", target, "aging", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["clients"] == []
