"""The client page produces the statement PDF and the collection file, and opens them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.ui.features.clients import documents as documents_module
from app.ui.features.clients.view import ClientsView
from tests.services.documents.fixtures import AS_OF, seed
from tests.ui.ledger_fixtures import make_context, settle


@pytest.fixture
def page(qtbot, sqlite_services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    seed(sqlite_services, tmp_path)
    opened: list[Path] = []
    monkeypatch.setattr(documents_module, "open_file", opened.append)
    context = make_context(AS_OF)
    view = ClientsView(sqlite_services, context)
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.show()
    settle(qtbot, context)
    row = next(r for r in range(view.model.rowCount()) if view.model.rows[r].code == "C001")
    view.table.setCurrentIndex(view.model.index(row, 0))
    view.open_current()
    settle(qtbot, context)
    yield view.detail, context, opened
    context.tasks.wait()


def _save_as(monkeypatch: pytest.MonkeyPatch, target: Path, asked: list[str]) -> None:
    def answer(_parent, title, suggested, _filters):  # type: ignore[no-untyped-def]
        asked.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)


def test_statement_button_writes_and_opens_the_pdf(qtbot, page, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    detail, context, opened = page
    asked: list[str] = []
    _save_as(monkeypatch, tmp_path / "releve", asked)  # the extension is added
    qtbot.mouseClick(detail.documents.buttons["statement"], Qt.MouseButton.LeftButton)
    settle(qtbot, context)
    target = tmp_path / "releve.pdf"
    assert asked == ["statement-C001-2026-11-22.pdf"]
    assert opened == [target]
    assert target.read_bytes().startswith(b"%PDF")
    assert context.errors == []
    detail.grab().save(str(tmp_path / "client-page.png"))


def test_collection_button_writes_the_zip_and_says_what_is_missing(
    qtbot, page, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    detail, context, opened = page
    _save_as(monkeypatch, tmp_path / "C001.zip", [])
    qtbot.mouseClick(detail.documents.buttons["dossier"], Qt.MouseButton.LeftButton)
    settle(qtbot, context)
    assert opened == [tmp_path / "C001.zip"]
    with zipfile.ZipFile(tmp_path / "C001.zip") as archive:
        assert {"cover.pdf", "statement.pdf", "SHA256SUMS"} <= set(archive.namelist())
    assert detail.documents.notice.isVisible()
    assert "MISSING.txt" in detail.documents.notice.text()
    assert detail.documents.buttons["dossier"].isEnabled()
