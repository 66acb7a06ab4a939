"""File ▸ Print the day's letters: count, write with progress, open, mark as sent."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QMessageBox

from app.db.models import Client, Invoice
from app.ui.main_window import MainWindow

TODAY = date(2026, 11, 23)


def _complete_company(services) -> None:  # type: ignore[no-untyped-def]
    settings = services.dossier.settings()
    services.dossier.update(
        replace(
            settings,
            address="12 rue des Tanneurs",
            postcode="69002",
            city="Lyon",
            iban="FR7630006000011234567890189",
        )
    )


@pytest.fixture
def bare_window(qtbot, sqlite_services):  # type: ignore[no-untyped-def]
    """Letters due, and a company with neither address nor bank details."""
    with sqlite_services.uow() as uow:
        for n, name in enumerate(("Boulangerie Martin", "Garage Dupuis"), start=1):
            client = Client(
                code=f"C00{n}",
                name=name,
                address="3 rue des Lilas",
                postcode="69003",
                city="Lyon",
                preferred_channel="letter",
            )
            uow.session.add(client)
            uow.session.flush()
            uow.session.add(
                Invoice(
                    number=f"F{n}",
                    client_id=client.id,
                    issue_date=date(2026, 9, 1),
                    due_date=date(2026, 10, 15),
                    total=Decimal("1200.00"),
                )
            )
        uow.commit()
    win = MainWindow(sqlite_services)
    win.context.today = lambda: TODAY
    qtbot.addWidget(win)
    win.show()
    yield win
    win.tasks.wait()


@pytest.fixture
def window(bare_window):  # type: ignore[no-untyped-def]
    _complete_company(bare_window.services)
    return bare_window


def test_day_letters_written_then_marked_sent(qtbot, window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = window.print_letters()
    qtbot.waitUntil(lambda: dialog.write_button.isEnabled(), timeout=10000)
    assert "2 letter reminders are due" in dialog.summary.text()
    dialog.folder.setText(str(tmp_path))
    dialog.grab().save(str(tmp_path / "print_letters_before.png"))
    dialog.write_button.click()
    qtbot.waitUntil(lambda: dialog.batch is not None, timeout=30000)
    assert dialog.open_button.isVisible()
    assert dialog.sent_button.isEnabled()
    assert "2 letters written" in dialog.summary.text()
    printed = tmp_path / "2026-11-23_letters_to_print.pdf"
    assert len(PdfReader(printed).pages) >= 2
    assert (tmp_path / "2026-11-23_C001.pdf").exists()
    assert (tmp_path / "2026-11-23_C002.pdf").exists()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    published = []
    window.bus.changed.connect(published.append)
    dialog.sent_button.click()
    qtbot.waitUntil(lambda: bool(published), timeout=10000)
    assert published[-1].reminders
    assert len(published[-1].client_ids) == 2
    qtbot.waitUntil(lambda: "No letter is due" in dialog.summary.text(), timeout=10000)
    assert not dialog.write_button.isEnabled()
    assert window.services.letters.actions(TODAY) == []


def test_cancelled_confirmation_records_nothing(qtbot, window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = window.print_letters()
    qtbot.waitUntil(lambda: dialog.write_button.isEnabled(), timeout=10000)
    dialog.folder.setText(str(tmp_path))
    dialog.write_button.click()
    qtbot.waitUntil(lambda: dialog.batch is not None, timeout=30000)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog.sent_button.click()
    assert len(window.services.letters.actions(TODAY)) == 2


def test_empty_folder_is_refused_with_a_message(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = window.print_letters()
    qtbot.waitUntil(lambda: dialog.write_button.isEnabled(), timeout=10000)
    dialog.folder.setText("  ")
    dialog.write_button.click()
    assert "Choose the folder" in dialog.summary.text()


def test_missing_company_details_are_announced(qtbot, bare_window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = bare_window.print_letters()
    qtbot.waitUntil(lambda: dialog.write_button.isEnabled(), timeout=10000)
    qtbot.waitUntil(lambda: dialog.gaps_label.isVisible(), timeout=10000)
    assert "no address" in dialog.gaps_label.text()
    assert "no IBAN" in dialog.gaps_label.text()
    asked = []

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(args[2])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", refuse)
    dialog.folder.setText(str(tmp_path))
    dialog.write_button.click()
    assert "Write them anyway?" in asked[0]
    assert dialog.batch is None
    assert not list(tmp_path.glob("*.pdf"))  # nothing written


def test_complete_company_details_print_without_warning(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = window.print_letters()
    qtbot.waitUntil(lambda: dialog.write_button.isEnabled(), timeout=10000)
    qtbot.waitUntil(window.tasks.idle, timeout=10000)
    assert dialog.gaps == []
    assert not dialog.gaps_label.isVisible()
