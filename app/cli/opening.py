"""How a command gets its dossier: created whole or not at all, read-only when it must be,
and a driver's error told in one line (never the SQL nor its values)."""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from app.bootstrap import Services, build
from app.db.engine import check_sqlite_file, describe_error, resolve_url, sqlite_path
from app.domain.errors import DatabaseProblem
from app.i18n import _

CREATING = {"init", "demo"}
"""The commands that may create a missing SQLite dossier (restore makes its own)."""


def _writes(args: argparse.Namespace) -> bool:
    if args.command == "import":
        return not args.dry_run
    return args.command in {"init", "demo", "record"}


def run(args: argparse.Namespace, handler: Callable[..., int]) -> int:
    """Open the dossier for `args.command`, run `handler(services, args)`, close it."""
    database = args.database or str(args.paths.dossier)
    url = resolve_url(database)
    name = url.render_as_string(hide_password=True)
    path = sqlite_path(url)
    if path is not None:
        name = str(path)
    try:
        if args.command == "restore":  # gets no services: the target may be unopenable
            return handler(args)
        if path is not None and args.command in CREATING and _missing(path):
            return _create(path, args, handler)
        services = build(database, args.lang, args.paths, create=args.command in CREATING)
        try:
            if services.read_only and _writes(args):
                raise DatabaseProblem(
                    _(
                        "{name}: the dossier is read-only (the file or its folder); "
                        "`{command}` needs to write to it"
                    ).format(name=name, command=args.command)
                )
            return handler(services, args)
        finally:
            services.close()
    except (SQLAlchemyError, sqlite3.Error) as error:
        raise DatabaseProblem(describe_error(error, name)) from None


def _missing(path: Path) -> bool:
    check_sqlite_file(path)
    return not path.exists() or path.stat().st_size == 0


def _create(path: Path, args: argparse.Namespace, handler: Callable[..., int]) -> int:
    """A new dossier is made in a hidden file beside its place and renamed there once the
    command succeeded: an interrupted `init` or `demo` leaves no half-made dossier behind."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f".{path.name}.new-*.tmp"):
            _remove(old)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.new-", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise DatabaseProblem(
            _("{path}: cannot create the dossier there ({detail})").format(
                path=path, detail=error.strerror or error
            )
        ) from error
    os.close(handle)
    temporary = Path(name)
    mask = os.umask(0o022)
    os.umask(mask)
    temporary.chmod(0o666 & ~mask)  # a dossier like any file the user makes, not private
    try:
        with _built(temporary, args) as services:
            services.name = path.stem
            code = handler(services, args)
        if code == 0:
            _settle(temporary)
            os.replace(temporary, path)
        return code
    finally:
        _remove(temporary)


@contextmanager
def _built(temporary: Path, args: argparse.Namespace) -> Iterator[Services]:
    services = build(str(temporary), args.lang, args.paths)
    try:
        yield services
    finally:
        services.close()


def _settle(path: Path) -> None:
    """Fold the write-ahead log into the file, so the file alone is the whole dossier."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
