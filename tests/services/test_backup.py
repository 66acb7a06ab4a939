"""Backup and restore: portable SQLite copies, checked before anything is replaced."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from app.db.engine import make_engine, resolve_url
from app.db.migrate import upgrade
from app.domain.errors import DatabaseProblem, InvalidInput
from app.services.backup import restore_backup
from tests.services.transfer.csv_helpers import write_csv

AS_OF = date(2026, 11, 22)


def _build(database: str):  # type: ignore[no-untyped-def]
    from app.bootstrap import build

    return build(database, "en")


def _aging(database: str) -> dict[str, object]:
    built = _build(database)
    try:
        return built.aging.report(AS_OF).to_json()
    finally:
        built.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _add_client(services, tmp_path: Path, code: str) -> None:  # type: ignore[no-untyped-def]
    csv_text = f"code,name\n{code},Ajouté après la sauvegarde\n"
    services.importer.import_file("clients", write_csv(tmp_path, f"{code}.csv", csv_text))


def test_backup_then_restore_into_a_new_sqlite_file(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services.demo.generate(clients=15, invoices=200, seed=2, as_of=AS_OF)
    expected = services.aging.report(AS_OF).to_json()
    backup = services.backup.backup(tmp_path / "copy.relance")
    with backup.open("rb") as handle:
        assert handle.read(16) == b"SQLite format 3\x00"
    assert not Path(f"{backup}-wal").exists()
    target = tmp_path / "restored.relance"
    result = restore_backup(backup, resolve_url(str(target)))
    assert result.company == "Atelier Dupont SARL"
    assert result.safety_copy is None
    assert result.upgraded_from is None
    assert _aging(str(target)) == expected


def test_restore_replaces_the_dossier_content(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services.demo.generate(clients=15, invoices=200, seed=2, as_of=AS_OF)
    expected = services.aging.report(AS_OF).to_json()
    backup = services.backup.backup(tmp_path / "copy.relance")
    services.importer.import_file(
        "payments",
        write_csv(tmp_path, "p.csv", "date,client_code,amount\n2026-11-01,C0001,999.99\n"),
    )
    assert services.aging.report(AS_OF).to_json() != expected
    result = services.backup.restore(backup)
    assert result.safety_copy is not None
    assert result.safety_copy.exists()
    database = services.url.render_as_string(hide_password=False)
    assert _aging(database) == expected
    after = _build(database)
    try:
        _add_client(after, tmp_path, "NEW1")  # ids keep working after the restore
    finally:
        after.close()
    assert _aging(str(result.safety_copy)) != expected


def test_sqlite_restore_keeps_a_copy_of_the_replaced_file(sqlite_services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    backup = sqlite_services.backup.backup(tmp_path / "empty.relance")
    _add_client(sqlite_services, tmp_path, "C1")
    sqlite_services.close()
    dossier = Path(sqlite_services.url.database)
    result = restore_backup(backup, sqlite_services.url)
    assert result.safety_copy is not None
    assert result.safety_copy.parent == dossier.parent
    assert result.safety_copy.name.startswith("test.before-restore-")
    copy = sqlite3.connect(result.safety_copy)
    try:
        assert copy.execute("SELECT code FROM clients").fetchall() == [("C1",)]
    finally:
        copy.close()


def test_backup_never_overwrites_the_dossier(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput):
        sqlite_services.backup.backup(Path(sqlite_services.url.database))


@pytest.fixture
def target(tmp_path: Path) -> Path:
    """An existing dossier that every refused restore must leave byte for byte as it was."""
    built = _build(str(tmp_path / "target.relance"))
    try:
        from app.services.dossier import CompanySettings

        built.dossier.init(CompanySettings(name="Cible SARL"))
    finally:
        built.close()
    return tmp_path / "target.relance"


def _good_backup(tmp_path: Path) -> Path:
    built = _build(str(tmp_path / "source.relance"))
    try:
        from app.services.dossier import CompanySettings

        built.dossier.init(CompanySettings(name="Source SARL"))
        return built.backup.backup(tmp_path / "good.relance")
    finally:
        built.close()


def _edit(path: Path, sql: str) -> Path:
    conn = sqlite3.connect(path)
    try:
        conn.execute(sql)
        conn.commit()
    finally:
        conn.close()
    return path


def _not_sqlite(tmp_path: Path) -> Path:
    return write_csv(tmp_path, "notes.relance", "code,name\nC1,x\n")


def _foreign(tmp_path: Path) -> Path:
    return _edit(tmp_path / "other.db", "CREATE TABLE recipes (name TEXT)")


def _newer(tmp_path: Path) -> Path:
    return _edit(_good_backup(tmp_path), "UPDATE alembic_version SET version_num = '9999_future'")


def _without_company(tmp_path: Path) -> Path:
    return _edit(_good_backup(tmp_path), "DELETE FROM company")


def _corrupt(tmp_path: Path) -> Path:
    path = _good_backup(tmp_path)
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(page, len(data) - 8, page):
        data[start : start + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    return path


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "nowhere.relance"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_not_sqlite, "not an SQLite database"),
        (_foreign, "not a Relance dossier"),
        (_newer, "newer version"),
        (_without_company, "no company"),
        (_corrupt, "damaged"),
        (_missing, "no such backup file"),
    ],
)
def test_refused_backups_change_nothing(target: Path, tmp_path: Path, make, reason: str) -> None:  # type: ignore[no-untyped-def]
    before = _digest(target)
    bad = make(tmp_path)
    with pytest.raises(InvalidInput) as caught:
        restore_backup(bad, resolve_url(str(target)))
    assert reason in str(caught.value)
    assert str(bad) in str(caught.value)
    assert _digest(target) == before
    assert sorted(p.name for p in tmp_path.glob("target*")) == ["target.relance"]


def test_a_foreign_target_is_left_alone(tmp_path: Path) -> None:
    foreign = _foreign(tmp_path)
    before = _digest(foreign)
    with pytest.raises(DatabaseProblem, match="not a Relance dossier"):
        restore_backup(_good_backup(tmp_path), resolve_url(str(foreign)))
    assert _digest(foreign) == before


def test_an_older_backup_is_upgraded(target: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.relance"
    engine = make_engine(resolve_url(str(old)))
    try:
        upgrade(engine, "0001_core")
        with engine.begin() as conn:
            values = {"name": "Ancienne SARL", "currency": "EUR", "country": "FR", "terms_days": 30}
            for _cid, name, kind, notnull, _default, is_key in conn.execute(
                text("PRAGMA table_info(company)")
            ):
                if notnull and not is_key and name not in values:
                    values[name] = "{}" if kind == "JSON" else "" if "CHAR" in kind else 0
            columns = ", ".join(values)
            marks = ", ".join(f":{name}" for name in values)
            conn.execute(text(f"INSERT INTO company ({columns}) VALUES ({marks})"), values)
    finally:
        engine.dispose()
    result = restore_backup(old, resolve_url(str(target)))
    assert result.upgraded_from == "0001_core"
    built = _build(str(target))
    try:
        assert built.migration == "current"
        assert built.dossier.settings().name == "Ancienne SARL"
    finally:
        built.close()
