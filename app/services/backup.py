"""Backup and restore: a backup is always one portable SQLite dossier file, checked on restore."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, select, text
from sqlalchemy.engine import URL

from app.db import copy
from app.db.engine import SQLITE_MAGIC, display_name, make_engine, sqlite_path
from app.db.migrate import current_revision, head_revision, known_revisions, open_dossier, upgrade
from app.db.models import Company
from app.domain.errors import DatabaseProblem, InvalidInput, Problem
from app.i18n import _
from app.services.transfer.exporters import unwritable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupCheck:
    """What a backup file holds, once it passed every check."""

    path: Path
    revision: str
    company: str


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    target: str
    company: str
    upgraded_from: str | None
    safety_copy: Path | None


def _sqlite_url(path: Path) -> URL:
    return URL.create("sqlite+pysqlite", database=str(path))


def _beside(folder: Path, stem: str, suffix: str) -> Path:
    """`STEM.before-restore-TIMESTAMP.relance`, never an existing file."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")  # noqa: DTZ005 - a local file name
    path = folder / f"{stem}.before-restore-{stamp}{suffix}"
    counter = 1
    while path.exists():
        counter += 1
        path = folder / f"{stem}.before-restore-{stamp}-{counter}{suffix}"
    return path


def _sqlite_copy(source: Path, target: Path) -> None:
    """Page-by-page copy through the backup API, then a standalone file (no WAL beside it)."""
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def write_backup(url: URL, engine: Engine, path: Path) -> Path:
    """A consistent copy of the dossier as one SQLite file, whatever the database."""
    target = Path(path).expanduser().resolve()
    own = sqlite_path(url)
    if own is not None and own.resolve() == target:
        raise InvalidInput(
            Problem(_("a backup cannot overwrite the dossier itself"), file=str(path))
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise unwritable(Path(path), error) from error
    os.close(handle)
    temporary = Path(name)
    temporary.unlink()
    try:
        if own is not None:
            _sqlite_copy(own, temporary)
        else:
            _copy_to_sqlite(engine, temporary)
        os.replace(temporary, target)
    except OSError as error:
        raise unwritable(Path(path), error) from error
    finally:
        temporary.unlink(missing_ok=True)
    log.info("backup of %s written", display_name(url))
    return target


def _copy_to_sqlite(engine: Engine, target: Path) -> None:
    """PostgreSQL → a new SQLite dossier at the same schema revision, in one snapshot."""
    revision = current_revision(engine)
    file_engine = make_engine(_sqlite_url(target))
    try:
        upgrade(file_engine, revision or "head")
        with engine.connect() as source:
            source = source.execution_options(isolation_level="REPEATABLE READ")
            with source.begin(), file_engine.begin() as dest:
                copy.copy_tables(source, dest)
        with file_engine.connect() as conn:
            conn.execute(text("PRAGMA journal_mode=DELETE"))
    finally:
        file_engine.dispose()


def check_backup(path: Path, workdir: Path) -> tuple[BackupCheck, Path]:
    """Refuse anything but a sound Relance dossier; returns a checked copy at head in workdir."""
    path = Path(path).expanduser()
    where = str(path)

    def refuse(message: str) -> InvalidInput:
        return InvalidInput(Problem(message, file=where))

    if not path.is_file():
        raise refuse(_("no such backup file"))
    with path.open("rb") as handle:
        if handle.read(16) != SQLITE_MAGIC:
            raise refuse(_("not a Relance backup (not an SQLite database); nothing was changed"))
    checked = workdir / "checked.relance"
    try:
        _sqlite_copy(path, checked)
        conn = sqlite3.connect(checked)
        try:
            verdict = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            revision = None
            if "alembic_version" in tables:
                found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = found[0] if found else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise refuse(
            _("the backup is damaged ({detail}); nothing was changed").format(detail=error)
        ) from error
    if verdict != ["ok"]:
        raise refuse(
            _("the backup is damaged ({detail}); nothing was changed").format(detail=verdict[0])
        )
    if revision is None:
        raise refuse(_("this SQLite file is not a Relance dossier; nothing was changed"))
    known = known_revisions()
    if revision not in known:
        raise refuse(
            _(
                "this backup was written by a newer version of Relance (schema {revision}); "
                "install the newer version to restore it"
            ).format(revision=revision)
        )
    engine = make_engine(_sqlite_url(checked))
    try:
        with engine.connect() as connection:
            company = connection.execute(select(Company.name).limit(1)).scalar()
        if company is None:
            raise refuse(_("this backup holds no company: it is an empty dossier"))
        if revision != head_revision():
            upgrade(engine)
    finally:
        engine.dispose()
    return BackupCheck(path, revision, company), checked


def restore_backup(path: Path, url: URL) -> RestoreResult:
    """Check the backup, keep a copy of the current target, then replace its whole content."""
    with tempfile.TemporaryDirectory(prefix="relance-restore-") as work:
        info, checked = check_backup(path, Path(work))
        upgraded = None if info.revision == head_revision() else info.revision
        target_file = sqlite_path(url)
        if target_file is not None:
            safety = _restore_sqlite(checked, target_file)
        else:
            safety = _restore_server(checked, url, info.path)
    log.info("dossier %s restored from a backup", display_name(url))
    return RestoreResult(info.path, display_name(url), info.company, upgraded, safety)


def _restore_sqlite(checked: Path, target: Path) -> Path | None:
    safety = None
    if target.exists() and target.stat().st_size > 0:
        _refuse_foreign_sqlite(target)
        safety = _beside(target.parent, target.stem, target.suffix or ".relance")
        try:
            _sqlite_copy(target, safety)
        except sqlite3.DatabaseError:
            shutil.copy2(target, safety)
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(checked)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return safety


def _refuse_foreign_sqlite(target: Path) -> None:
    """Never overwrite another program's database that happens to be at the target path."""
    with target.open("rb") as handle:
        is_sqlite = handle.read(16) == SQLITE_MAGIC
    tables: set[str] = set()
    if is_sqlite:
        try:
            conn = sqlite3.connect(target)
            try:
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            return  # a damaged dossier: exactly what a restore is for
    if not is_sqlite or (tables and "alembic_version" not in tables):
        raise DatabaseProblem(
            _(
                "{path}: this file is not a Relance dossier; it was left untouched "
                "(choose another target)"
            ).format(path=target)
        )


def _restore_server(checked: Path, url: URL, source: Path) -> Path:
    """PostgreSQL: a copy of the current content beside the backup, then one transaction."""
    engine = make_engine(url)
    file_engine = make_engine(_sqlite_url(checked))
    try:
        open_dossier(engine)
        safety = _beside(source.resolve().parent, str(url.database), ".relance")
        write_backup(url, engine, safety)
        with file_engine.connect() as reader, engine.begin() as writer:
            copy.clear_tables(writer)
            copy.copy_tables(reader, writer)
            copy.reset_sequences(writer)
    finally:
        file_engine.dispose()
        engine.dispose()
    return safety


class BackupService:
    """The dossier's own backup; restore goes through `restore_backup` with the target's URL."""

    def __init__(self, url: URL, engine: Engine) -> None:
        self._url = url
        self._engine = engine

    def backup(self, path: Path) -> Path:
        return write_backup(self._url, self._engine, path)

    def restore(self, path: Path) -> RestoreResult:
        """Replace this dossier's content; the caller reopens it afterwards."""
        self._engine.dispose()
        return restore_backup(path, self._url)
