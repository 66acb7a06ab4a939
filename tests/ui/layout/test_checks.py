"""The checks themselves find what they are meant to find (and nothing on a sound window)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tests.ui.layout.checks import clipped, other_language, problems


def _shown(qtbot, *widgets: QWidget, width: int = 400) -> QWidget:  # type: ignore[no-untyped-def]
    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    for widget in widgets:
        layout.addWidget(widget)
    box.show()
    box.resize(width, box.sizeHint().height())
    qtbot.waitExposed(box)
    return box


def test_a_sound_widget_passes(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = _shown(qtbot, QLabel("Solde"), QPushButton("&Ouvrir"), QCheckBox("Oui"))
    assert problems(box, "fr") == []


def test_cut_texts_are_found(qtbot) -> None:  # type: ignore[no-untyped-def]
    button = QPushButton("Ouvrir le fichier à imprimer")
    button.setFixedWidth(90)
    label = QLabel("Pays (droit des retards de paiement)")
    label.setFixedWidth(60)
    line = QLineEdit()
    line.setPlaceholderText("ex. : Atelier Dupont SARL")
    line.setFixedWidth(80)
    combo = QComboBox()
    combo.addItems(["Oui", "Factures partiellement réglées"])
    combo.setFixedWidth(90)
    wrapped = QLabel("Un très long avertissement " * 8)
    wrapped.setWordWrap(True)
    wrapped.setFixedSize(200, 20)
    found = "\n".join(clipped(_shown(qtbot, button, label, line, combo, wrapped)))
    assert "'Ouvrir le fichier à imprimer' needs" in found
    assert "'Pays (droit des retards de paiement)'" in found
    assert "clipped placeholder" in found
    assert "clipped item" in found
    assert "clipped height" in found
    assert "'Oui'" not in found  # the short item fits


def test_a_label_far_from_its_field_is_found(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = QWidget()
    form = QFormLayout(page)
    cell = QWidget()
    inner = QVBoxLayout(cell)
    inner.setContentsMargins(0, 0, 0, 0)
    address = QPlainTextEdit()
    address.setFixedHeight(40)
    inner.addWidget(address)
    cell.setMinimumHeight(200)  # a tall cell centres the box far below its label
    form.addRow("Adresse", cell)
    found = clipped(_shown(qtbot, page))
    assert any("label far from its field" in f and "'Adresse'" in f for f in found)


def test_each_language_finds_the_other(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = _shown(qtbot, QLabel("Open balance"), QPushButton("Solde ouvert"), QLabel("Date"))
    assert [f.split(" shows ")[1] for f in other_language(box, "fr")] == ["'Open balance'"]
    assert [f.split(" shows ")[1] for f in other_language(box, "en")] == ["'Solde ouvert'"]
