"""Engine and session factory: SQLite with WAL, foreign keys and a busy timeout; PostgreSQL."""

from __future__ import annotations

import logging
import os
import sqlite3
import weakref
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from app.domain.errors import DatabaseProblem
from app.domain.search import fold
from app.i18n import _

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"


def resolve_url(database: str | Path) -> URL:
    """A path or an SQLAlchemy URL."""
    value = str(database)
    if "://" not in value:
        return URL.create("sqlite+pysqlite", database=str(Path(value).expanduser().resolve()))
    try:
        url = make_url(value)
    except ArgumentError as exc:
        raise DatabaseProblem(
            _("{value}: not a database URL ({detail})").format(value=value, detail=exc)
        ) from exc
    if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseProblem(
            _("{url}: only SQLite files and PostgreSQL URLs are supported").format(
                url=url.render_as_string(hide_password=True)
            )
        )
    return url


def sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def check_sqlite_file(path: Path, create: bool = True) -> None:
    """Refuse a folder, a device or a file that is not an SQLite database before SQLAlchemy
    touches it; without `create`, a missing (or empty) file is refused too."""
    if path.is_dir():
        raise DatabaseProblem(
            _("{path}: this is a folder; give the path of a dossier file (.relance)").format(
                path=path
            )
        )
    if path.exists() and not path.is_file():
        raise DatabaseProblem(
            _(
                "{path}: this is not a regular file; give the path of a dossier file (.relance)"
            ).format(path=path)
        )
    if not path.exists() or path.stat().st_size == 0:
        if not create:
            raise DatabaseProblem(
                _(
                    "{path}: no dossier there; create one with "
                    "`relance --database {path} init --company NAME` (or `demo`)"
                ).format(path=path)
            )
        return
    with path.open("rb") as handle:
        header = handle.read(16)
    if header != SQLITE_MAGIC:
        raise DatabaseProblem(
            _("{path}: this file is not a Relance dossier (not an SQLite database)").format(
                path=path
            )
        )


MMAP_BYTES = 1 << 30


def _register_functions(dbapi_connection) -> None:  # type: ignore[no-untyped-def]
    """The folding the search compares client names with (app.db.queries.search)."""
    dbapi_connection.create_function("relance_fold", 1, _fold, deterministic=True)


def _fold(text: str | None) -> str | None:
    return None if text is None else fold(text)


def _on_sqlite_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    _register_functions(dbapi_connection)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    # Read pages through a memory map: connections are not pooled, so each one would start
    # with an empty page cache; at a million invoices this halves the analytics' reads.
    cursor.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
    cursor.close()


def _on_read_only_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    _register_functions(dbapi_connection)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
    cursor.close()


_READ_ONLY: weakref.WeakSet[Engine] = weakref.WeakSet()


def is_read_only(engine: Engine) -> bool:
    """True when the dossier's file or folder cannot be written: it was opened for reading."""
    return engine in _READ_ONLY


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def make_engine(url: URL, create: bool = True) -> Engine:
    """An engine on the dossier. SQLite: a missing file is created only with `create`; a file
    that cannot be written (or whose folder cannot) is opened read-only."""
    path = sqlite_path(url)
    if path is None:
        return create_engine(url, pool_pre_ping=True, pool_size=4)
    check_sqlite_file(path, create)
    if path.exists() and path.stat().st_size > 0 and not _writable(path):
        # No journal can be written beside it: read it as it is (immutable when even the
        # folder is closed, so no -shm file is needed).
        flag = "mode=ro" if os.access(path.parent, os.W_OK) else "immutable=1"
        uri = f"{path.resolve().as_uri()}?{flag}"
        engine = create_engine(
            url,
            poolclass=NullPool,
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        )
        event.listen(engine, "connect", _on_read_only_connect)
        _READ_ONLY.add(engine)
        return engine
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, poolclass=NullPool)
    event.listen(engine, "connect", _on_sqlite_connect)
    return engine


def describe_error(error: BaseException, name: str) -> str:
    """One line for a driver error: what happened to the dossier, never the SQL nor its values."""
    orig = getattr(error, "orig", None) or error
    text = str(orig).strip()
    first = text.splitlines()[0] if text else type(orig).__name__
    if "database is locked" in first or "database table is locked" in first:
        return _(
            "{name}: the dossier is busy: another Relance is writing to it and did not finish "
            "within 10 seconds; close it there or retry"
        ).format(name=name)
    if "readonly database" in first or "read-only" in first:
        return _(
            "{name}: the dossier is read-only (the file or its folder); this command needs to "
            "write to it"
        ).format(name=name)
    if not isinstance(orig, sqlite3.Error):
        first = type(orig).__name__  # a server's message may quote the values it refused
    return _("{name}: database error ({detail})").format(name=name, detail=first)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def display_name(url: URL) -> str:
    path = sqlite_path(url)
    if path is not None:
        return path.stem
    return f"{url.host or 'localhost'}/{url.database}"
