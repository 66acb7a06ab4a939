"""Every file of tests/data/bad/{xlsx,fec,facturx,backups} through `relance import` or
`relance restore`: refused with exit 3, the message at its line and column and every table
untouched, or accepted with exactly the stored values (or, when there is nothing to add, the
exact summary and every table untouched).

The files and formats.toml come from tests/data/bad/make_formats.py.
"""

from __future__ import annotations

import shutil
import sqlite3
import tomllib
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from tests.cli.test_cli_import_corpus import BAD, dump, stored

CASES: list[dict[str, Any]] = tomllib.loads((BAD / "formats.toml").read_text("utf-8"))["case"]


def _param(case: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
    return pytest.param(case, id=f"{case['folder']}/{case['file']}", marks=marks)


def _fill(database: str) -> None:
    init = ["--database", database, "init", "--company", "Atelier Dupont SARL"]
    assert main([*init, "--terms-days", "30"]) == 0
    for kind in ("clients", "invoices", "payments"):
        assert (
            main(["--database", database, "import", kind, str(BAD / "base" / f"{kind}.csv")]) == 0
        )
    invoice = str(BAD / "base" / "facturx_F900.pdf")
    assert main(["--database", database, "import", "facturx", invoice]) == 0


@pytest.fixture(scope="session")
def formats_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite dossier holding the base files and one Factur-X invoice, copied for each case."""
    folder = tmp_path_factory.mktemp("formats")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RELANCE_HOME", str(folder / "home"))
        database = folder / "base.relance"
        _fill(str(database))
    assert not Path(f"{database}-wal").exists() or Path(f"{database}-wal").stat().st_size == 0
    return database


def check(database: str, case: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    path = BAD / case["folder"] / case["file"]
    before = dump(database)
    code = main(["--database", database, *case["command"], str(path)])
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
    if "err" in case:
        assert case["err"] in captured.err
    if "out" in case:
        assert captured.out.splitlines() == case["out"]
    if case.get("unchanged"):
        # An import that adds nothing still commits, so it renews the change token other
        # windows watch (dossier_state); every table of data stays as it was.
        after = dump(database)
        assert {**after, "dossier_state": []} == {**before, "dossier_state": []}
    for expected in case.get("rows", []):
        [row] = stored(database, expected["table"], expected["key"])
        assert {k: str(row[k]) for k in expected["values"]} == expected["values"]


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_format_corpus_file_on_sqlite(
    case: dict[str, Any], formats_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "dossier.relance"
    shutil.copyfile(formats_template, database)
    check(str(database), case, capsys)
    with closing(sqlite3.connect(database)) as conn:
        kinds = "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')"
        assert conn.execute(kinds).fetchall() == []


PG_SAMPLE = [c for c in CASES if c["folder"] in ("fec", "facturx", "backups")][::3]


@pytest.mark.postgres
@pytest.mark.parametrize("case", [_param(c) for c in PG_SAMPLE])
def test_format_corpus_sample_on_postgresql(
    case: dict[str, Any], request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import _pg_database

    database = _pg_database(request.getfixturevalue("pg_template"))
    _fill(database)
    capsys.readouterr()
    check(database, case, capsys)


def test_the_format_corpus_matches_its_generator() -> None:
    for folder in ("xlsx", "fec", "facturx", "backups"):
        files = sorted(p.name for p in (BAD / folder).iterdir())
        assert files == sorted(c["file"] for c in CASES if c["folder"] == folder), folder
    counts = {f: sum(c["folder"] == f for c in CASES) for f in ("xlsx", "fec", "facturx")}
    assert counts == {"xlsx": 17, "fec": 15, "facturx": 11}
    assert sum(c["folder"] == "backups" for c in CASES) >= 6
    assert {c["exit"] for c in CASES} == {0, 3}
