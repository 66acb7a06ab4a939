"""Settings menu: company details (errors next to fields, nothing saved; then saved and printed
on letters) and the template editor (live preview, refused errors, save, restore)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from app.adapters.pdf.templates import user_root
from app.services.templates.editing import preview_letter, read_template
from app.ui.features.settings.company_dialog import CompanyDialog
from app.ui.features.settings.pdf_image import can_show_pdf
from app.ui.features.settings.templates_dialog import TemplatesDialog
from app.ui.main_window import MainWindow
from tests.adapters.pdf.helpers import flat, pdf_text

TODAY = date(2026, 12, 3)


@pytest.fixture
def window(qtbot, sqlite_services):  # type: ignore[no-untyped-def]
    win = MainWindow(sqlite_services)
    win.context.today = lambda: TODAY
    qtbot.addWidget(win)
    win.show()
    yield win
    win.tasks.wait()


def _menu_action(window, menu_title: str, text: str):  # type: ignore[no-untyped-def]
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == menu_title)
    return next(a for a in menu.actions() if a.text() == text)


def test_settings_menu_sits_between_file_and_view(window) -> None:  # type: ignore[no-untyped-def]
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("&Settings") == titles.index("&Edit") + 1 == titles.index("&File") + 2
    assert titles.index("&View") == titles.index("&Settings") + 1


def _open_company(qtbot, window) -> CompanyDialog:  # type: ignore[no-untyped-def]
    _menu_action(window, "&Settings", "&Company details…").trigger()
    dialog = window.findChild(CompanyDialog, "company_dialog")
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=10000)
    return dialog


def test_wrong_company_details_are_shown_and_not_saved(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    before = window.services.dossier.settings()
    dialog = _open_company(qtbot, window)
    dialog.iban.setText("FR76 3000 6000 0112 3456 7890 180")
    dialog.email.setText("compta@")
    dialog.legal_id.setText("123")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.errors.message("iban") != "", timeout=10000)
    assert "IBAN" in dialog.errors.message("iban")
    assert "email" in dialog.errors.message("email")
    assert "SIREN" in dialog.errors.message("legal_id")
    assert dialog.errors.message("name") == ""
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert window.services.dossier.settings() == before
    dialog.admin_fee_enabled.setChecked(True)
    dialog.admin_fee.setText("douze")
    dialog.save()
    assert "amount" in dialog.errors.message("admin_fee")


def test_company_details_saved_and_printed_on_letters(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), "darkgreen").save(logo)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(logo), ""))
    published = []
    window.bus.changed.connect(published.append)
    dialog = _open_company(qtbot, window)
    dialog.name.setText("Menuiserie Leroy SAS")
    dialog.address.setPlainText("8 avenue Jean Jaurès")
    dialog.postcode.setText("44000")
    dialog.city.setText("Nantes")
    dialog.legal_id.setText("832 450 910")
    dialog.vat_number.setText("FR54832450910")
    dialog.iban.setText("fr76 3000 6000 0112 3456 7890 189")
    dialog.bic.setText("AGRIFRPP")
    dialog.signatory.setText("Paul Leroy")
    dialog.signatory_title.setText("Président")
    dialog.choose_logo.click()
    assert not dialog.logo.pixmap().isNull()
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10000)
    assert published
    assert published[-1].settings
    saved = window.services.dossier.settings()
    assert saved.iban == "FR7630006000011234567890189"
    assert saved.signatory_title == "Président"
    assert Path(saved.logo_path).is_file()
    assert Path(saved.logo_path).parent != tmp_path
    text = read_template("letters", "fr", "reminder_1").text
    printed = flat(pdf_text(preview_letter(saved, "reminder_1", "fr", text, TODAY)))
    assert "Menuiserie Leroy SAS" in printed
    assert "FR76 3000 6000 0112 3456 7890 189" in printed


def _open_templates(qtbot, window) -> TemplatesDialog:  # type: ignore[no-untyped-def]
    _menu_action(window, "&Settings", "Letter and email &templates…").trigger()
    dialog = window.findChild(TemplatesDialog, "templates_dialog")
    qtbot.waitUntil(lambda: dialog.refreshed > 0, timeout=20000)
    return dialog


def test_template_edit_preview_save_and_restore(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_templates(qtbot, window)
    assert dialog.choice() == ("letters", "fr", "reminder_1")
    original = dialog.editor.toPlainText()
    first = dialog.preview.shown
    assert first is not None
    if can_show_pdf():
        assert first.image is not None
        assert not dialog.preview.page.pixmap().isNull()
    assert not dialog.save_button.isEnabled()
    assert not dialog.restore_button.isEnabled()

    wrong = original + "\nMerci, {client_nom}.\n"
    dialog.editor.setPlainText(wrong)
    qtbot.waitUntil(lambda: bool(dialog.problems), timeout=10000)
    line = wrong.split("\n").index("Merci, {client_nom}.") + 1
    assert dialog.problem_label.isVisible()
    assert dialog.problem_label.text() == f"Line {line}: Unknown placeholder {{client_nom}}"
    assert not dialog.save_button.isEnabled()
    dialog.save()
    assert not (user_root() / "letters" / "fr" / "reminder_1.txt").exists()

    dialog.editor.setPlainText(original + "\nMerci, {client_name}.\n")
    qtbot.waitUntil(
        lambda: not dialog.problems and dialog.preview.shown is not first, timeout=20000
    )
    assert not dialog.problem_label.isVisible()
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    own = user_root() / "letters" / "fr" / "reminder_1.txt"
    qtbot.waitUntil(own.exists, timeout=10000)
    qtbot.waitUntil(lambda: dialog.restore_button.isEnabled(), timeout=10000)
    assert "Merci, {client_name}." in own.read_text(encoding="utf-8")

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog.restore_button.click()
    assert own.exists()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.restore_button.click()
    qtbot.waitUntil(
        lambda: not own.exists() and dialog.editor.toPlainText() == original, timeout=10000
    )
    assert not dialog.restore_button.isEnabled()


def test_email_template_preview(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = _open_templates(qtbot, window)
    dialog.kind.setCurrentIndex(dialog.kind.findData("emails"))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    qtbot.waitUntil(
        lambda: (
            dialog.preview.currentIndex() == 1
            and dialog.refreshed == dialog.generation
            and "Reminder" in dialog.preview.subject.text()
        ),
        timeout=20000,
    )
    assert (
        "Harbour Street Bakery Ltd" in dialog.preview.body.toPlainText()
        or "Hello" in dialog.preview.body.toPlainText()
    )
    dialog.editor.setPlainText("Subject: Note for {client_code}\n\nDear {client_name},\n")
    qtbot.waitUntil(lambda: "Note for C042" in dialog.preview.subject.text(), timeout=20000)
    assert "Dear Harbour Street Bakery Ltd," in dialog.preview.body.toPlainText()
