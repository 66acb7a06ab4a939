"""Open a dossier: create it at head, or back it up and upgrade it, or refuse it clearly."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import DBAPIError, OperationalError

from app.db.engine import sqlite_path
from app.domain.errors import DatabaseProblem
from app.i18n import _

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_sqlite(path: Path, suffix: str) -> Path:
    """Consistent copy through the SQLite backup API (a file copy can be stale under WAL)."""
    target = path.with_name(f"{path.stem}.{suffix}{path.suffix or '.relance'}")
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


def upgrade(engine: Engine, revision: str = "head") -> None:
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def open_dossier(engine: Engine) -> str:
    """Bring the schema to head; returns what was done: 'created', 'upgraded' or 'current'."""
    try:
        tables = set(inspect(engine).get_table_names())
    except (OperationalError, DBAPIError) as error:
        raise DatabaseProblem(_explain(engine, error)) from error
    name = _name(engine)
    if not tables:
        upgrade(engine)
        log.info("dossier created at %s", head_revision())
        return "created"
    if "alembic_version" not in tables:
        raise DatabaseProblem(
            _(
                "{name}: this database holds other data and is not a Relance dossier; "
                "choose another file or an empty database"
            ).format(name=name)
        )
    current = current_revision(engine)
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current not in known:
        raise DatabaseProblem(
            _(
                "{name}: this dossier was written by a newer version of Relance "
                "(schema {revision}); install the newer version to open it"
            ).format(name=name, revision=current)
        )
    if current == script.get_current_head():
        return "current"
    path = sqlite_path(engine.url)
    if path is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")  # noqa: DTZ005 - local file name
        copy = backup_sqlite(path, f"before-upgrade-{current}-{stamp}")
        log.info("backup before upgrade written to %s", copy)
    upgrade(engine)
    log.info("dossier upgraded from %s to head", current)
    return "upgraded"


def _name(engine: Engine) -> str:
    path = sqlite_path(engine.url)
    return str(path) if path else engine.url.render_as_string(hide_password=True)


def _explain(engine: Engine, error: Exception) -> str:
    detail = str(getattr(error, "orig", error)).strip().splitlines()[0]
    return _("{name}: cannot open the database ({detail}); check the path or URL").format(
        name=_name(engine), detail=detail
    )
