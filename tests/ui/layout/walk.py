"""Every dialog of the window, and how a test opens it on the demo dossier.

DIALOGS maps a name to an opener: `opener(env) -> QDialog`, built as the window builds it (same
arguments), not yet shown. A new QDialog or QWizardPage subclass under app/ must be added here:
tests/ui/layout/test_walk.py fails naming the classes missing from WALKED.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QWidget, QWizard, QWizardPage

from app.ui.context import ViewContext

AS_OF = date(2026, 11, 25)
EML = (
    "To: compta@martin.fr\r\nSubject: Relance facture F2026-001\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour,\r\nVoici notre relance.\r\n"
)
CLIENTS_CSV = (
    "Code client;Raison sociale;Téléphone;Code postal;Ville\r\n"
    "C901;Boulangerie Hérault;01 23 45 67 89;75002;Paris\r\n"
)


@dataclass
class Env:
    """What an opener may use: the demo dossier's services, a context at AS_OF, a folder."""

    services: Any
    context: ViewContext
    folder: Path
    cache: dict[str, Any] = field(default_factory=dict)

    def invoice_id(self) -> int:
        """An overdue open invoice of the demo."""
        if "invoice" not in self.cache:
            from app.db.models import Invoice

            with self.services.uow() as uow:
                rows = uow.session.query(Invoice).order_by(Invoice.due_date).all()
                self.cache["invoice"] = next(
                    i.id for i in rows if i.due_date < AS_OF and not i.disputed
                )
        return int(self.cache["invoice"])

    def detail(self) -> Any:
        return self.services.invoices.get(self.invoice_id(), AS_OF)

    def item(self) -> Any:
        """A reminder to take: the first of the day's plan."""
        if "item" not in self.cache:
            plan = self.services.reminders.plan(AS_OF)
            self.cache["item"] = plan.items[0]
            self.cache["policy"] = plan.policies[plan.items[0].client.id]
        return self.cache["item"]


def _client(env: Env) -> QDialog:
    from app.ui.features.clients.dialogs import ClientDialog

    return ClientDialog(env.services, env.context.tasks)


def _client_edit(env: Env) -> QDialog:
    from app.ui.features.clients.dialogs import ClientDialog

    client = env.detail().data.client_id
    return ClientDialog(env.services, env.context.tasks, env.services.clients.get(client))


def _invoice(env: Env) -> QDialog:
    from app.ui.features.invoices.dialogs import InvoiceDialog

    return InvoiceDialog(env.services, env.context)


def _invoice_edit(env: Env) -> QDialog:
    from app.ui.features.invoices.dialogs import InvoiceDialog

    return InvoiceDialog(env.services, env.context, env.detail())


def _action(name: str) -> Callable[[Env], QDialog]:
    def open_(env: Env) -> QDialog:
        from app.ui.features.invoices import actions

        return getattr(actions, name)(env.services, env.context, env.detail())  # type: ignore[no-any-return]

    return open_


def _detail(env: Env) -> QDialog:
    from app.ui.features.invoices.detail import InvoiceDetailDialog

    return InvoiceDetailDialog(env.services, env.context, env.invoice_id())


def _plan(env: Env) -> QDialog:
    from app.ui.features.invoices.plan_dialog import PaymentPlanDialog

    return PaymentPlanDialog(env.services, env.context, env.invoice_id())


def _payment(env: Env) -> QDialog:
    from app.ui.features.payments.dialogs import PaymentDialog

    return PaymentDialog(env.services, env.context)


def _credit(env: Env) -> QDialog:
    from app.ui.features.payments.credit import ApplyCreditDialog

    return ApplyCreditDialog(env.services, env.context, env.detail().data.client_id)


def _company(env: Env) -> QDialog:
    from app.ui.features.settings.company_dialog import CompanyDialog

    return CompanyDialog(env.services.dossier, env.context)


def _templates(env: Env) -> QDialog:
    from app.ui.features.settings.templates_dialog import TemplatesDialog

    return TemplatesDialog(env.services.templates, env.context)


def _rates(env: Env) -> QDialog:
    from app.ui.features.rates.dialog import RatesDialog

    return RatesDialog(env.services.rates, env.context)


