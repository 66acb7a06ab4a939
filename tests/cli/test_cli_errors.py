"""Failures a user can act on: one line on stderr, the contract's exit code, no traceback."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.db.migrate import shipped_head

ROOT = Path(__file__).resolve().parents[2]


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def _init(path: Path) -> str:
    assert main(["--database", str(path), "init", "--company", "Atelier Dupont"]) == 0
    return str(path)


@pytest.mark.parametrize("database", ["folder", "/dev/null"])
def test_a_folder_or_a_device_is_no_dossier(tmp_path: Path, capsys, database: str) -> None:  # type: ignore[no-untyped-def]
    path = str(tmp_path) if database == "folder" else database
    for command in (["aging"], ["init", "--company", "X"]):
        assert main(["--database", path, *command]) == 4
        line = _one_line(capsys.readouterr().err)
        assert line.startswith(f"{path}: ")


@pytest.mark.parametrize("command", [["aging"], ["agenda"], ["export", "clients", "x.csv"]])
def test_a_typo_in_the_path_creates_nothing(tmp_path: Path, capsys, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    typo = tmp_path / "missing" / "sub" / "x.relance"
    assert main(["--database", str(typo), *command]) == 4
    line = _one_line(capsys.readouterr().err)
    assert "no dossier there" in line
    assert "init --company" in line
    assert not (tmp_path / "missing").exists()


def test_init_creates_the_folders_and_leaves_no_scratch_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "new" / "d.relance"
    target.parent.mkdir()
    leftover = target.parent / ".d.relance.new-abc123.tmp"
    leftover.write_bytes(b"half made")
    _init(target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["d.relance"]
    assert "Dossier ready: d" in capsys.readouterr().out


def test_a_refused_init_leaves_no_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "d.relance"
    assert main(["--database", str(target), "init", "--company", "X", "--currency", "ZZZZ"]) == 3
    assert list(tmp_path.iterdir()) == []


def test_a_half_made_dossier_is_recognised(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """What an `init` killed by an older version left: tables, but no revision stamped."""
    path = tmp_path / "d.relance"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    conn.execute("CREATE TABLE company (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    assert main(["--database", str(path), "aging"]) == 4
    line = _one_line(capsys.readouterr().err)
    assert "never finished" in line
    assert "relance init" in line
    assert "newer version" not in line


def test_an_old_stamp_on_a_current_schema(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = _init(tmp_path / "d.relance")
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '0007_followup_ladder'")
    conn.commit()
    conn.close()
    capsys.readouterr()
    assert main(["--database", db, "aging", "--format", "json"]) == 0
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (shipped_head(),)
    conn.close()


@pytest.fixture
def frozen() -> Iterator[list[Path]]:
    """Paths made unwritable for the test: immutable for root (who ignores modes), else 0o555."""
    made: list[Path] = []
    yield made
    for path in made:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=False)
        else:
            path.chmod(0o755 if path.is_dir() else 0o644)


def _freeze(path: Path, frozen: list[Path]) -> None:
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            pytest.skip("root ignores file modes and chattr is missing")
        done = subprocess.run(["chattr", "+i", str(path)], check=False, capture_output=True)
        if done.returncode != 0:
            pytest.skip("cannot make a file immutable here")
    else:
        path.chmod(0o555 if path.is_dir() else 0o444)
    frozen.append(path)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_dossier_is_read(tmp_path: Path, capsys, frozen: list[Path], what: str) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "shared"
    folder.mkdir()
    db = str(folder / "d.relance")
    assert main(["--database", db, "demo", "--clients", "4", "--invoices", "20"]) == 0
    capsys.readouterr()
    assert main(["--database", db, "aging", "--format", "json", "--as-of", "2026-11-01"]) == 0
    expected = capsys.readouterr().out
    _freeze(Path(db), frozen)
    if what == "folder":
        _freeze(folder, frozen)
    assert main(["--database", db, "aging", "--format", "json", "--as-of", "2026-11-01"]) == 0
    assert capsys.readouterr().out == expected
    clients = tmp_path / "c.csv"
    clients.write_text("code,name\nC9,Neuf\n")
    assert main(["--database", db, "import", "clients", str(clients)]) == 4
    line = _one_line(capsys.readouterr().err)
    assert "read-only" in line
    assert main(["--database", db, "import", "clients", str(clients), "--dry-run"]) == 0


def test_a_locked_dossier_gives_one_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Another process holds the write lock beyond the wait: the message says so, and never
    shows the SQL or the values it was writing."""
    db = _init(tmp_path / "d.relance")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN IMMEDIATE')\n"
            "print('locked', flush=True)\n"
            "time.sleep(60)\n",
            db,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        clients = tmp_path / "c.csv"
        clients.write_text("code,name\nSECRET42,Client Secret\n")
        capsys.readouterr()
        started = time.monotonic()
        assert main(["--database", db, "import", "clients", str(clients)]) == 4
        assert time.monotonic() - started >= 5
        line = _one_line(capsys.readouterr().err)
        assert "another Relance" in line
        assert "retry" in line
        assert "SECRET42" not in line
        assert "INSERT" not in line
        assert "parameters" not in line
    finally:
        holder.kill()
        holder.wait()


def test_no_traceback_from_the_real_program(tmp_path: Path) -> None:
    """The installed entry (`python -m app`) too: a folder as dossier is one line, exit 4."""
    done = subprocess.run(
        [sys.executable, "-m", "app", "--database", str(tmp_path), "aging"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 4
    _one_line(done.stderr)
