"""The first-run assistant walked like a new user, in French: wrong fields are named on their
page, the IBAN is checked as typed, the company is saved, then the first step is taken."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QWizard

from app import i18n
from app.bootstrap import build
from app.domain.filters import ClientFilter
from app.paths import Paths
from app.ui.features.firstrun.wizard import DEMO, FIRST_CLIENT, IMPORT, FirstRunWizard
from app.ui.main_window import MainWindow
from tests.ui.language_check import english_leaks, french_translator


@pytest.fixture
def fresh(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A new dossier with no company yet."""
    services = build(str(tmp_path / "new.relance"), "en", Paths.under(tmp_path / "home"))
    yield services
    services.close()


@pytest.fixture
def in_french(monkeypatch, qapp):  # type: ignore[no-untyped-def]
    """French as the program starts it: its catalogue and Qt's own (buttons of the wizard)."""
    from app.ui.app import install_translators, remove_translators

    translations = {"fr": french_translator(), "en": i18n.translator("en")}
    monkeypatch.setattr(i18n, "translator", translations.__getitem__)
    i18n.set_language("fr")
    installed = install_translators(qapp, "fr")
    yield
    remove_translators(qapp, installed)
    i18n.set_language("en")


def _wizard(qtbot, services, windows: list):  # type: ignore[no-untyped-def]
    def save(settings):  # type: ignore[no-untyped-def]
        services.dossier.init(settings)
        window = MainWindow(services)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    wizard = FirstRunWizard(save)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _next(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def _commit(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)


def _logo(tmp_path: Path) -> str:
    picture = QPixmap(240, 80)
    picture.fill(QColor("#1f618d"))
    path = tmp_path / "logo.png"
    assert picture.save(str(path))
    return str(path)


def test_walk_the_assistant_in_french(qtbot, fresh, in_french, tmp_path) -> None:  # type: ignore[no-untyped-def]
    windows: list = []
    wizard = _wizard(qtbot, fresh, windows)
    identity = wizard.identity
    assert identity.legal_id_label.text() == "SIRET"
    assert english_leaks(wizard) == []
    wizard.grab().save(str(tmp_path / "first-run-fr.png"))
    qtbot.keyClicks(identity.name, "Atelier Dupont SARL")
    qtbot.keyClicks(identity.legal_id, "123")
    _next(qtbot, wizard)
    assert wizard.currentPage() is identity  # the wrong SIRET keeps the page
    assert "SIRET" in identity.errors.message("legal_id")
    identity.legal_id.setText("732 829 320 00074")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.address

    address = wizard.address
    address.address.setPlainText("12 rue des Tanneurs")
    qtbot.keyClicks(address.postcode, "6900")
    qtbot.keyClicks(address.city, "Lyon")
    _next(qtbot, wizard)
    assert wizard.currentPage() is address
    assert "5" in address.errors.message("postcode")
    address.postcode.setText("69002")
    _next(qtbot, wizard)

    bank = wizard.bank
    qtbot.keyClicks(bank.iban, "FR76 3000 6000 0112 3456 7890 18")
    assert bank.iban_status.text() == "IBAN pas encore valide"
    qtbot.keyClicks(bank.iban, "9")
    assert bank.iban_status.text().startswith("IBAN valide")
    assert bank.bic.text() == "AGRIFRPPXXX"  # offered from the bank registry
    qtbot.keyClicks(bank.signatory, "Claire Dupont")
    _next(qtbot, wizard)

    wizard.logo.set_logo(_logo(tmp_path))
    _next(qtbot, wizard)

    rules = wizard.rules
    assert "L441-10" in rules.rules.text()
    assert not rules.damages_clause.isVisible()
    rules.terms.setValue(75)
    assert rules.terms_hint.isVisible()  # over the French 60 days
    rules.terms.setValue(45)
    assert not fresh.dossier.is_initialised()
    _commit(qtbot, wizard)
    assert wizard.currentPage() is wizard.next_step
    saved = fresh.dossier.settings()
    assert saved.name == "Atelier Dupont SARL"
    assert saved.legal_id == "73282932000074"
    assert saved.iban == "FR7630006000011234567890189"
    assert saved.bic == "AGRIFRPPXXX"
    assert (saved.postcode, saved.city, saved.terms_days) == ("69002", "Lyon", 45)
    assert saved.address == "12 rue des Tanneurs"
    assert Path(saved.logo_path).is_file()
    assert Path(saved.logo_path).name.startswith("logo-")
    assert saved.language == "fr"

    choices = wizard.next_step.choices
    has_import = getattr(windows[0], "action_import", None) is not None
    assert choices[IMPORT].isVisibleTo(wizard) == has_import
    assert choices[FIRST_CLIENT].isVisibleTo(wizard)
    assert choices[DEMO].isVisibleTo(wizard)
    assert english_leaks(wizard) == []
    choices[FIRST_CLIENT].setChecked(True)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.choice() == FIRST_CLIENT
    assert wizard.window_built is windows[0]
    windows[0].tasks.wait()


def test_belgian_company_is_asked_its_bce_number(qtbot, fresh) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, fresh, [])
    identity = wizard.identity
    identity.country.setCurrentIndex(identity.country.findData("BE"))
    assert identity.legal_id_label.text() == "Enterprise number (BCE)"
    assert identity.registry_label.text() == "RPM court"
    assert "SRL" in [identity.legal_form.itemText(i) for i in range(identity.legal_form.count())]
    identity.name.setText("Atelier Dupont SRL")
    identity.legal_id.setText("0123.456.749")
    for _page in range(4):
        _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.rules
    assert "2 August 2002" in wizard.rules.rules.text()
    assert wizard.rules.damages_clause.isVisible()


def test_cancel_before_saving_leaves_the_dossier_without_company(qtbot, fresh) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, fresh, [])
    wizard.identity.name.setText("Atelier Dupont")
    _next(qtbot, wizard)
    wizard.reject()
    assert wizard.window_built is None
    assert wizard.choice() is None
    assert not fresh.dossier.is_initialised()


def test_the_first_step_opens_a_new_client(qtbot, sqlite_services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.ui.features.clients.view import ClientsView
    from app.ui.features.firstrun.start import start

    window = MainWindow(sqlite_services)
    qtbot.addWidget(window)
    opened = []
    monkeypatch.setattr(ClientsView, "new_client", lambda self: opened.append(self))
    start(window, FIRST_CLIENT, lambda: None)
    assert window.current_view_key() == "clients"
    assert opened == [window.views["clients"]]
    demo = []
    start(window, DEMO, lambda: demo.append(True))
    assert demo == [True]
    window.tasks.wait()


def test_the_demo_opens_in_its_own_dossier(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.features.firstrun.start import open_demo

    paths = Paths.under(tmp_path / "home").ensure()
    opened: list[str] = []
    open_demo(paths, "en", opened.append)
    assert opened == [str(paths.demo_dossier)]
    demo = build(opened[0], "en", paths)
    try:
        assert demo.dossier.is_initialised()
        assert demo.clients.count(ClientFilter()) > 0  # filled with the demo's clients
    finally:
        demo.close()
    open_demo(paths, "en", opened.append)  # the second time it is only opened
    assert opened == [str(paths.demo_dossier)] * 2
