"""A French window shows no English: every view and its dialogs, Qt's own dialogs too."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication

from app import i18n
from app.ui.main_window import MainWindow
from app.ui.views import VIEWS
from tests.ui.language_check import english_leaks, french_translator, visible_texts

AS_OF = date(2026, 11, 25)


@pytest.fixture
def french(sqlite_services, monkeypatch, qapp):  # type: ignore[no-untyped-def]
    """The demo in a French window: our catalogue and Qt's own, as the program loads them."""
    from app.ui.app import install_translators, remove_translators

    sqlite_services.demo.generate(clients=8, invoices=60, seed=4, as_of=AS_OF)
    translations = {"fr": french_translator(), "en": i18n.translator("en")}
    monkeypatch.setattr(i18n, "translator", translations.__getitem__)
    i18n.set_language("fr")
    installed = install_translators(qapp, "fr")
    yield sqlite_services
    remove_translators(qapp, installed)
    i18n.set_language("en")


def test_every_view_in_french_shows_no_english(qtbot, french) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(french)
    qtbot.addWidget(window)
    window.show()
    for index in range(len(VIEWS)):
        window.show_view(index)
        qtbot.waitUntil(window.tasks.idle, timeout=20000)
    assert "Tableau de bord" in visible_texts(window)
    assert english_leaks(window) == []
    window.tasks.wait()


def test_every_dialog_in_french_shows_no_english(qtbot, french) -> None:  # type: ignore[no-untyped-def]
    from app.ui.features.clients.dialogs import ClientDialog
    from app.ui.features.invoices.dialogs import InvoiceDialog
    from app.ui.features.payments.dialogs import PaymentDialog

    window = MainWindow(french)
    qtbot.addWidget(window)
    window.show()
    dialogs = [
        window.edit_company(),
        window.print_letters(),
        window.edit_rates(),
        window.edit_templates(),
        window._about(),
        ClientDialog(french, window.tasks, parent=window),
        InvoiceDialog(french, window.context, parent=window),
        PaymentDialog(french, window.context, parent=window),
    ]
    qtbot.waitUntil(window.tasks.idle, timeout=20000)
    leaks = {d.objectName() or type(d).__name__: english_leaks(d) for d in dialogs}
    assert {name: found for name, found in leaks.items() if found} == {}
    for dialog in dialogs:
        dialog.hide()
    window.tasks.wait()


def test_english_leaks_are_found(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    layout.addWidget(QLabel("Open balance"))
    layout.addWidget(QPushButton("Solde ouvert"))
    assert english_leaks(box) == ["Open balance"]


def test_qt_own_dialogs_speak_the_chosen_language(qapp) -> None:  # type: ignore[no-untyped-def]
    from app.ui.app import install_translators, remove_translators

    installed = install_translators(qapp, "fr")
    try:
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "Voir dans\xa0:"
        files = QCoreApplication.translate("QFileDialog", "Files of type:")
        assert files == "Fichiers de type\xa0:"
    finally:
        remove_translators(qapp, installed)
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Look in:"


def test_email_preview_keeps_bank_block_and_signature_apart(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTextBrowser

    from app.services.followup.documents import Preview
    from app.ui.features.reminders.dialogs import preview_html

    body = (
        "Bonjour,",
        "Virement à Atelier Dupont\nIBAN : FR76 3000 6000 0112 3456 7890 189\nBIC : AGRIFRPP",
        "Bien cordialement,",
        "Claire Dupont\nAtelier Dupont SARL",
    )
    preview = Preview("email", "Relance", ("Client",), "Relance", body, False)
    shown = QTextBrowser()
    qtbot.addWidget(shown)
    shown.setHtml(preview_html(preview))
    document = shown.document()
    paragraphs = [document.findBlockByNumber(i) for i in range(document.blockCount())]
    texts = [b.text().split("\u2028") for b in paragraphs if b.text()]
    # one paragraph each (a blank line's space between them), every line kept
    assert texts[1] == body[1].split("\n")
    assert texts[-1] == ["Claire Dupont", "Atelier Dupont SARL"]
    assert all(b.blockFormat().bottomMargin() > 0 for b in paragraphs if b.text())


def test_review_keys_follow_the_language(qtbot, french) -> None:  # type: ignore[no-untyped-def]
    from app.ui.features.reminders.action_bar import review_keys

    keys = review_keys()
    assert keys == {"preview": "V", "do": "F", "call": "A", "snooze": "R", "skip": "I"}
    window = MainWindow(french)
    qtbot.addWidget(window)
    review = window.views["reminders"].review
    assert {s.key().toString() for s in review.shortcuts} == set(keys.values())
    assert "F faire" in " ".join(visible_texts(review))
    window.tasks.wait()


def test_escape_on_a_filled_form_asks_first(qtbot, sqlite_services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from app.ui.features.clients.dialogs import ClientDialog
    from tests.ui.ledger_fixtures import make_context

    context = make_context()
    answers: list[QMessageBox.StandardButton] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    untouched = ClientDialog(sqlite_services, context.tasks)
    qtbot.addWidget(untouched)
    untouched.show()
    qtbot.keyClick(untouched, Qt.Key.Key_Escape)
    assert not untouched.isVisible()  # nothing typed: closed without a question

    dialog = ClientDialog(sqlite_services, context.tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Boulangerie Martin")
    answers.append(QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert dialog.name.text() == "Boulangerie Martin"
    answers.append(QMessageBox.StandardButton.Discard)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert answers == []
    context.tasks.wait()


def test_policy_table_shows_level_names_not_codes(qtbot, sqlite_services) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(sqlite_services)
    qtbot.addWidget(window)
    view = window.views["reminders"]
    view.set_mode("policies")
    table = view.policy_page.table
    model = table.model()
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10000)
    shown = [
        str(model.data(model.index(row, column)) or "")
        for row in range(model.rowCount())
        for column in range(model.columnCount())
        if not table.isColumnHidden(column)
    ]
    assert "First reminder" in shown
    assert not [text for text in shown if "_" in text]  # reminder_1, formal_notice…
    window.tasks.wait()