def _letters(env: Env) -> QDialog:
    from app.ui.features.letters.print_day import PrintLettersDialog

    return PrintLettersDialog(env.services, env.context)


def _about(env: Env) -> QDialog:
    from app.ui.about import AboutDialog

    return AboutDialog()


def _guide(env: Env) -> QDialog:
    from app.ui.features.help.guide import GuideDialog

    return GuideDialog()


_KEPT: list[Any] = []


def _search(env: Env) -> QDialog:
    """The search popup, with the results of a search that finds clients, invoices and payments."""
    from PySide6.QtWidgets import QWidget

    from app.ui.features.search.popup import SearchPopup

    class Window(QWidget):  # what the popup uses of the main window
        services, context, tasks = env.services, env.context, env.context.tasks

        def show_error(self, error: Exception) -> None:
            raise error

    holder = Window()
    _KEPT.append(holder)  # the popup's parent lives as long as the session's widgets
    popup = SearchPopup(holder)
    for text in ("Dupont", "SARL", "F20", "VIR", "100"):
        results = env.services.search.search(text, env.context.today())
        if len(results):
            break
    popup.field.blockSignals(True)
    popup.field.setText(text)
    popup.field.blockSignals(False)
    popup.show_results(results)
    return popup


def _limits(env: Env) -> QDialog:
    from app.ui.features.aging.dialogs import LimitsDialog

    return LimitsDialog((30, 60, 90))


def _backups(env: Env) -> QDialog:
    from app.ui.features.files.backups import BackupSettingsDialog

    return BackupSettingsDialog(7, env.folder / "backups")


def _reminded(env: Env) -> QDialog:
    from app.ui.features.clients.reminded import AlreadyRemindedDialog

    env.item()
    client = env.detail().data.client_id
    account = env.services.accounts.account(client, AS_OF)
    policy = env.services.reminders.plan(AS_OF).policies[client]
    return AlreadyRemindedDialog(policy, list(account.open_invoices), AS_OF)


def _preview(env: Env) -> QDialog:
    from app.ui.features.reminders.dialogs import PreviewDialog

    item = env.item()
    preview = env.services.reminders.preview(item.action, AS_OF, item.level)
    return PreviewDialog(item, preview)


def _reminder(name: str) -> Callable[[Env], QDialog]:
    def open_(env: Env) -> QDialog:
        from app.ui.features.reminders import dialogs

        kind = getattr(dialogs, name)
        if name == "SkipDialog":
            return kind(env.item())  # type: ignore[no-any-return]
        return kind(env.item(), AS_OF)  # type: ignore[no-any-return]

    return open_


def _escalate(env: Env) -> QDialog:
    from app.ui.features.reminders.escalate import EscalateDialog

    item = env.item()
    return EscalateDialog(item, env.cache["policy"])


def _no_mail(env: Env) -> QDialog:
    from app.ui.features.reminders.mail_dialog import NoMailClientDialog

    eml = env.folder / "relance.eml"
    eml.write_bytes(EML.encode())
    return NoMailClientDialog(eml, "No mail program is set up on this computer.", True)


def _import(env: Env) -> QDialog:
    from app.services.transfer.presets import MappingPresets
    from app.ui.features.imports.wizard import ImportWizard

    return ImportWizard(env.services.importer, MappingPresets(env.folder / "config"), env.context)


def _import_file(env: Env) -> QDialog:
    from app.services.transfer.presets import MappingPresets
    from app.ui.features.imports.wizard import ImportWizard

    csv = env.folder / "clients.csv"
    csv.write_bytes(CLIENTS_CSV.encode("cp1252"))
    presets = MappingPresets(env.folder / "config")
    return ImportWizard(env.services.importer, presets, env.context, None, [csv])


def _first_run(env: Env) -> QDialog:
    from app.ui.features.firstrun.wizard import FirstRunWizard

    return FirstRunWizard(lambda settings: None)


