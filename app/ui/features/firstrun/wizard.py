"""The first-run assistant: a new dossier's company (identity, address, bank, logo, rules), saved
when the rules page is committed, then what to do first: import, a first client, or the demo.

`save(settings)` stores the company and returns the window built on it; the last page offers
"Import my data" only when that window has an import action (`action_import`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any

from PySide6.QtWidgets import QLabel, QRadioButton, QVBoxLayout, QWizard, QWizardPage

from app.domain.errors import InvalidInput, RelanceError
from app.i18n import _
from app.services.company_details import checked_company
from app.services.dossier import CompanySettings
from app.ui.errors import explain
from app.ui.features.firstrun.pages import (
    AddressPage,
    BankPage,
    FormPage,
    IdentityPage,
    LogoPage,
    RulesPage,
)
from app.ui.theme import set_tone

IMPORT, FIRST_CLIENT, DEMO = "import", "first_client", "demo"


class NextStepPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Your company is saved"))
        self.setSubTitle(_("What would you like to do first?"))
        self.choices = {
            IMPORT: QRadioButton(_("Import my data (clients, invoices, payments)")),
            FIRST_CLIENT: QRadioButton(_("Enter my first client")),
            DEMO: QRadioButton(_("Explore the demo (sample clients, in a separate dossier)")),
        }
        layout = QVBoxLayout(self)
        for button in self.choices.values():
            layout.addWidget(button)
        hint = QLabel(_("You can change every detail later in Settings ▸ Company details."))
        hint.setWordWrap(True)
        set_tone(hint, "muted")
        layout.addStretch(1)
        layout.addWidget(hint)

    def offer_import(self, available: bool) -> None:
        self.choices[IMPORT].setVisible(available)
        first = IMPORT if available else FIRST_CLIENT
        self.choices[first].setChecked(True)

    def choice(self) -> str:
        return next((k for k, b in self.choices.items() if b.isChecked()), FIRST_CLIENT)


class FirstRunWizard(QWizard):
    def __init__(self, save: Callable[[CompanySettings], Any], parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("first_run")
        self.setWindowTitle(_("Welcome to Relance"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setMinimumSize(720, 560)
        self._save = save
        self.window_built: Any = None
        self.saved: CompanySettings | None = None
        self.identity = IdentityPage()
        self.address = AddressPage()
        self.bank = BankPage()
        self.logo = LogoPage()
        self.rules = RulesPage(self.identity)
        self.next_step = NextStepPage()
        self.form_pages: list[FormPage] = [
            self.identity,
            self.address,
            self.bank,
            self.logo,
            self.rules,
        ]
        for page in (*self.form_pages, self.next_step):
            self.addPage(page)

    def settings(self) -> CompanySettings:
        """The company as typed so far (unchecked)."""
        from app import i18n

        values: dict[str, Any] = {"language": i18n.current_language()}
        for page in self.form_pages:
            page.fill(values)
        known = {f.name for f in fields(CompanySettings)}
        return CompanySettings(**{k: v for k, v in values.items() if k in known})

    def check(self, page: FormPage) -> bool:
        """The page's own fields are right; on the rules page, the company is saved."""
        page.errors.clear()
        try:
            checked = checked_company(self.settings())
        except InvalidInput as error:
            own = [p for p in error.problems if p.column in page.columns]
            if own:
                page.errors.show(InvalidInput(own))
                return False
            if page is not self.rules:
                return True
            self._back_to(error)
            return False
        if page is not self.rules:
            return True
        try:
            self.window_built = self._save(checked)
        except RelanceError as error:
            page.errors.show(error)
            return False
        self.saved = checked
        self.next_step.offer_import(getattr(self.window_built, "action_import", None) is not None)
        return True

    def _back_to(self, error: InvalidInput) -> None:
        """A problem on an earlier page: go back there and show it."""
        for page in self.form_pages:
            own = [p for p in error.problems if p.column in page.columns]
            if own:
                while self.currentPage() is not page and self.currentId() > 0:
                    self.back()
                page.errors.show(InvalidInput(own))
                return
        self.rules.errors.general.setText(explain(error))
        self.rules.errors.general.show()

    def choice(self) -> str | None:
        """What to do first; None while the company is not saved."""
        return self.next_step.choice() if self.saved is not None else None
