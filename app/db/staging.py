"""A restore's data copy: the rows of a backup, checked one by one, into a schema Relance made.

Nothing of the backup's own schema is ever run or kept: its triggers, views, indexes and extra
tables are ignored (and reported), only the columns Relance knows are read, and each value is
checked against what the column holds (whole numbers, amounts in cents, ISO dates, text) before
it is written. Foreign keys are checked once every table is in.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import CheckConstraint

import app.db.models  # noqa: F401 - registers every table on the metadata
from app.db.base import Base, Money
from app.domain.errors import RelanceError
from app.i18n import _

BATCH = 2000
MAX_CENTS = 10**15  # ten thousand billion: beyond any real receivable, well inside 64 bits
INT32 = 2**31
INT64 = 2**63
_ENUM = re.compile(r"^\s*(\w+)\s+IN\s*\(([^)]*)\)\s*$", re.IGNORECASE)
_SIZED = re.compile(r"^(\w+)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SKIPPED = {"alembic_version", "dossier_state"}


class RowRefused(RelanceError):
    """One row of the backup cannot go into a dossier; says where, never what it holds."""

    def __init__(self, table: str, row: object, reason: str) -> None:
        self.table, self.row, self.reason = table, row, reason
        super().__init__(
            _("table {table}, row {row}: {reason}").format(table=table, row=row, reason=reason)
        )


@dataclass(frozen=True)
class _Column:
    name: str
    declared: str
    not_null: bool
    money: bool
    allowed: frozenset[str] | None
    server: bool  # bound for PostgreSQL: its text lengths and 32-bit integers hold


def _enums() -> dict[tuple[str, str], frozenset[str]]:
    """`column IN ('a', 'b')` checks of the models: the sets an enumerated column keeps to."""
    found: dict[tuple[str, str], frozenset[str]] = {}
    for table in Base.metadata.tables.values():
        for constraint in table.constraints:
            if isinstance(constraint, CheckConstraint):
                match = _ENUM.match(str(constraint.sqltext))
                if match:
                    values = frozenset(v.strip().strip("'") for v in match[2].split(","))
                    found[(table.name, match[1])] = values
    return found


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str, bool]]:
    rows = conn.execute(f"PRAGMA table_info({_quote(table)})").fetchall()
    return [(row[1], str(row[2] or "").upper(), bool(row[3])) for row in rows]


def _schema_columns(conn: sqlite3.Connection, table: str, server: bool) -> list[_Column]:
    model = Base.metadata.tables.get(table)
    enums = _enums()
    columns = []
    for name, declared, not_null in _columns(conn, table):
        money = model is not None and name in model.c and isinstance(model.c[name].type, Money)
        allowed = enums.get((table, name))
        columns.append(_Column(name, declared, not_null, money, allowed, server))
    return columns


def _check(column: _Column, value: object) -> str | None:
    """Why `value` cannot go into `column`; None when it can."""
    if value is None:
        return _("a required value is missing") if column.not_null else None
    sized = _SIZED.match(column.declared)
    kind = sized[1] if sized else column.declared
    if kind in ("INTEGER", "BIGINT", "SMALLINT", "INT"):
        if type(value) is not int:
            return _("not a whole number")
        if column.money and abs(value) > MAX_CENTS:
            return _("amount out of range")
        if abs(value) >= (INT32 if column.server and kind != "BIGINT" else INT64):
            return _("number out of range")
    elif kind == "BOOLEAN":
        if value not in (0, 1) or type(value) is not int:
            return _("not a yes/no value")
    elif kind == "DATE":
        if not isinstance(value, str) or not _ISO_DATE.match(value):
            return _("not a date (YYYY-MM-DD)")
        try:
            date.fromisoformat(value)
        except ValueError:
            return _("not a date (YYYY-MM-DD)")
    elif kind == "DATETIME":
        try:
            datetime.fromisoformat(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return _("not a date and time")
    elif kind == "NUMERIC":
        if isinstance(value, bytes | bool):
            return _("not a number")
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return _("not a number")
        digits = int(sized[2]) - int(sized[3] or 0) if sized else 18
        if not number.is_finite() or abs(number) >= Decimal(10) ** digits:
            return _("number out of range")
    elif kind == "JSON":
        if not isinstance(value, str):
            return _("not text")
        try:
            json.loads(value)
        except ValueError:
            return _("not valid JSON")
    else:
        if not isinstance(value, str):
            return _("not text")
        if "\x00" in value:
            return _("text holding a NUL character")
        if column.server and sized and len(value) > int(sized[2]):
            return _("text longer than {count} characters").format(count=sized[2])
        if column.allowed is not None and value not in column.allowed:
            return _("not one of the allowed values")
    return None


def _row_label(names: list[str], row: tuple[object, ...], rowid: object) -> object:
    if "id" in names:
        value = row[names.index("id")]
        if type(value) is int:
            return value
    return rowid


def _source_rows(
    source: sqlite3.Connection, table: str, names: list[str]
) -> Iterator[list[tuple[object, ...]]]:
    cursor = source.execute(
        f"SELECT rowid, {', '.join(_quote(n) for n in names)} FROM {_quote(table)} ORDER BY rowid"
    )
    while part := cursor.fetchmany(BATCH):
        yield part


def copy_checked(
    source: sqlite3.Connection, target: sqlite3.Connection, server: bool = False
) -> list[str]:
    """Copy the rows of every table `target` has (made by Relance's migrations, empty) from
    `source`, checking each value; raises RowRefused at the first bad row. `target` is in
    autocommit mode (isolation_level None): the copy is one transaction. Returns warnings
    about what the backup held besides data (triggers, views, extra tables or columns).
    With `server`, the rows are bound for PostgreSQL: text lengths and 32-bit integers are
    checked too (SQLite holds longer texts, and older dossiers may have some)."""
    warnings: list[str] = []
    found = {
        (row[0], row[1]): str(row[2] or "")
        for row in source.execute("SELECT type, name, sql FROM sqlite_master")
    }
    ours = [
        row[0]
        for row in target.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not row[0].startswith("sqlite_") and row[0] not in _SKIPPED
    ]
    order = [t.name for t in Base.metadata.sorted_tables if t.name in ours]
    order += sorted(set(ours) - set(order))
    target.execute("PRAGMA foreign_keys=OFF")
    target.execute("BEGIN")
    for table in order:
        _copy_table(source, target, table, found.get(("table", table)), warnings, server)
    _check_references(target)
    target.execute("COMMIT")
    extra = sorted(
        f"{kind} {name}"
        for kind, name in found
        if kind in ("trigger", "view") or (kind == "table" and name not in ours)
        if not name.startswith("sqlite_") and name not in _SKIPPED
    )
    if extra:
        warnings.insert(
            0,
            _("ignored what the backup held besides data: {objects}").format(
                objects=", ".join(extra)
            ),
        )
    return warnings


def _copy_table(
    source: sqlite3.Connection,
    target: sqlite3.Connection,
    table: str,
    sql: str | None,
    warnings: list[str],
    server: bool,
) -> None:
    if sql is None or sql.lstrip().upper().startswith("CREATE VIRTUAL"):
        raise RowRefused(table, "-", _("the backup has no such table"))
    columns = _schema_columns(target, table, server)
    names = [c.name for c in columns]
    theirs = {name for name, _declared, _nn in _columns(source, table)}
    missing = [n for n in names if n not in theirs]
    if missing:
        raise RowRefused(
            table, "-", _("the backup lacks the column {column}").format(column=missing[0])
        )
    extra = sorted(theirs - set(names))
    if extra:
        warnings.append(
            _("ignored the columns {columns} of table {table}").format(
                columns=", ".join(extra), table=table
            )
        )
    writer = (
        f"INSERT INTO {_quote(table)} ({', '.join(_quote(n) for n in names)}) "
        f"VALUES ({', '.join('?' for _n in names)})"
    )
    for part in _source_rows(source, table, names):
        values = []
        for row in part:
            rowid, data = row[0], row[1:]
            for column, value in zip(columns, data, strict=True):
                reason = _check(column, value)
                if reason is not None:
                    label = _row_label(names, data, rowid)
                    raise RowRefused(table, label, f"{column.name}: {reason}")
            values.append(data)
        _insert(target, table, writer, names, values)


def _insert(
    target: sqlite3.Connection,
    table: str,
    writer: str,
    names: list[str],
    values: list[tuple[object, ...]],
) -> None:
    """A batch at once; when it breaks a rule (unique, check), row by row to name the row."""
    target.execute("SAVEPOINT batch")
    try:
        target.executemany(writer, values)
    except sqlite3.IntegrityError:
        target.execute("ROLLBACK TO batch")
        for index, data in enumerate(values):
            try:
                target.execute(writer, data)
            except sqlite3.IntegrityError as error:
                rule = str(error).split(":")[0]
                raise RowRefused(
                    table,
                    _row_label(names, data, index + 1),
                    _("breaks a rule of the dossier ({rule})").format(rule=rule),
                ) from None
    finally:
        target.execute("RELEASE batch")


def _check_references(target: sqlite3.Connection) -> None:
    for table, rowid, parent, _fkid in target.execute("PRAGMA foreign_key_check"):
        names = [name for name, _declared, _nn in _columns(target, table)]
        label: object = rowid
        if "id" in names and rowid is not None:
            found = target.execute(
                f"SELECT id FROM {_quote(table)} WHERE rowid = ?", (rowid,)
            ).fetchone()
            label = found[0] if found else rowid
        raise RowRefused(
            table, label, _("refers to a row of {parent} that does not exist").format(parent=parent)
        )
