"""Engine and session factory: SQLite with WAL, foreign keys and a busy timeout; PostgreSQL."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from app.domain.errors import DatabaseProblem
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


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database before SQLAlchemy touches it."""
    if not path.exists() or path.stat().st_size == 0:
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


def _on_sqlite_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    # Read pages through a memory map: connections are not pooled, so each one would start
    # with an empty page cache; at a million invoices this halves the analytics' reads.
    cursor.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
    cursor.close()


def make_engine(url: URL) -> Engine:
    path = sqlite_path(url)
    if path is not None:
        check_sqlite_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, poolclass=NullPool)
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=4)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def display_name(url: URL) -> str:
    path = sqlite_path(url)
    if path is not None:
        return path.stem
    return f"{url.host or 'localhost'}/{url.database}"
