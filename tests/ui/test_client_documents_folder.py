"""On a PostgreSQL dossier without a shared documents folder the client page says, once, that
the documents sent stay on this computer; on SQLite, or with a shared folder, it says nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from app.ui.features.clients.view import ClientsView
from tests.services.documents.fixtures import AS_OF, seed
from tests.ui.ledger_fixtures import make_context, settle


def _page(qtbot, services):  # type: ignore[no-untyped-def]
    context = make_context(AS_OF)
    view = ClientsView(services, context)
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.show()
    settle(qtbot, context)
    row = next(r for r in range(view.model.rowCount()) if view.model.rows[r].code == "C001")
    view.table.setCurrentIndex(view.model.index(row, 0))
    view.open_current()
    settle(qtbot, context)
    return view, context


def test_warning_only_on_postgresql_without_shared_folder(qtbot, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(services, tmp_path)
    view, context = _page(qtbot, services)
    notice = view.detail.documents.notice
    on_postgres = services.url.get_backend_name() == "postgresql"
    assert notice.isVisible() == on_postgres
    if on_postgres:
        assert "Settings ▸ Company details" in notice.text()
        view.grab().save("/tmp/office2_warning.png")
    context.tasks.wait()


def test_no_warning_with_a_shared_folder(qtbot, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(services, tmp_path)
    settings = services.dossier.settings()
    services.dossier.update(dataclasses.replace(settings, documents_folder=str(tmp_path / "s")))
    view, context = _page(qtbot, services)
    assert not view.detail.documents.notice.isVisible()
    context.tasks.wait()
