from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

import app.db.models  # noqa: F401
from app.db.base import Base
from app.db.engine import make_engine, resolve_url
from app.db.migrate import alembic_config, head_revision, open_dossier, upgrade
from app.domain.errors import DatabaseProblem


def test_history_is_linear() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
    for rev in script.walk_revisions():
        assert not rev.is_merge_point


def test_models_match_migrations(database_url: str) -> None:
    engine = make_engine(resolve_url(database_url))
    open_dossier(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_upgrade_from_first_revision_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "old.relance"
    engine = make_engine(resolve_url(str(path)))
    upgrade(engine, "0001_core")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO company (id, name, address, postcode, city, country, "
                "legal_id, vat_number, iban, bic, email, phone, logo_path, signatory, "
                "currency, language, terms_days, admin_fee_enabled, admin_fee, settings)"
                " VALUES (1, 'Old SARL', '', '', '', 'FR', '', '', '', '', '', '', '',"
                " '', 'EUR', 'fr', 30, 0, 0, '{}')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO clients (id, code, name, legal_id, vat_number, client_type,"
                " email, phone, address, postcode, city, country, language,"
                " preferred_channel, terms_end_of_month, iban, dunning_blocked,"
                " dunning_blocked_reason, notes, archived, version) VALUES (1, 'C1',"
                " 'Client', '', '', 'business', '', '', '', '', '', 'FR', 'fr', 'email',"
                " 0, '', 0, '', '', 0, 1)"
            )
        )
    engine.dispose()
    engine = make_engine(resolve_url(str(path)))
    assert open_dossier(engine) == "upgraded"
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM clients")).scalar_one() == "Client"
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == (
            head_revision()
        )
        assert conn.execute(text("SELECT dunning_policy_id FROM clients")).scalar_one() is None
    engine.dispose()
    backups = list(tmp_path.glob("old.before-upgrade-0001_core-*.relance"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001_core",)


def test_a_dossier_at_0006_gets_the_ladder_settings(tmp_path: Path) -> None:
    path = tmp_path / "autumn.relance"
    engine = make_engine(resolve_url(str(path)))
    upgrade(engine, "0006_settled_on")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO clients (id, code, name, legal_id, vat_number, client_type,"
                " email, phone, address, postcode, city, country, language,"
                " preferred_channel, terms_end_of_month, iban, dunning_blocked,"
                " dunning_blocked_reason, notes, archived, version) VALUES (1, 'C1',"
                " 'Client', '', '', 'business', '', '', '', '', '', 'FR', 'fr', 'email',"
                " 0, '', 0, '', '', 0, 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO dunning_policies (id, code, name, is_default, for_consumers,"
                " free_reminder_days, free_reminder_paper_delay)"
                " VALUES (1, 'default', '', 1, 0, 14, 3)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO reminders (client_id, level_code, channel, planned_date, status,"
                " note, document_path, document_sha256, user_name)"
                " VALUES (1, 'reminder_1', 'email', '2026-11-02', 'done', '', '', '', 'anne')"
            )
        )
    engine.dispose()
    engine = make_engine(resolve_url(str(path)))
    assert open_dossier(engine) == "upgraded"
    with engine.begin() as conn:
        row = conn.execute(text("SELECT min_gap_days, min_amount FROM dunning_policies")).one()
        assert tuple(row) == (7, 1000)  # 7 days, 10.00 in cents
        assert conn.execute(text("SELECT action_key FROM reminders")).scalar_one() is None
        insert = text(
            "INSERT INTO reminders (client_id, level_code, channel, planned_date, status,"
            " note, document_path, document_sha256, user_name, action_key)"
            " VALUES (1, 'formal_notice', 'letter', '2026-12-04', :status, '', '', '', '', :key)"
        )
        conn.execute(insert, {"status": "escalated", "key": "k1"})
    with pytest.raises(Exception, match=r"(?i)unique"), engine.begin() as conn:
        conn.execute(insert, {"status": "done", "key": "k1"})
    with pytest.raises(Exception, match=r"(?i)check"), engine.begin() as conn:
        conn.execute(insert, {"status": "forgotten", "key": "k2"})
    engine.dispose()


def test_newer_dossier_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.relance"
    engine = make_engine(resolve_url(str(path)))
    open_dossier(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(DatabaseProblem, match="newer version"):
        open_dossier(engine)
    engine.dispose()


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER)")
    engine = make_engine(resolve_url(str(path)))
    with pytest.raises(DatabaseProblem, match="not a Relance dossier"):
        open_dossier(engine)
    engine.dispose()


def test_non_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.relance"
    path.write_text("hello")
    with pytest.raises(DatabaseProblem, match="not an SQLite database"):
        make_engine(resolve_url(str(path)))


def test_sqlite_pragmas(tmp_path: Path) -> None:
    engine = make_engine(resolve_url(str(tmp_path / "p.relance")))
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
    engine.dispose()


def test_the_head_read_from_the_files_is_alembics() -> None:
    from app.db.migrate import head_revision, shipped_head

    assert shipped_head() == head_revision()