# name -> opener; the wizards' pages are walked one by one (see pages()).
DIALOGS: dict[str, Callable[[Env], QDialog]] = {
    "client": _client,
    "client_edit": _client_edit,
    "invoice": _invoice,
    "invoice_edit": _invoice_edit,
    "invoice_detail": _detail,
    "dispute": _action("DisputeDialog"),
    "pause": _action("PauseDialog"),
    "write_off": _action("WriteOffDialog"),
    "credit_note": _action("CreditNoteDialog"),
    "payment_plan": _plan,
    "payment": _payment,
    "apply_credit": _credit,
    "company": _company,
    "templates": _templates,
    "rates": _rates,
    "print_letters": _letters,
    "about": _about,
    "user_guide": _guide,
    "search": _search,
    "aging_limits": _limits,
    "backup_settings": _backups,
    "already_reminded": _reminded,
    "reminder_preview": _preview,
    "call_outcome": _reminder("CallOutcomeDialog"),
    "snooze": _reminder("SnoozeDialog"),
    "skip": _reminder("SkipDialog"),
    "escalate": _escalate,
    "no_mail_client": _no_mail,
    "import": _import,
    "import_file": _import_file,
    "first_run": _first_run,
}

# Every QDialog / QWizardPage class of app/, and the entry of DIALOGS that shows it.
WALKED: dict[str, str] = {
    "ClientDialog": "client",
    "InvoiceDialog": "invoice",
    "InvoiceDetailDialog": "invoice_detail",
    "DisputeDialog": "dispute",
    "PauseDialog": "pause",
    "WriteOffDialog": "write_off",
    "CreditNoteDialog": "credit_note",
    "PaymentPlanDialog": "payment_plan",
    "PaymentDialog": "payment",
    "ApplyCreditDialog": "apply_credit",
    "CompanyDialog": "company",
    "TemplatesDialog": "templates",
    "RatesDialog": "rates",
    "PrintLettersDialog": "print_letters",
    "AboutDialog": "about",
    "GuideDialog": "user_guide",
    "SearchPopup": "search",
    "LimitsDialog": "aging_limits",
    "BackupSettingsDialog": "backup_settings",
    "AlreadyRemindedDialog": "already_reminded",
    "PreviewDialog": "reminder_preview",
    "CallOutcomeDialog": "call_outcome",
    "SnoozeDialog": "snooze",
    "SkipDialog": "skip",
    "EscalateDialog": "escalate",
    "NoMailClientDialog": "no_mail_client",
    "ImportWizard": "import",
    "FilePage": "import",
    "MappingPage": "import_file",
    "DryRunPage": "import_file",
    "ConfirmPage": "import_file",
    "FirstRunWizard": "first_run",
    "IdentityPage": "first_run",
    "AddressPage": "first_run",
    "BankPage": "first_run",
    "LogoPage": "first_run",
    "RulesPage": "first_run",
    "NextStepPage": "first_run",
}
BASES = {"ServiceDialog", "FormPage"}  # abstract: walked through their subclasses


def dialog_classes() -> set[str]:
    """Names of every QDialog and QWizardPage subclass defined under app/."""
    import app.ui

    for module in pkgutil.walk_packages(app.ui.__path__, "app.ui."):
        importlib.import_module(module.name)
    found: set[str] = set()
    todo: list[type] = [QDialog, QWizardPage]
    while todo:
        kind = todo.pop()
        for sub in kind.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("app."):
                found.add(sub.__name__)
    return found - BASES


def settle() -> None:
    for _round in range(3):
        QApplication.processEvents()


def tabs_shown(root: QWidget) -> Iterator[str]:
    """Show each tab of each tab widget under `root` in turn (one at a time), naming it."""
    tab_widgets = [t for t in root.findChildren(QTabWidget) if t.isVisible()]
    if not tab_widgets:
        yield ""
        return
    for widget in tab_widgets:
        first = widget.currentIndex()
        for index in range(widget.count()):
            widget.setCurrentIndex(index)
            settle()
            yield widget.tabText(index)
        widget.setCurrentIndex(first)


def wizard_pages(wizard: QWizard, advance: Callable[[], bool]) -> Iterator[str]:
    """Each page the wizard reaches going forward (`advance` waits until Next may be pressed)."""
    seen: set[int] = set()
    while wizard.currentId() not in seen:
        seen.add(wizard.currentId())
        yield type(wizard.currentPage()).__name__
        if not advance():
            return
