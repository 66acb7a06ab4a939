"""The first-run assistant's pages: each holds some company fields, shows the problems of its
own fields (checked by the same rules as Settings ▸ Company details) and fills the settings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.domain.validation import Invalid, bank_of_iban, check_iban
from app.i18n import _
from app.services.company_details import CURRENCIES
from app.ui.features.settings.company_dialog import LEGAL_FORMS, LOGO_SIZE
from app.ui.theme import set_tone
from app.ui.widgets.fit import fit_placeholder
from app.ui.widgets.forms import FieldErrors
from app.ui.widgets.legal import legal_id_label, legal_id_placeholder


class FormPage(QWizardPage):
    """A page of fields; `columns` are the settings fields whose problems it shows."""

    columns: tuple[str, ...] = ()

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.general = QLabel()
        self.errors = FieldErrors(self.general)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.general)

    def fill(self, values: dict[str, Any]) -> None:
        """Put this page's values into the settings being built."""

    def validatePage(self) -> bool:
        wizard: Any = self.wizard()
        return bool(wizard.check(self))


class IdentityPage(FormPage):
    columns = ("name", "country", "legal_form", "legal_id", "vat_number", "registry_city")

    def __init__(self) -> None:
        super().__init__(
            _("Your company"),
            _("The name and legal identifiers printed on every letter you send."),
        )
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Atelier Dupont SARL"))
        self.country = QComboBox()
        self.country.addItem(_("France"), "FR")
        self.country.addItem(_("Belgium"), "BE")
        self.legal_form = QComboBox()
        self.legal_form.setEditable(True)
        self.legal_id = QLineEdit()
        self.legal_id_label = QLabel()
        self.vat_number = QLineEdit()
        self.registry_city = QLineEdit()
        self.registry_label = QLabel()
        add = self.errors.add_row
        add(self.form, _("Company name"), self.name, "name")
        add(self.form, _("Country (late-payment law)"), self.country, "country")
        add(self.form, _("Legal form"), self.legal_form, "legal_form")
        add(self.form, self.legal_id_label, self.legal_id, "legal_id")
        add(self.form, _("VAT number"), self.vat_number, "vat_number")
        add(self.form, self.registry_label, self.registry_city, "registry_city")
        self.country.currentIndexChanged.connect(self.country_changed)
        self.registerField("name*", self.name)
        self.country_changed()

    def country_changed(self) -> None:
        country = self.country.currentData()
        belgian = country == "BE"
        self.legal_id_label.setText(legal_id_label(country))
        self.legal_id.setPlaceholderText(legal_id_placeholder(country))
        self.vat_number.setPlaceholderText("BE0123456749" if belgian else "FR12123456789")
        fit_placeholder(self.legal_id)
        fit_placeholder(self.vat_number)
        typed = self.legal_form.currentText()
        self.legal_form.clear()
        self.legal_form.addItems(LEGAL_FORMS[country])
        self.legal_form.setCurrentText(typed)
        self.registry_label.setText(_("RPM court") if belgian else _("RCS city"))

    def fill(self, values: dict[str, Any]) -> None:
        values.update(
            name=self.name.text(),
            country=self.country.currentData(),
            legal_form=self.legal_form.currentText(),
            legal_id=self.legal_id.text(),
            vat_number=self.vat_number.text(),
            registry_city=self.registry_city.text(),
        )


class AddressPage(FormPage):
    columns = ("address", "postcode", "city", "phone", "email")

    def __init__(self) -> None:
        super().__init__(
            _("Address and contact"),
            _("The letterhead of your letters, and where clients reply."),
        )
        self.address = QPlainTextEdit()
        self.address.setPlaceholderText(_("Street, building… (one line each)"))
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.postcode = QLineEdit()
        self.postcode.setMaximumWidth(100)
        self.city = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.email.setPlaceholderText(_("e.g. compta@atelier-dupont.fr"))
        add = self.errors.add_row
        add(self.form, _("Address"), self.address, "address")
        add(self.form, _("Postcode"), self.postcode, "postcode")
        add(self.form, _("City"), self.city, "city")
        add(self.form, _("Phone"), self.phone, "phone")
        add(self.form, _("Email"), self.email, "email")

    def fill(self, values: dict[str, Any]) -> None:
        values.update(
            address=self.address.toPlainText(),
            postcode=self.postcode.text(),
            city=self.city.text(),
            phone=self.phone.text(),
            email=self.email.text(),
        )


