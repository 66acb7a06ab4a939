"""Restore copies data, never a backup's schema: crafted backups are refused or neutralised.

Each refused backup leaves every table of the dossier exactly as it was, on SQLite and on
PostgreSQL, and the message names the table and the row without showing what the row holds.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from app.db.copy import dossier_tables
from app.domain.errors import InvalidInput
from app.services.backup import restore_backup
from tests.services.transfer.csv_helpers import write_csv

AS_OF = date(2026, 11, 22)
SECRET = "Confidentiel Dupuis"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sound backup with clients, invoices and payments (made once for the module)."""
    from app.bootstrap import build
    from app.paths import Paths
    from app.services.dossier import CompanySettings

    folder = tmp_path_factory.mktemp("source")
    built = build(str(folder / "source.relance"), "en", Paths.under(folder / "home"))
    try:
        built.dossier.init(CompanySettings(name="Source SARL", country="FR"))
        built.importer.import_file(
            "clients", write_csv(folder, "c.csv", f"code,name\nC1,{SECRET}\nC2,Garage Dubois\n")
        )
        built.importer.import_file(
            "invoices",
            write_csv(
                folder,
                "i.csv",
                "number,client_code,issue_date,due_date,total\n"
                "F1,C1,2026-09-01,2026-10-01,120.00\n"
                "F2,C2,2026-09-02,2026-10-02,80.00\n",
            ),
        )
        built.importer.import_file(
            "payments",
            write_csv(folder, "p.csv", "date,client_code,amount\n2026-10-05,C1,50.00\n"),
        )
        return built.backup.backup(folder / "pristine.relance")
    finally:
        built.close()


def _crafted(pristine: Path, tmp_path: Path, *statements: str) -> Path:
    path = tmp_path / "crafted.relance"
    path.write_bytes(pristine.read_bytes())
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("PRAGMA ignore_check_constraints=ON")
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()
    return path


def _content(services) -> dict[str, list[tuple[object, ...]]]:  # type: ignore[no-untyped-def]
    """Every row of every table, raw, in primary-key order."""
    with services.engine.connect() as conn:
        return {
            table.name: [
                tuple(row)
                for row in conn.execute(text(f"SELECT * FROM {table.name} ORDER BY 1, 2"))
            ]
            for table in dossier_tables()
        }


REFUSED: list[tuple[str, tuple[str, ...], str]] = [
    ("text in an amount", ("UPDATE invoices SET total = 'abc' WHERE number = 'F1'",), "total"),
    ("a bad date", ("UPDATE invoices SET due_date = '2026-02-30' WHERE number = 'F2'",), "date"),
    ("an amount out of range", ("UPDATE payments SET amount = 9000000000000000000",), "range"),
    ("a real in a count", ("UPDATE clients SET payment_terms_days = 1.5",), "whole number"),
    ("an unknown kind", ("UPDATE invoices SET kind = 'gift' WHERE number = 'F1'",), "allowed"),
    ("a NUL in a name", ("UPDATE clients SET name = 'A' || char(0) || 'B'",), "NUL"),
    ("bad JSON", ("UPDATE company SET settings = '{oops'",), "JSON"),
    (
        "an invoice whose client is gone",
        ("DELETE FROM clients WHERE code = 'C2'",),
        "refers to a row of clients",
    ),
    (
        "a view standing for a table",
        (
            "ALTER TABLE invoices RENAME TO invoices_kept",
            "CREATE VIEW invoices AS SELECT * FROM invoices_kept WHERE total > 10000",
        ),
        "no such table",
    ),
    ("a missing column", ("ALTER TABLE payments DROP COLUMN method",), "lacks the column"),
    ("a negative total", ("UPDATE invoices SET total = -5 WHERE number = 'F1'",), "CHECK"),
]


