"""Alembic environment, configured in code by app.db.migrate (alembic.ini is for developers)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

import app.db.models  # noqa: F401 - registers every table
from app.db.base import Base

config = context.config
connection = config.attributes.get("connection")


def run_migrations(conn) -> None:  # type: ignore[no-untyped-def]
    is_sqlite = conn.dialect.name == "sqlite"
    if is_sqlite:
        conn.execute(text("PRAGMA foreign_keys=OFF"))
    context.configure(
        connection=conn,
        target_metadata=Base.metadata,
        render_as_batch=is_sqlite,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    if is_sqlite:
        conn.execute(text("PRAGMA foreign_keys=ON"))


if connection is not None:
    run_migrations(connection)
else:
    from sqlalchemy import create_engine

    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.connect() as conn:
        run_migrations(conn)
