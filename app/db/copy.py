"""Copy every table of a dossier from one database to another (backup and restore)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast
from uuid import uuid4

from sqlalchemy import BigInteger, Column, Connection, Table, delete, insert, select, text, update
from sqlalchemy import column as plain_column
from sqlalchemy import table as plain_table
from sqlalchemy.sql.elements import ColumnClause, ColumnElement

import app.db.models  # noqa: F401 - registers every table on the metadata
from app.db.base import Base, Money
from app.db.models import DossierState

BATCH = 5000


def dossier_tables() -> list[Table]:
    """Parents before children, so rows can be inserted in this order. The state token is not
    content: each copy gets a new one (`copy_tables`)."""
    return [t for t in Base.metadata.sorted_tables if t is not DossierState.__table__]


def _raw(col: Column[Any]) -> ColumnElement[Any]:
    """Money read as its stored integer cents: copied as is, never through Decimal."""
    return col.cast(BigInteger).label(col.name) if isinstance(col.type, Money) else col


def _plain(col: Column[Any]) -> ColumnClause[Any]:
    return plain_column(col.name, BigInteger if isinstance(col.type, Money) else col.type)


def _order(table: Table) -> list[ColumnElement[Any]]:
    """Rows pointing at another row of the same table come after the rows they point at."""
    order: list[ColumnElement[Any]] = []
    for fk in table.foreign_keys:
        if fk.column.table is table:
            order.append(fk.parent.is_not(None))
    order.extend(table.primary_key.columns)
    return order


def copy_tables(
    source: Connection, target: Connection, progress: Callable[[int, int], None] | None = None
) -> dict[str, int]:
    """Insert every row of the source's dossier tables into the (empty) target tables."""
    counts: dict[str, int] = {}
    tables = dossier_tables()
    for index, table in enumerate(tables):
        reader = select(*[_raw(c) for c in table.columns]).order_by(*_order(table))
        writer = insert(plain_table(table.name, *[_plain(c) for c in table.columns]))
        result = source.execution_options(yield_per=BATCH).execute(reader)
        copied = 0
        for part in result.mappings().partitions(BATCH):
            target.execute(writer, [dict(row) for row in part])
            copied += len(part)
        counts[table.name] = copied
        if progress is not None:
            progress(index + 1, len(tables))
    target.execute(update(cast(Table, DossierState.__table__)).values(token=uuid4().hex))
    return counts


def clear_tables(target: Connection) -> None:
    """Delete every dossier row, children first (the schema and alembic_version stay)."""
    for table in reversed(dossier_tables()):
        target.execute(delete(table))


def reset_sequences(target: Connection) -> None:
    """PostgreSQL: after rows were copied with their ids, move each id sequence past them."""
    if target.dialect.name != "postgresql":
        return
    for table in dossier_tables():
        if "id" not in table.c or len(table.primary_key.columns) != 1:
            continue
        target.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
        )
