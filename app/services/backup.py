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
from uuid import uuid4

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL

from app.db import copy
from app.db import staging as staging_copy
from app.db.engine import SQLITE_MAGIC, display_name, make_engine, sqlite_path
from app.db.migrate import (
    copy_into,
    current_revision,
    head_revision,
    known_revisions,
    open_dossier,
    upgrade,
)
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
    warnings: tuple[str, ...] = ()


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


def _read_only(path: Path) -> sqlite3.Connection:
    """The backup as the user gave it, never written to (not even a journal beside it); in a
    read-only folder, a backup left in WAL mode is read as an immutable file."""
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True)
    return conn


def check_backup(path: Path, workdir: Path) -> tuple[BackupCheck, Path]:
    """Refuse anything but a sound Relance dossier; returns a private copy of it in workdir,
    only ever read (its schema is never run: `build_staging` copies its data)."""
    path = Path(path).expanduser()
    where = str(path)

    def refuse(message: str) -> InvalidInput:
        return InvalidInput(Problem(message, file=where))

    if not path.is_file():
        raise refuse(_("no such backup file"))
    with path.open("rb") as handle:
        if handle.read(16) != SQLITE_MAGIC:
            raise refuse(_("not a Relance backup (not an SQLite database); nothing was changed"))
    private = workdir / "backup.sqlite"
    try:
        src = _read_only(path)
        try:
            copy_into(src, private)
        finally:
            src.close()
        conn = _reader(private)
        try:
            verdict = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            tables = {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = company = None
            if "alembic_version" in tables:
                found = conn.execute("SELECT version_num FROM alembic_version").fetchall()
                revision = found[0][0] if len(found) == 1 else None
            if "company" in tables:
                named = conn.execute("SELECT name FROM company ORDER BY id LIMIT 1").fetchone()
                company = named[0] if named else None
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
    if not isinstance(revision, str):
        raise refuse(_("this SQLite file is not a Relance dossier; nothing was changed"))
    if revision not in known_revisions():
        raise refuse(
            _(
                "this backup was written by a newer version of Relance (schema {revision}); "
                "install the newer version to restore it"
            ).format(revision=revision)
        )
    if not isinstance(company, str):
        raise refuse(_("this backup holds no company: it is an empty dossier"))
    return BackupCheck(path, revision, company), private


def _reader(path: Path) -> sqlite3.Connection:
    """A connection that reads a foreign file without trusting its schema's functions."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.execute("PRAGMA trusted_schema=OFF")
    conn.execute("PRAGMA cell_size_check=ON")
    return conn


def build_staging(
    info: BackupCheck, private: Path, staging: Path, server: bool = False
) -> list[str]:
    """A new dossier at `staging`: Relance's own schema at the backup's revision, the backup's
    rows copied into it after checking each one, then brought to head. Returns warnings."""

    def refuse(message: str) -> InvalidInput:
        return InvalidInput(
            Problem(_("{reason}; nothing was changed").format(reason=message), file=str(info.path))
        )

    engine = make_engine(_sqlite_url(staging))
    try:
        upgrade(engine, info.revision)
    finally:
        engine.dispose()
    source = _reader(private)
    target = sqlite3.connect(staging, isolation_level=None)
    try:
        warnings = staging_copy.copy_checked(source, target, server)
        if target.execute("SELECT 1 FROM sqlite_master WHERE name = 'dossier_state'").fetchone():
            target.execute("UPDATE dossier_state SET token = ?", (uuid4().hex,))
    except staging_copy.RowRefused as refused:
        raise refuse(str(refused)) from None
    except sqlite3.DatabaseError as error:
        raise refuse(
            _("the backup cannot be read ({detail})").format(detail=str(error).split(":")[0])
        ) from None
    finally:
        target.close()
        source.close()
    engine = make_engine(_sqlite_url(staging))
    try:
        if info.revision != head_revision():
            upgrade(engine)
        with engine.connect() as conn:
            conn.execute(text("PRAGMA journal_mode=DELETE"))
    finally:
        engine.dispose()
    return warnings


def restore_backup(path: Path, url: URL) -> RestoreResult:
    """Check the backup, copy its data into a new dossier, keep a copy of the current target,
    then put the new dossier in its place (SQLite: one rename; PostgreSQL: one transaction)."""
    target_file = sqlite_path(url)
    with tempfile.TemporaryDirectory(prefix="relance-restore-") as work:
        info, private = check_backup(path, Path(work))
        upgraded = None if info.revision == head_revision() else info.revision
        if target_file is not None:
            if target_file.is_dir():
                raise DatabaseProblem(
                    _("{path}: this is a folder, not a dossier file").format(path=target_file)
                )
            if target_file.exists() and target_file.stat().st_size > 0:
                _refuse_foreign_sqlite(target_file)
            staging = _staging_file(target_file)
            try:
                warnings = build_staging(info, private, staging)
                safety = _swap_sqlite(staging, target_file)
            finally:
                _remove_with_sides(staging)
        else:
            staging = Path(work) / "staging.relance"
            warnings = build_staging(info, private, staging, server=True)
            safety = _restore_server(staging, url, info.path)
    log.info("dossier %s restored from a backup", display_name(url))
    return RestoreResult(
        info.path, display_name(url), info.company, upgraded, safety, tuple(warnings)
    )


def _remove_with_sides(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _staging_file(target: Path) -> Path:
    """A hidden file beside the dossier (same disk: the swap is one rename); the leftovers of
    an interrupted restore are removed first."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for old in target.parent.glob(f".{target.name}.restore-*.tmp"):
            _remove_with_sides(old)
        handle, name = tempfile.mkstemp(
            prefix=f".{target.name}.restore-", suffix=".tmp", dir=target.parent
        )
    except OSError as error:
        raise DatabaseProblem(
            _("{path}: cannot write beside the dossier ({detail})").format(
                path=target, detail=error.strerror or error
            )
        ) from error
    os.close(handle)
    return Path(name)


def _swap_sqlite(staging: Path, target: Path) -> Path | None:
    """Keep a copy of the current dossier, fold its journal into it, then rename `staging` over
    it: at every moment the dossier is either the old one or the restored one."""
    safety = None
    if target.exists() and target.stat().st_size > 0:
        safety = _beside(target.parent, target.stem, target.suffix or ".relance")
        partial = safety.with_name(f".{safety.name}.tmp")
        try:
            _sqlite_copy(target, partial)
        except sqlite3.DatabaseError:
            shutil.copy2(target, partial)
        os.replace(partial, safety)
        try:
            conn = sqlite3.connect(target)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            pass  # a damaged dossier: its safety copy is all that can be kept
    os.replace(staging, target)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
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
