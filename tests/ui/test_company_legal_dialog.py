"""Settings ▸ Company details: legal mentions and the Belgian consumer damages clause."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtWidgets import QDialog

from app.ui.features.settings.company_dialog import CompanyDialog
from app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, sqlite_services):  # type: ignore[no-untyped-def]
    win = MainWindow(sqlite_services)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.tasks.wait()


def _open(qtbot, window) -> CompanyDialog:  # type: ignore[no-untyped-def]
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Settings")
    next(a for a in menu.actions() if a.text() == "&Company details…").trigger()
    dialog = window.findChild(CompanyDialog, "company_dialog")
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=10000)
    return dialog


def test_french_legal_mentions_typed_and_saved(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, window)
    assert dialog.registry_label.text() == "RCS city"
    assert not dialog.damages_clause.isEnabled()
    assert "10.00" in dialog.admin_fee.toolTip()  # the one default figure
    dialog.legal_id.setText("552 100 554")
    dialog.legal_form.setCurrentText("SAS")
    dialog.share_capital.setText("10 000")
    dialog.registry_city.setText("")
    dialog.legal_id.setText("")
    dialog.registry_city.setText("Lyon")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.errors.message("registry_city") != "", timeout=10000)
    assert "SIREN" in dialog.errors.message("registry_city")
    dialog.legal_id.setText("552 100 554")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10000)
    dialog.grab().save(str(tmp_path / "company.png"))
    saved = window.services.dossier.settings()
    assert (saved.legal_form, saved.share_capital, saved.registry_city) == (
        "SAS",
        Decimal("10000.00"),
        "Lyon",
    )


def test_belgian_court_and_damages_clause(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, window)
    dialog.country.setCurrentIndex(dialog.country.findData("BE"))
    assert dialog.registry_label.text() == "RPM court"
    assert dialog.damages_clause.isEnabled()
    assert not dialog.share_capital.isEnabled()
    dialog.postcode.setText("1050")
    dialog.legal_id.setText("0403.170.701")
    dialog.legal_form.setCurrentText("SRL")
    dialog.registry_city.setText("Bruxelles")
    dialog.damages_clause.setChecked(True)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10000)
    saved = window.services.dossier.settings()
    assert (saved.legal_id, saved.registry_city, saved.consumer_damages_clause) == (
        "0403170701",
        "Bruxelles",
        True,
    )


def test_shared_documents_folder_typed_and_saved(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, window)
    assert dialog.documents_folder.text() == ""
    dialog.documents_folder.setText("relative/folder")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.errors.message("documents_folder") != "", timeout=10000)
    dialog.documents_folder.setText(str(tmp_path / "shared"))
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10000)
    assert window.services.dossier.settings().documents_folder == str(tmp_path / "shared")
    dialog = _open(qtbot, window)
    assert dialog.documents_folder.text() == str(tmp_path / "shared")
    dialog.resize(dialog.sizeHint())
    dialog.grab().save("/tmp/office2_company.png")
