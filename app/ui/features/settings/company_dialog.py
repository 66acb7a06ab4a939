"""Settings ▸ Company details: what the letterhead, the bank block and the signature print.

The service checks every field (app.services.company_details); problems appear next to them.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.adapters.pdf.formatting import group_iban
from app.domain.errors import InvalidInput, Problem
from app.i18n import _, format_money
from app.services.claims.fees import default_admin_fee
from app.services.company_details import CURRENCIES
from app.services.dossier import CompanySettings
from app.ui.changes import Changes
from app.ui.context import ViewContext
from app.ui.widgets.dialogs import ServiceDialog
from app.ui.widgets.fit import check_row, fit_placeholder
from app.ui.widgets.forms import AmountEdit, parse_field
from app.ui.widgets.legal import legal_id_label, legal_id_placeholder

LOGO_SIZE = (160, 64)
LEGAL_FORMS = {
    "FR": ("SARL", "SAS", "SASU", "EURL", "SA", "SNC", "EI"),
    "BE": ("SRL", "SA", "SC", "SNC", "SComm"),
}


class CompanyDialog(ServiceDialog):
    def __init__(
        self,
        dossier: Any,
        context: ViewContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context.tasks, _("Company details"), parent)
        self.setObjectName("company_dialog")
        self.dossier = dossier
        self.context = context
        self.current: CompanySettings | None = None
        self.saved: CompanySettings | None = None
        self.resize(880, 0)  # at least; the layout asks for more with longer words
        intro = QLabel(
            _(
                "Printed on the letterhead, the bank details and the signature of "
                "every letter and email."
            )
        )
        intro.setWordWrap(True)
        self.body.addWidget(intro)
        columns = QHBoxLayout()
        columns.addWidget(self._company_box(), 1)
        columns.addWidget(self._letters_box(), 1)
        self.body.addLayout(columns)
        self.buttons.setEnabled(False)
        self.tasks.run(dossier.settings, self._fill, self._load_failed)

    def _company_box(self) -> QGroupBox:
        box = QGroupBox(_("Company"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # large text: label above
        self.name = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setPlaceholderText(_("Street, building… (one line each)"))
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.postcode = QLineEdit()
        self.postcode.setMaximumWidth(90)
        self.city = QLineEdit()
        self.country = QComboBox()
        self.country.addItem(_("France"), "FR")
        self.country.addItem(_("Belgium"), "BE")
        self.country.currentIndexChanged.connect(self._country_changed)
        self.legal_id = QLineEdit()
        self.vat_number = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.legal_form = QComboBox()
        self.legal_form.setEditable(True)
        self.share_capital = AmountEdit()
        self.share_capital.setMaximumWidth(160)
        self.registry_city = QLineEdit()
        self.registry_label = QLabel()
        add = self.errors.add_row
        add(form, _("Name"), self.name, "name")
        add(form, _("Address"), self.address, "address")
        add(form, _("Postcode"), self.postcode, "postcode")
        add(form, _("City"), self.city, "city")
        add(form, _("Country (late-payment law)"), self.country, "country")
        self.legal_id_label = QLabel(legal_id_label("FR"))
        add(form, self.legal_id_label, self.legal_id, "legal_id")
        add(form, _("VAT number"), self.vat_number, "vat_number")
        add(form, _("Legal form"), self.legal_form, "legal_form")
        add(form, _("Share capital"), self.share_capital, "share_capital")
        add(form, self.registry_label, self.registry_city, "registry_city")
        add(form, _("Phone"), self.phone, "phone")
        add(form, _("Email"), self.email, "email")
        return box

    def _letters_box(self) -> QGroupBox:
        box = QGroupBox(_("Bank and letters"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # large text: label above
        self.iban = QLineEdit()
        self.iban.setPlaceholderText("FR76 3000 6000 0112 3456 7890 189")
        self.bic = QLineEdit()
        self.bic.setMaximumWidth(160)
        self.logo_path = ""
        self.logo = QLabel()
        self.logo.setObjectName("logo_thumbnail")
        self.logo.setFixedSize(*LOGO_SIZE)
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo.setStyleSheet("border: 1px solid palette(mid);")
        self.choose_logo = QPushButton(_("Choose…"))
        self.choose_logo.clicked.connect(self._choose_logo)
        self.remove_logo = QPushButton(_("Remove"))
        self.remove_logo.clicked.connect(lambda: self.set_logo(""))
        logo_row = QWidget()
        row = QHBoxLayout(logo_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.logo)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_logo)
        buttons.addWidget(self.remove_logo)
        buttons.addStretch(1)
        row.addLayout(buttons)
        row.addStretch(1)
        self.signatory = QLineEdit()
        self.signatory.setPlaceholderText(_("e.g. Claire Dupont"))
        self.signatory_title = QLineEdit()
        self.signatory_title.setPlaceholderText(_("e.g. Managing director"))
        self.language = QComboBox()
        self.language.addItem(_("French"), "fr")
        self.language.addItem(_("English"), "en")
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(CURRENCIES)
        self.currency.setMaximumWidth(100)
        self.admin_fee_enabled = QCheckBox()
        self.admin_fee = AmountEdit()
        self.admin_fee.setMaximumWidth(120)
        self.admin_fee.setToolTip(
            _("0 uses the default fee ({amount})").format(
                amount=format_money(default_admin_fee(), "EUR")
            )
        )
        self.admin_fee_enabled.toggled.connect(self.admin_fee.setEnabled)
        self.damages_clause = QCheckBox()
        self.damages_clause.setToolTip(
            _(
                "Without that clause a Belgian consumer owes no fixed damages and no "
                "reminder costs: the claim leaves them out."
            )
        )
        self.documents_folder = QLineEdit()
        self.documents_folder.setPlaceholderText(_("This computer's data folder"))
        self.documents_folder.setToolTip(
            _(
                "A folder every user of the dossier can reach (a network share): the letters "
                "and emails sent are kept there, one folder per client."
            )
        )
        self.choose_documents = QPushButton(_("Choose…"))
        self.choose_documents.clicked.connect(self._choose_documents)
        documents_row = QWidget()
        documents = QHBoxLayout(documents_row)
        documents.setContentsMargins(0, 0, 0, 0)
        documents.addWidget(self.documents_folder, 1)
        documents.addWidget(self.choose_documents)
        add = self.errors.add_row
        add(form, _("IBAN"), self.iban, "iban")
        add(form, _("BIC"), self.bic, "bic")
        add(form, _("Logo"), logo_row, "logo")
        add(form, _("Signed by"), self.signatory, "signatory")
        add(form, _("Title"), self.signatory_title, "signatory_title")
        add(form, _("Letters written in"), self.language, "language")
        add(form, _("Currency"), self.currency, "currency")
        form.addRow(
            check_row(self.admin_fee_enabled, _("Add an administrative fee to formal reminders"))
        )
        add(form, _("Fee amount"), self.admin_fee, "admin_fee")
        form.addRow(
            check_row(
                self.damages_clause,
                _("Our terms of sale stipulate the damages of CDE art. XIX.4 (Belgian consumers)"),
            )
        )
        add(form, _("Documents sent kept in"), documents_row, "documents_folder")
        return box

    def _fill(self, settings: CompanySettings) -> None:
        self.current = settings
        self.name.setText(settings.name)
        self.address.setPlainText(settings.address)
        self.postcode.setText(settings.postcode)
        self.city.setText(settings.city)
        self.country.setCurrentIndex(max(self.country.findData(settings.country), 0))
        self.legal_id.setText(settings.legal_id)
        self.vat_number.setText(settings.vat_number)
        self.phone.setText(settings.phone)
        self.email.setText(settings.email)
        self.iban.setText(group_iban(settings.iban))
        self.bic.setText(settings.bic)
        self.set_logo(settings.logo_path)
        self.signatory.setText(settings.signatory)
        self.signatory_title.setText(settings.signatory_title)
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.currency.setCurrentText(settings.currency)
        self.admin_fee_enabled.setChecked(settings.admin_fee_enabled)
        self.admin_fee.setEnabled(settings.admin_fee_enabled)
        self.admin_fee.set_value(settings.admin_fee)
        self.damages_clause.setChecked(settings.consumer_damages_clause)
        self._country_changed()
        self.legal_form.setCurrentText(settings.legal_form)
        self.share_capital.set_value(settings.share_capital)
        self.registry_city.setText(settings.registry_city)
        self.documents_folder.setText(settings.documents_folder)
        self.buttons.setEnabled(True)

    def on_failed(self, error: Exception) -> None:
        self.adjustSize()  # room for the messages under the fields

    def _load_failed(self, error: Exception) -> None:
        self.errors.show(error)

    def _country_changed(self) -> None:
        belgian = self.country.currentData() == "BE"
        country = "BE" if belgian else "FR"
        self.legal_id_label.setText(legal_id_label(country))
        self.legal_id.setPlaceholderText(legal_id_placeholder(country))
        self.vat_number.setPlaceholderText("BE0123456749" if belgian else "FR12123456789")
        fit_placeholder(self.legal_id)
        fit_placeholder(self.vat_number)
        typed = self.legal_form.currentText()
        self.legal_form.clear()
        self.legal_form.addItems(LEGAL_FORMS["BE" if belgian else "FR"])
        self.legal_form.setCurrentText(typed)
        self.registry_label.setText(_("RPM court") if belgian else _("RCS city"))
        self.registry_city.setPlaceholderText(
            _("e.g. Bruxelles, or Liège, division Namur") if belgian else _("e.g. Lyon")
        )
        self.share_capital.setEnabled(not belgian)
        self.damages_clause.setEnabled(belgian)

    def set_logo(self, path: str) -> None:
        """Show the thumbnail; the file is copied into the settings folder when saved."""
        self.logo_path = path
        picture = QPixmap(path) if path else QPixmap()
        if picture.isNull():
            self.logo.setPixmap(QPixmap())
            self.logo.setText(_("(unreadable)") if path else _("No logo"))
        else:
            self.logo.setPixmap(
                picture.scaled(
                    self.logo.size().shrunkBy(self.logo.contentsMargins()) * 0.95,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.remove_logo.setEnabled(bool(path))

    def _choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the logo"), "", _("Pictures (*.png *.jpg *.jpeg)")
        )
        if path:
            self.set_logo(path)

    def _choose_documents(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, _("Folder shared by the users of the dossier"), self.documents_folder.text()
        )
        if path:
            self.documents_folder.setText(path)

    def edited(self) -> tuple[CompanySettings | None, list[Problem]]:
        """The settings as typed, and what cannot even be read (the amount)."""
        problems: list[Problem] = []
        fee = parse_field(self.admin_fee, "admin_fee", problems)
        capital = parse_field(self.share_capital, "share_capital", problems)
        belgian = self.country.currentData() == "BE"
        if self.current is None:
            return None, problems
        return replace(
            self.current,
            name=self.name.text(),
            address=self.address.toPlainText(),
            postcode=self.postcode.text(),
            city=self.city.text(),
            country=self.country.currentData(),
            legal_id=self.legal_id.text(),
            vat_number=self.vat_number.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            iban=self.iban.text(),
            bic=self.bic.text(),
            logo_path=self.logo_path,
            signatory=self.signatory.text(),
            signatory_title=self.signatory_title.text(),
            language=self.language.currentData(),
            currency=self.currency.currentText().strip().upper(),
            admin_fee_enabled=self.admin_fee_enabled.isChecked(),
            admin_fee=fee if fee is not None else Decimal("0.00"),
            legal_form=self.legal_form.currentText().strip(),
            share_capital=None if belgian else capital,
            registry_city=self.registry_city.text(),
            consumer_damages_clause=belgian and self.damages_clause.isChecked(),
            documents_folder=self.documents_folder.text().strip(),
        ), problems

    def save(self) -> None:
        settings, problems = self.edited()
        if problems:
            self.errors.show(InvalidInput(problems))
            self.adjustSize()
            return
        if settings is None:
            return
        self.submit(lambda: self.dossier.update_company(settings), self._saved)

    def _saved(self, settings: CompanySettings) -> None:
        self.saved = settings
        self.context.currency = settings.currency
        self.context.bus.publish(Changes(settings=True))
