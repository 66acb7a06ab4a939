"""Shared fixtures: a dossier on SQLite and on a real PostgreSQL server, for every db test."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.pg_server import PostgresServer, find_bindir

_counter = itertools.count()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Never touch the developer's own dossiers, settings or logs."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("RELANCE_HOME", str(home))
    monkeypatch.delenv("RELANCE_DATABASE_URL", raising=False)
    from app import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(scope="session")
def pg_template() -> Iterator[tuple[str, object]]:
    """Start PostgreSQL once and migrate a template database that each test clones."""
    external = os.environ.get("RELANCE_TEST_DATABASE_URL")
    server = None
    if external:
        admin_url = external
    else:
        bindir = find_bindir()
        if bindir is None:
            if os.environ.get("CI"):
                pytest.fail("PostgreSQL binaries not found; CI must run the PostgreSQL tests")
            pytest.skip("PostgreSQL binaries not installed")
        server = PostgresServer(bindir)
        server.start()
        admin_url = server.url()
    from sqlalchemy import create_engine, text

    from app.db.migrate import open_dossier

    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS relance_template"))
        conn.execute(text("CREATE DATABASE relance_template"))
    template_url = admin.url.set(database="relance_template")
    template = create_engine(template_url)
    open_dossier(template)
    template.dispose()
    try:
        yield admin_url, admin
    finally:
        admin.dispose()
        if server is not None:
            server.stop()


def _pg_database(pg_template: tuple[str, object]) -> str:
    from sqlalchemy import text

    _admin_url, admin = pg_template
    name = f"relance_test_{os.getpid()}_{next(_counter)}"
    with admin.connect() as conn:  # type: ignore[attr-defined]
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE relance_template'))
    return admin.url.set(database=name).render_as_string(hide_password=False)  # type: ignore[attr-defined]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty dossier at head, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "test.relance")
    return _pg_database(request.getfixturevalue("pg_template"))


@pytest.fixture
def services(database_url: str, tmp_path: Path):
    """The application's services over a fresh dossier with a French company."""
    from app.bootstrap import build
    from app.paths import Paths
    from app.services.dossier import CompanySettings

    built = build(database_url, "en", Paths.under(tmp_path / "home"))
    built.dossier.init(CompanySettings(name="Atelier Dupont SARL", country="FR"))
    yield built
    built.close()


@pytest.fixture
def sqlite_services(tmp_path: Path):
    """SQLite only: for tests about the file itself (backup, upgrade, UI)."""
    from app.bootstrap import build
    from app.paths import Paths
    from app.services.dossier import CompanySettings

    built = build(str(tmp_path / "test.relance"), "en", Paths.under(tmp_path / "home"))
    built.dossier.init(CompanySettings(name="Atelier Dupont SARL", country="FR"))
    yield built
    built.close()
