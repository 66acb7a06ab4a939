"""Open a dossier: create it at head, or back it up and upgrade it, or refuse it clearly."""

from __future__ import annotations

import logging
import re
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError, OperationalError

from app.db.engine import is_read_only, sqlite_path
from app.domain.errors import DatabaseProblem
from app.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r'^(down_)?revision\s*(?::[^=]*)?=\s*(?:"([^"]*)"|None)', re.MULTILINE)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def shipped_head() -> str | None:
    """The head revision read from the migration files themselves, without loading Alembic
    (a second of start-up for every command); None when the files do not say it plainly."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("[0-9]*.py"):
        found = {bool(m[1]): m[2] for m in _REVISION.finditer(path.read_text("utf-8"))}
        if False not in found:
            return None
        revisions.add(found[False])
        if found.get(True):
            parents.add(found[True])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _stored_revision(engine: Engine) -> str | None:
    """The dossier's revision in one plain query; None when it cannot be read that way."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except (OperationalError, DBAPIError):
        return None
    return rows[0][0] if len(rows) == 1 else None


def backup_sqlite(path: Path, suffix: str) -> Path:
    """Consistent copy through the SQLite backup API (a file copy can be stale under WAL)."""
    target = path.with_name(f"{path.stem}.{suffix}{path.suffix or '.relance'}")
    source = sqlite3.connect(path)
    try:
        copy_into(source, target)
    finally:
        source.close()
    return target


def copy_into(source: sqlite3.Connection, target: Path) -> None:
    """Write one consistent copy of the open database `source` to the file `target`."""
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        dest.close()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def open_dossier(engine: Engine) -> str:
    """Bring the schema to head; returns what was done: 'created', 'upgraded' or 'current'."""
    head = shipped_head()
    if head is not None and _stored_revision(engine) == head:
        return "current"

    try:
        tables = set(inspect(engine).get_table_names())
    except (OperationalError, DBAPIError) as error:
        raise DatabaseProblem(_explain(engine, error)) from error
    name = _name(engine)
    if is_read_only(engine):
        return _read_only(engine, name, tables)
    if not tables:
        upgrade(engine)
        log.info("dossier created at %s", head_revision())
        return "created"
    if "alembic_version" not in tables:
        raise DatabaseProblem(_unfinished(name) if tables <= _model_tables() else _foreign(name))
    current = current_revision(engine)
    if current is None:
        raise DatabaseProblem(_unfinished(name))
    if current not in known_revisions():
        raise DatabaseProblem(
            _(
                "{name}: this dossier was written by a newer version of Relance "
                "(schema {revision}); install the newer version to open it"
            ).format(name=name, revision=current)
        )
    if current == head_revision():
        return "current"
    path = sqlite_path(engine.url)
    if path is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")  # noqa: DTZ005 - local file name
        copy = backup_sqlite(path, f"before-upgrade-{current}-{stamp}")
        log.info("backup before upgrade written to %s", copy)
    try:
        upgrade(engine)
    except (OperationalError, DBAPIError) as error:
        if not _has_head_schema(engine):
            raise DatabaseProblem(
                _(
                    "{name}: the dossier cannot be upgraded from schema {revision} ({detail}); "
                    "restore a backup or the copy made before the upgrade"
                ).format(name=name, revision=current, detail=_first_line(error))
            ) from error
        # Stamped with an older revision than its tables have (an old stamp copied over a
        # current schema): the tables are already there, only the stamp was behind.
        _stamp_head(engine)
        log.warning("dossier stamped %s already had the current schema", current)
        return "current"
    log.info("dossier upgraded from %s to head", current)
    return "upgraded"


def _unfinished(name: str) -> str:
    return _(
        "{name}: this dossier was never finished (its creation was interrupted); delete the "
        "file and run `relance init` again, or restore a backup over it"
    ).format(name=name)


def _read_only(engine: Engine, name: str, tables: set[str]) -> str:
    """A dossier that cannot be written is read as it is, when it needs no change."""
    if "alembic_version" not in tables:
        raise DatabaseProblem(_unfinished(name) if tables & _model_tables() else _foreign(name))
    current = current_revision(engine)
    if current is None:
        raise DatabaseProblem(_unfinished(name))
    if current != head_revision():
        raise DatabaseProblem(
            _(
                "{name}: the dossier is read-only and needs an upgrade to this version's "
                "schema; open it once where it can be written"
            ).format(name=name)
        )
    return "current"


def _model_tables() -> set[str]:
    import app.db.models  # noqa: F401 - registers every table
    from app.db.base import Base

    return set(Base.metadata.tables)


def _has_head_schema(engine: Engine) -> bool:
    """Every table and column the models have is in the database."""
    import app.db.models  # noqa: F401 - registers every table
    from app.db.base import Base

    found = inspect(engine)
    names = set(found.get_table_names())
    for table in Base.metadata.tables.values():
        if table.name not in names:
            return False
        columns = {c["name"] for c in found.get_columns(table.name)}
        if not set(table.c.keys()) <= columns:
            return False
    return True


def _stamp_head(engine: Engine) -> None:
    from alembic import command

    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.stamp(config, "head")


def _first_line(error: Exception) -> str:
    text = str(getattr(error, "orig", error)).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _foreign(name: str) -> str:
    return _(
        "{name}: this database holds other data and is not a Relance dossier; "
        "choose another file or an empty database"
    ).format(name=name)


def _name(engine: Engine) -> str:
    path = sqlite_path(engine.url)
    return str(path) if path else engine.url.render_as_string(hide_password=True)


def _explain(engine: Engine, error: Exception) -> str:
    detail = str(getattr(error, "orig", error)).strip().splitlines()[0]
    return _("{name}: cannot open the database ({detail}); check the path or URL").format(
        name=_name(engine), detail=detail
    )
