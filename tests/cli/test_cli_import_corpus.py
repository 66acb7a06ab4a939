"""Every file of tests/data/bad/csv through `relance import`: refused with exit 3, the message at
its line and column and every table untouched, or accepted with exactly the stored values.

The files and expected.toml come from tests/data/bad/make_corpus.py.
"""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text

from app.cli import main

BAD = Path(__file__).parents[1] / "data" / "bad"
CASES: list[dict[str, Any]] = tomllib.loads((BAD / "expected.toml").read_text("utf-8"))["case"]
# A sample run on PostgreSQL too: every accepted file and some of each kind of refusal.
PG_CASES = [c for c in CASES if c["exit"] == 0] + CASES[:: max(1, len(CASES) // 15)]


def _url(database: str) -> str:
    return database if "://" in database else f"sqlite:///{database}"


def dump(database: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (and the schema's table names), in primary-key order."""
    engine = create_engine(_url(database))
    try:
        tables = sorted(inspect(engine).get_table_names())
        with engine.connect() as connection:
            return {
                name: [
                    tuple(row)
                    for row in connection.execute(text(f'SELECT * FROM "{name}" ORDER BY 1'))
                ]
                for name in tables
            }
    finally:
        engine.dispose()


def stored(database: str, table: str, key: dict[str, str]) -> list[dict[str, Any]]:
    engine = create_engine(_url(database))
    try:
        where = " AND ".join(f'"{column}" = :{column}' for column in key)
        with engine.connect() as connection:
            rows = connection.execute(text(f'SELECT * FROM "{table}" WHERE {where}'), key)
            return [dict(row._mapping) for row in rows]
    finally:
        engine.dispose()


def _fill(database: str, capsys: pytest.CaptureFixture[str] | None = None) -> None:
    init = ["--database", database, "init", "--company", "Dupont", "--terms-days", "30"]
    assert main(init) == 0
    for kind in ("clients", "invoices", "payments"):
        assert (
            main(["--database", database, "import", kind, str(BAD / "base" / f"{kind}.csv")]) == 0
        )
    if capsys is not None:
        capsys.readouterr()


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite dossier holding the base files, copied for each case."""
    folder = tmp_path_factory.mktemp("corpus")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RELANCE_HOME", str(folder / "home"))
        database = folder / "base.relance"
        _fill(str(database))
    assert not Path(f"{database}-wal").exists() or Path(f"{database}-wal").stat().st_size == 0
    return database


def check(database: str, case: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    path = BAD / "csv" / case["file"]
    before = dump(database)
    code = main(["--database", database, "import", case["kind"], str(path)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert code == case["exit"], captured.err
    if case["exit"] == 3:
        assert captured.out == ""
        prefix = f"{path}:{case['at']}: " if case["at"] else f"{path}: "
        lines = [line for line in captured.err.splitlines() if line.startswith(prefix)]
        assert lines, f"no message at {prefix!r} in:\n{captured.err}"
        assert any(case["error"] in line for line in lines), captured.err
        assert dump(database) == before
        return
    for expected in case["rows"]:
        [row] = stored(database, expected["table"], expected["key"])
        assert {k: str(row[k]) for k in expected["values"]} == expected["values"]


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_corpus_file_on_sqlite(
    case: dict[str, Any], template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "dossier.relance"
    shutil.copyfile(template, database)
    check(str(database), case, capsys)


@pytest.mark.postgres
@pytest.mark.parametrize("case", PG_CASES, ids=[c["file"] for c in PG_CASES])
def test_corpus_sample_on_postgresql(
    case: dict[str, Any], request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import _pg_database

    database = _pg_database(request.getfixturevalue("pg_template"))
    _fill(database, capsys)
    check(database, case, capsys)


def test_the_corpus_is_large_and_matches_its_generator() -> None:
    files = sorted(p.name for p in (BAD / "csv").iterdir())
    assert files == sorted(c["file"] for c in CASES)
    assert len(files) >= 90
    assert {c["kind"] for c in CASES} == {"clients", "invoices", "payments", "reminders"}


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_refused_without_reading_it(
    template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "dossier.relance"
    shutil.copyfile(template, database)
    assert main(["--database", str(database), "import", "clients", "/dev/zero"]) == 3
    assert capsys.readouterr().err.strip() == "/dev/zero: this is not a regular file"


def test_a_file_over_the_size_limit_is_refused(
    template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from app.services.transfer.importers import source

    monkeypatch.setattr(source, "MAX_FILE_BYTES", 1024 * 1024)
    database = tmp_path / "dossier.relance"
    shutil.copyfile(template, database)
    big = tmp_path / "big.csv"
    big.write_text("code,name\n" + "".join(f"C{n:07d},Client {n}\n" for n in range(70_000)))
    before = dump(str(database))
    assert main(["--database", str(database), "import", "clients", str(big)]) == 3
    assert capsys.readouterr().err.strip() == (
        f"{big}: the file is larger than 1 MB: split it into smaller files"
    )
    assert dump(str(database)) == before


def test_allow_duplicates_imports_the_repeated_payment_with_a_warning(
    template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = str(tmp_path / "dossier.relance")
    shutil.copyfile(template, database)
    path = BAD / "csv" / next(c["file"] for c in CASES if "payment_three_times" in c["file"])
    command = ["--database", database, "import", "payments", str(path)]
    assert main(command) == 3
    capsys.readouterr()
    assert main([*command, "--allow-duplicates"]) == 0
    captured = capsys.readouterr()
    assert "3 payments imported (3 rows)" in captured.out
    warnings = captured.err.strip().splitlines()
    assert [line.split(": ", 1)[0] for line in warnings] == [f"{path}:3:amount", f"{path}:4:amount"]
    assert len(stored(database, "payments", {"date": "2026-02-20"})) == 3


def test_a_path_with_a_nul_byte_is_refused(
    template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "dossier.relance"
    shutil.copyfile(template, database)
    assert main(["--database", str(database), "import", "clients", "a\x00b.csv"]) == 3
    assert capsys.readouterr().err.strip() == "'a\\x00b.csv': cannot read the file (NUL)"
