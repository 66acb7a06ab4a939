"""The window tells a database driver's error in one sentence: busy, read-only; no SQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from app.ui.errors import explain


def test_a_locked_dossier_is_said_busy(tmp_path: Path) -> None:
    path = tmp_path / "d.relance"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 0})
    try:
        with pytest.raises(OperationalError) as caught, engine.begin() as conn:
            conn.execute(text("INSERT INTO t VALUES (:secret)"), {"secret": "SECRET-42"})
    finally:
        engine.dispose()
        holder.close()
    sentence = explain(caught.value)
    assert "busy" in sentence
    assert "retry" in sentence
    assert "SECRET-42" not in sentence
    assert "INSERT" not in sentence
    assert "\n" not in sentence