@pytest.mark.parametrize(
    ("statements", "reason"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED]
)
def test_a_crafted_backup_is_refused_and_the_dossier_kept(  # type: ignore[no-untyped-def]
    services, pristine: Path, tmp_path: Path, statements: tuple[str, ...], reason: str
) -> None:
    before = _content(services)
    crafted = _crafted(pristine, tmp_path, *statements)
    services.engine.dispose()
    with pytest.raises(InvalidInput) as caught:
        restore_backup(crafted, services.url)
    message = str(caught.value)
    assert reason in message
    assert str(crafted) in message
    assert "nothing was changed" in message
    assert "\n" not in message
    assert SECRET not in message
    assert "abc" not in message
    assert _content(services) == before
    leftovers = [p.name for p in tmp_path.iterdir() if ".restore-" in p.name]
    assert leftovers == []


def test_a_refusal_names_the_table_and_row(services, pristine: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    crafted = _crafted(pristine, tmp_path, "UPDATE invoices SET total = 'x' WHERE id = 2")
    services.engine.dispose()
    with pytest.raises(InvalidInput, match=r"table invoices, row 2: total: not a whole number"):
        restore_backup(crafted, services.url)


def test_a_trigger_is_not_restored(services, pristine: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    crafted = _crafted(
        pristine,
        tmp_path,
        "CREATE TRIGGER cut AFTER INSERT ON payments BEGIN UPDATE invoices SET total = 1; END",
        "CREATE TABLE notes_extra (x TEXT)",
        "CREATE VIEW open_invoices AS SELECT * FROM invoices",
    )
    services.engine.dispose()
    result = restore_backup(crafted, services.url)
    assert any("trigger cut" in w and "view open_invoices" in w for w in result.warnings)
    services.importer.import_file(
        "payments", write_csv(tmp_path, "p.csv", "date,client_code,amount\n2026-11-01,C2,10.00\n")
    )
    with services.engine.connect() as conn:
        totals = dict(conn.execute(text("SELECT number, total FROM invoices")).all())
        assert totals == {"F1": 12000, "F2": 8000}
        kinds = set(
            conn.execute(
                text(
                    "SELECT name FROM sqlite_master WHERE type IN ('trigger', 'view')"
                    if services.engine.dialect.name == "sqlite"
                    else "SELECT trigger_name FROM information_schema.triggers"
                )
            ).scalars()
        )
        assert kinds == set()


def test_an_extra_column_is_ignored(services, pristine: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    crafted = _crafted(pristine, tmp_path, "ALTER TABLE clients ADD COLUMN spy TEXT DEFAULT 'x'")
    services.engine.dispose()
    result = restore_backup(crafted, services.url)
    assert any("spy" in w for w in result.warnings)
    with services.engine.connect() as conn:
        assert set(conn.execute(text("SELECT code FROM clients")).scalars()) == {"C1", "C2"}


def test_the_backup_file_is_only_read(services, pristine: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    crafted = _crafted(pristine, tmp_path, "SELECT 1")
    crafted.chmod(0o444)
    before = crafted.read_bytes()
    services.engine.dispose()
    restore_backup(crafted, services.url)
    assert crafted.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("crafted")) == [
        "crafted.relance"
    ]


def test_a_long_name_fits_sqlite_but_not_postgresql(
    services, pristine: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """SQLite keeps texts longer than their declared size (older dossiers may hold some);
    PostgreSQL does not, so a restore there refuses them by name instead of failing midway."""
    crafted = _crafted(pristine, tmp_path, "UPDATE clients SET name = printf('%.300c', 'x')")
    services.engine.dispose()
    if services.engine.dialect.name == "sqlite":
        restore_backup(crafted, services.url)
        with services.engine.connect() as conn:
            lengths = set(conn.execute(text("SELECT length(name) FROM clients")).scalars())
        assert lengths == {300}
    else:
        with pytest.raises(InvalidInput, match="longer than 200 characters"):
            restore_backup(crafted, services.url)
