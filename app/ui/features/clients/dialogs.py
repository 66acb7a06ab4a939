"""Create or edit a client: identity, address and ids, terms and follow-up, contacts."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from babel import Locale
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import InvalidInput, Problem
from app.domain.terms import parse_terms
from app.i18n import _, babel_locale
from app.services.followup.client_policy import PolicyOptions
from app.services.ledger.client_validation import terms_warning
from app.services.ledger.clients import ClientData, ContactData
from app.ui.features.clients.model import CHANNELS, TYPES
from app.ui.needs import LedgerNeeds
from app.ui.tasks import TaskRunner
from app.ui.theme import set_tone
from app.ui.widgets.dialogs import ServiceDialog
from app.ui.widgets.forms import AmountEdit, parse_field
from app.ui.widgets.legal import legal_id_label
from app.ui.widgets.tables import fit_titles, scaled

LANGUAGE_NAMES = {"fr": "Français", "en": "English", "nl": "Nederlands", "de": "Deutsch"}
TERMS_SUGGESTIONS = ("30", "45", "60", "45 eom", "30 eom", "0")
CONTACT_COLUMNS = ("name", "role", "email", "phone")


def countries() -> list[tuple[str, str]]:
    """(code, name) with France and Belgium first, then every country by name."""
    names = Locale.parse(babel_locale()).territories
    pairs = sorted(
        ((code, name) for code, name in names.items() if len(code) == 2 and code.isalpha()),
        key=lambda p: p[1].lower(),
    )
    first = [(c, names[c]) for c in ("FR", "BE", "LU", "CH") if c in names]
    return first + [p for p in pairs if p[0] not in {c for c, _n in first}]


def terms_display(code: str) -> str:
    terms = parse_terms(code)
    if terms is None:
        return code
    if terms.days == 0:
        return _("on receipt")
    if terms.end_of_month:
        return _("{days} days end of month").format(days=terms.days)
    return _("{days} days").format(days=terms.days)


class ClientDialog(ServiceDialog):
    def __init__(
        self,
        services: LedgerNeeds,
        tasks: TaskRunner,
        client: ClientData | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = _("Edit client {code}").format(code=client.code) if client else _("New client")
        super().__init__(tasks, title, parent)
        self.services = services
        self.client = client
        self.company_country = "FR"  # until the company's settings are read
        self.resize(640, 560)
        self.tabs = QTabWidget()
        self.tabs.setUsesScrollButtons(False)  # every tab in sight: the dialog widens instead
        self.body.addWidget(self.tabs)
        self._build_general()
        self._build_address()
        self._build_terms()
        self._build_contacts()
        if client is not None:
            self._load(client)
        else:
            self.country.setCurrentIndex(0)
            self.language.setCurrentIndex(0)
        self.name.setFocus()
        self.client_type.currentIndexChanged.connect(lambda _i: self._name_default_policy())
        self.client_type.currentIndexChanged.connect(lambda _i: self._check_terms())
        tasks.run(services.clients.policy_options, self.show_policies, None)
        tasks.run(services.dossier.settings, self._company_loaded, None)

    def _company_loaded(self, settings: Any) -> None:
        self.company_country = settings.country
        self._check_terms()

    # -- layout -------------------------------------------------------------------------
    def _page(self, title: str) -> QFormLayout:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.tabs.addTab(page, title)
        return form

    def _build_general(self) -> None:
        form = self._page(_("General"))
        self.code = QLineEdit()
        self.code.setMaxLength(40)
        self.name = QLineEdit()
        self.client_type = QComboBox()
        for key, label in TYPES.items():
            self.client_type.addItem(_(label), key)
        self.language = QComboBox()
        for key, label in LANGUAGE_NAMES.items():
            self.language.addItem(label, key)
        self.channel = QComboBox()
        for key, label in CHANNELS.items():
            self.channel.addItem(_(label), key)
        self.email = QLineEdit()
        self.email.setPlaceholderText("compta@client.fr")
        self.phone = QLineEdit()
        e = self.errors
        e.add_row(form, _("Code"), self.code, "code")
        e.add_row(form, _("Name"), self.name, "name")
        e.add_row(form, _("Type"), self.client_type, "client_type")
        e.add_row(form, _("Language of letters"), self.language, "language")
        e.add_row(form, _("Preferred channel"), self.channel, "preferred_channel")
        e.add_row(form, _("Email"), self.email, "email")
        e.add_row(form, _("Phone"), self.phone, "phone")

    def _build_address(self) -> None:
        form = self._page(_("Address and identifiers"))
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(64)
        self.postcode = QLineEdit()
        self.city = QLineEdit()
        self.country = QComboBox()
        self.country.setEditable(False)
        for code, name in countries():
            self.country.addItem(name, code)
        self.legal_id = QLineEdit()
        self.legal_id.setPlaceholderText(_("SIREN, SIRET or Belgian enterprise number"))
        self.vat_number = QLineEdit()
        self.vat_number.setPlaceholderText("FR40303265045")
        self.iban = QLineEdit()
        e = self.errors
        e.add_row(form, _("Address"), self.address, "address")
        e.add_row(form, _("Postcode"), self.postcode, "postcode")
        e.add_row(form, _("City"), self.city, "city")
        e.add_row(form, _("Country"), self.country, "country")
        self.legal_id_label = QLabel(legal_id_label("FR"))
        e.add_row(form, self.legal_id_label, self.legal_id, "legal_id")
        self.country.currentIndexChanged.connect(
            lambda _i: self.legal_id_label.setText(legal_id_label(self.country.currentData()))
        )
        e.add_row(form, _("VAT number"), self.vat_number, "vat_number")
        e.add_row(form, _("IBAN"), self.iban, "iban")

    def _build_terms(self) -> None:
        form = self._page(_("Terms and follow-up"))
        self.terms = QComboBox()
        self.terms.setEditable(True)
        self.terms.addItem(_("Company default"), "")
        for code in TERMS_SUGGESTIONS:
            self.terms.addItem(terms_display(code), code)
        editor = self.terms.lineEdit()
        assert editor is not None  # an editable combo box has one
        editor.setPlaceholderText(_("e.g. 30 days or 45 days end of month"))
        self.credit_limit = AmountEdit()
        self.policy = QComboBox()
        self.policy.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.policy.setToolTip(_("The follow-up ladder this client's invoices go through"))
        self.policy.addItem(_("Default for this type of client"), "")
        self.policy.currentIndexChanged.connect(self._policy_chosen)
        self.policy_code = self.client.dunning_policy if self.client else ""
        self.policies = PolicyOptions()
        self.blocked = QCheckBox(_("Do not send reminders to this client"))
        self.blocked_reason = QLineEdit()
        self.blocked_reason.setPlaceholderText(_("Why (required when blocked)"))
        self.blocked.toggled.connect(self.blocked_reason.setEnabled)
        self.blocked_reason.setEnabled(False)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        e = self.errors
        e.add_row(form, _("Payment terms"), self.terms, "payment_terms")
        e.add_row(form, _("Credit limit"), self.credit_limit, "credit_limit")
        e.add_row(form, _("Reminder policy"), self.policy, "dunning_policy")
        e.add_row(form, _("Reminders"), self.blocked, "dunning_blocked")
        e.add_row(form, _("Reason"), self.blocked_reason, "dunning_blocked_reason")
        e.add_row(form, _("Notes"), self.notes, "notes")
        self.terms.currentTextChanged.connect(self._check_terms)

    def _build_contacts(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        self.contacts = QTableWidget(0, 5)
        self.contacts.setHorizontalHeaderLabels(
            [_("Name"), _("Role"), _("Email"), _("Phone"), _("Gets reminders")]
        )
        self.contacts.setWordWrap(False)
        self.contacts.horizontalHeader().setStretchLastSection(False)
        for column, width in enumerate((130, 110, 190, 110, 110)):
            self.contacts.setColumnWidth(column, scaled(width, self.contacts))
        fit_titles(self.contacts)
        self.contacts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.contacts.verticalHeader().setVisible(False)
        buttons = QHBoxLayout()
        add = QPushButton(_("Add a contact"))
        add.clicked.connect(lambda: self.add_contact(ContactData()))
        remove = QPushButton(_("Remove"))
        remove.clicked.connect(self._remove_contact)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        box.addWidget(self.contacts, 1)
        box.addLayout(buttons)
        container = QWidget()
        form = QFormLayout(container)
        form.setContentsMargins(0, 0, 0, 0)
        self.errors.add_row(form, "", page, "contacts")
        self.tabs.addTab(container, _("Contacts"))

    def add_contact(self, contact: ContactData) -> None:
        row = self.contacts.rowCount()
        self.contacts.insertRow(row)
        for column, name in enumerate(CONTACT_COLUMNS):
            self.contacts.setItem(row, column, QTableWidgetItem(getattr(contact, name)))
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        check.setCheckState(
            Qt.CheckState.Checked if contact.is_reminder_contact else Qt.CheckState.Unchecked
        )
        self.contacts.setItem(row, 4, check)

    def _remove_contact(self) -> None:
        row = self.contacts.currentRow()
        if row >= 0:
            self.contacts.removeRow(row)

    def show_policies(self, options: PolicyOptions) -> None:
        """The policies of the dossier, once loaded; the client's own is selected."""
        code = self.policy_code
        self.policies = options
        self.policy.blockSignals(True)
        while self.policy.count() > 1:
            self.policy.removeItem(1)
        for info in options.policies:
            self.policy.addItem(info.label, info.code)
        index = self.policy.findData(code) if code else 0
        self.policy.setCurrentIndex(max(index, 0))
        self.policy.blockSignals(False)
        self.policy_code = code if index > 0 else ""
        self._name_default_policy()

    def _name_default_policy(self) -> None:
        default = self.policies.default_for(self.client_type.currentData())
        self.policy.setItemText(
            0,
            _("Default for this type of client ({name})").format(name=default.label)
            if default
            else _("Default for this type of client"),
        )
        self.policy.setMinimumWidth(self.policy.sizeHint().width())  # the longest name, whole

    def _policy_chosen(self, index: int) -> None:
        self.policy_code = str(self.policy.itemData(index) or "")

    def _check_terms(self, _text: str = "") -> None:
        """A warning next to the terms (not an error: they are saved as typed)."""
        value = self._terms_value() if self.terms.currentText() else ""
        terms = parse_terms(value) if value else None
        label = self.errors.fields["payment_terms"][1]
        warning = terms_warning(terms, self.client_type.currentData(), self.company_country)
        if warning:
            label.setText(warning)
            set_tone(label, "dispute")
            label.show()
        else:
            label.hide()

    # -- data ---------------------------------------------------------------------------
    def _load(self, c: ClientData) -> None:
        self.code.setText(c.code)
        self.name.setText(c.name)
        self._select(self.client_type, c.client_type)
        self._select(self.language, c.language)
        self._select(self.channel, c.preferred_channel)
        self.email.setText(c.email)
        self.phone.setText(c.phone)
        self.address.setPlainText(c.address)
        self.postcode.setText(c.postcode)
        self.city.setText(c.city)
        self._select(self.country, c.country)
        self.legal_id.setText(c.legal_id)
        self.vat_number.setText(c.vat_number)
        self.iban.setText(c.iban)
        if c.payment_terms:
            self.terms.setCurrentText(c.payment_terms)
        else:
            self.terms.setCurrentIndex(0)
        self.credit_limit.set_value(c.credit_limit)
        self.blocked.setChecked(c.dunning_blocked)
        self.blocked_reason.setText(c.dunning_blocked_reason)
        self.notes.setPlainText(c.notes)
        for contact in c.contacts:
            self.add_contact(contact)

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _terms_value(self) -> str:
        text = self.terms.currentText().strip()
        index = self.terms.findText(text)
        if index >= 0:
            return str(self.terms.itemData(index) or "")
        return text

    def data(self) -> ClientData:
        problems: list[Problem] = []
        limit = parse_field(self.credit_limit, "credit_limit", problems)
        if problems:
            raise InvalidInput(problems)
        contacts = []
        for row in range(self.contacts.rowCount()):
            name, role, email, phone = (
                item.text() if (item := self.contacts.item(row, col)) else ""
                for col in range(len(CONTACT_COLUMNS))
            )
            check = self.contacts.item(row, 4)
            contacts.append(
                ContactData(
                    name=name,
                    role=role,
                    email=email,
                    phone=phone,
                    is_reminder_contact=bool(check and check.checkState() == Qt.CheckState.Checked),
                )
            )
        data = ClientData(
            code=self.code.text(),
            name=self.name.text(),
            client_type=self.client_type.currentData(),
            email=self.email.text(),
            phone=self.phone.text(),
            address=self.address.toPlainText(),
            postcode=self.postcode.text(),
            city=self.city.text(),
            country=self.country.currentData() or "",
            language=self.language.currentData(),
            legal_id=self.legal_id.text(),
            vat_number=self.vat_number.text(),
            iban=self.iban.text(),
            payment_terms=self._terms_value(),
            credit_limit=limit,
            preferred_channel=self.channel.currentData(),
            dunning_blocked=self.blocked.isChecked(),
            dunning_blocked_reason=self.blocked_reason.text(),
            dunning_policy=self.policy_code,
            notes=self.notes.toPlainText(),
            contacts=tuple(contacts),
        )
        if self.client is not None:
            data = replace(
                data, id=self.client.id, version=self.client.version, archived=self.client.archived
            )
        return data

    def save(self) -> None:
        try:
            data = self.data()
        except InvalidInput as error:
            self.errors.show(error)
            self.on_failed(error)
            return
        service = self.services.clients
        self.submit(lambda: service.update(data) if data.id else service.create(data))

    def on_failed(self, error: Exception) -> None:
        for widget, label in self.errors.fields.values():
            if not label.isHidden():
                page: QWidget | None = widget
                while page is not None and self.tabs.indexOf(page) < 0:
                    page = page.parentWidget()
                if page is not None:
                    self.tabs.setCurrentWidget(page)
                    widget.setFocus()
                return