class BankPage(FormPage):
    columns = ("iban", "bic", "signatory", "signatory_title")

    def __init__(self) -> None:
        super().__init__(
            _("Bank details and signature"),
            _("Reminders ask for a transfer to this account; leave it empty to add it later."),
        )
        self.iban = QLineEdit()
        self.iban.setPlaceholderText("FR76 3000 6000 0112 3456 7890 189")
        self.iban_status = QLabel()
        self.iban_status.setObjectName("iban_status")
        self.iban_status.setWordWrap(True)
        self.bic = QLineEdit()
        self.bic.setMaximumWidth(160)
        self.signatory = QLineEdit()
        self.signatory.setPlaceholderText(_("e.g. Claire Dupont"))
        self.signatory_title = QLineEdit()
        self.signatory_title.setPlaceholderText(_("e.g. Managing director"))
        add = self.errors.add_row
        add(self.form, _("IBAN"), self.iban, "iban")
        self.form.addRow("", self.iban_status)
        add(self.form, _("BIC"), self.bic, "bic")
        add(self.form, _("Signed by"), self.signatory, "signatory")
        add(self.form, _("Title"), self.signatory_title, "signatory_title")
        self.iban.textChanged.connect(self.iban_typed)

    def iban_typed(self, text: str) -> None:
        """Say at once whether the IBAN is valid, and offer its bank's BIC."""
        if not text.strip():
            self.iban_status.clear()
            return
        try:
            check_iban(text)
        except Invalid:
            set_tone(self.iban_status, "dispute")
            self.iban_status.setText(_("Not a valid IBAN yet"))
            return
        bic, bank = bank_of_iban(text)
        set_tone(self.iban_status, "success")
        self.iban_status.setText(
            _("Valid IBAN — {bank}").format(bank=bank) if bank else _("Valid IBAN")
        )
        if bic and not self.bic.text().strip():
            self.bic.setText(bic)

    def fill(self, values: dict[str, Any]) -> None:
        values.update(
            iban=self.iban.text(),
            bic=self.bic.text(),
            signatory=self.signatory.text(),
            signatory_title=self.signatory_title.text(),
        )


class LogoPage(FormPage):
    columns = ("logo",)

    def __init__(self) -> None:
        super().__init__(
            _("Logo"),
            _("A PNG or JPEG picture printed at the top of your letters (optional)."),
        )
        self.path = ""
        self.picture = QLabel()
        self.picture.setObjectName("logo_thumbnail")
        self.picture.setFixedSize(LOGO_SIZE[0] * 2, LOGO_SIZE[1] * 2)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setStyleSheet("border: 1px solid palette(mid);")
        self.choose = QPushButton(_("Choose…"))
        self.choose.clicked.connect(self._choose)
        self.remove = QPushButton(_("Remove"))
        self.remove.clicked.connect(lambda: self.set_logo(""))
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.picture)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        line.addLayout(buttons)
        line.addStretch(1)
        self.errors.add_row(self.form, _("Logo"), row, "logo")
        self.set_logo("")

    def set_logo(self, path: str) -> None:
        self.path = path
        picture = QPixmap(path) if path else QPixmap()
        if picture.isNull():
            self.picture.setPixmap(QPixmap())
            self.picture.setText(_("(unreadable)") if path else _("No logo"))
        else:
            self.picture.setPixmap(
                picture.scaled(
                    self.picture.size() * 0.95,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.remove.setEnabled(bool(path))

    def _choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the logo"), "", _("Pictures (*.png *.jpg *.jpeg)")
        )
        if path:
            self.set_logo(path)

    def fill(self, values: dict[str, Any]) -> None:
        values.update(logo_path=self.path)


class RulesPage(FormPage):
    """The country's late-payment rules in two sentences, and the company's own terms."""

    columns = ("terms_days", "currency", "language")

    def __init__(self, identity: IdentityPage) -> None:
        super().__init__(
            _("Rules and payment terms"),
            _("What your reminders may claim, and the terms given to clients by default."),
        )
        self.identity = identity
        self.rules = QLabel()
        self.rules.setObjectName("country_rules")
        self.rules.setWordWrap(True)
        self.rules.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow(self.rules)
        self.terms = QSpinBox()
        self.terms.setRange(0, 120)
        self.terms.setValue(30)
        self.terms.setSuffix(_(" days"))
        self.terms.setMaximumWidth(140)
        self.terms_hint = QLabel()
        self.terms_hint.setWordWrap(True)
        set_tone(self.terms_hint, "dispute")
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(CURRENCIES)
        self.currency.setMaximumWidth(120)
        self.language = QComboBox()
        self.language.setMaximumWidth(200)
        self.language.addItem(_("French"), "fr")
        self.language.addItem(_("English"), "en")
        self.damages_clause = QCheckBox(
            _("Our terms of sale stipulate the damages of CDE art. XIX.4 (Belgian consumers)")
        )
        add = self.errors.add_row
        add(self.form, _("Payment terms"), self.terms, "terms_days")
        self.form.addRow("", self.terms_hint)
        add(self.form, _("Currency"), self.currency, "currency")
        add(self.form, _("Letters written in"), self.language, "language")
        self.form.addRow(self.damages_clause)
        self.terms.valueChanged.connect(lambda _v: self.initializePage())
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("Save the company"))

    def initializePage(self) -> None:
        belgian = self.identity.country.currentData() == "BE"
        self.rules.setText(
            _(
                "Belgium (law of 2 August 2002): late interest at the reference rate plus 8 "
                "points and a €40 recovery indemnity per invoice between businesses. "
                "Consumers (Code of Economic Law, book XIX): the first reminder is free, "
                "then 14 days to pay before any cost or interest."
            )
            if belgian
            else _(
                "France (Code de commerce L441-10): late interest at the ECB rate plus 10 "
                "points and a €40 recovery indemnity per invoice between businesses; payment "
                "terms of at most 60 days from the invoice date."
            )
        )
        self.damages_clause.setVisible(belgian)
        too_long = not belgian and self.terms.value() > 60
        self.terms_hint.setText(
            _("Over the 60 days French law allows between businesses") if too_long else ""
        )
        self.terms_hint.setVisible(too_long)

    def fill(self, values: dict[str, Any]) -> None:
        values.update(
            terms_days=self.terms.value(),
            currency=self.currency.currentText(),
            language=self.language.currentData(),
            consumer_damages_clause=self.damages_clause.isChecked()
            and self.identity.country.currentData() == "BE",
        )
