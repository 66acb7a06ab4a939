"""Composition root: logging, i18n, the migrated database and the services.

The GUI, the CLI and the tests all build the application through `build()`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial

from sqlalchemy import Engine
from sqlalchemy.engine import URL

from app import i18n
from app.db.engine import (
    describe_error,
    display_name,
    is_read_only,
    make_engine,
    make_session_factory,
    resolve_url,
    sqlite_path,
)
from app.db.migrate import open_dossier
from app.db.uow import UnitOfWork
from app.i18n import _
from app.paths import Paths
from app.services.analytics.aging import AgingService
from app.services.analytics.service import AnalyticsService
from app.services.auto_backup import AutoBackupService, folder_for
from app.services.backup import BackupService
from app.services.claims.rate_settings import RateSettings
from app.services.claims.service import ClaimService
from app.services.demo.service import DemoService
from app.services.documents.service import DocumentService
from app.services.dossier import DossierService
from app.services.followup.batch import LetterService
from app.services.followup.service import ReminderService
from app.services.ledger.client_account import ClientAccountService
from app.services.ledger.clients import ClientService
from app.services.ledger.invoice_actions import InvoiceActions
from app.services.ledger.invoices import InvoiceService
from app.services.ledger.payment_plans import PaymentPlanService
from app.services.ledger.payments import PaymentService
from app.services.templates.editing import TemplateService
from app.services.transfer.exporters import ExportService
from app.services.transfer.importers import ImportService
from app.services.transfer.lists_export import ListExportService

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Everything the UI and the CLI may call; each feature takes only what it uses."""

    url: URL
    name: str
    paths: Paths
    engine: Engine
    uow: partial[UnitOfWork]
    dossier: DossierService
    aging: AgingService
    migration: str
    importer: ImportService
    exporter: ExportService
    lists: ListExportService
    demo: DemoService
    backup: BackupService
    backups: AutoBackupService
    claims: ClaimService
    clients: ClientService
    accounts: ClientAccountService
    invoices: InvoiceService
    invoice_actions: InvoiceActions
    payments: PaymentService
    plans: PaymentPlanService
    letters: LetterService
    reminders: ReminderService
    analytics: AnalyticsService
    documents: DocumentService
    rates: RateSettings
    templates: TemplateService
    read_only: bool = False
    """The dossier's file or folder cannot be written: it was opened for reading only."""

    def close(self) -> None:
        self.engine.dispose()


def database_message(error: BaseException) -> str:
    """A database driver's error as one sentence for the window (busy, read-only…)."""
    return describe_error(error, _("Dossier"))


def _identity(url: URL) -> str:
    """What tells this dossier from any other: its file, or its database without password."""
    path = sqlite_path(url)
    return str(path.resolve()) if path else url.set(password=None).render_as_string()


def build(
    database: str | None, lang: str | None, paths: Paths | None = None, create: bool = True
) -> Services:
    """Open `database` (a path or a URL; None: the default dossier in `paths.data`) with the
    user's folders `paths` (the program's entries and the tests pass theirs; None reads them
    from the environment, for the benches) and the language `lang` (None: the system's).
    Without `create`, a missing SQLite file is refused instead of created."""
    i18n.set_language(lang)
    paths = (paths or Paths.from_environment()).ensure()
    url = resolve_url(database or paths.dossier)
    engine = make_engine(url, create)
    try:
        migration = open_dossier(engine)
    except BaseException:
        engine.dispose()
        raise
    uow = partial(UnitOfWork, make_session_factory(engine))
    backup = BackupService(url, engine)
    log.info("dossier %s opened (%s)", display_name(url), migration)
    dossier = DossierService(uow)
    claims = ClaimService(uow)
    reminders = ReminderService(uow, dossier, claims, dossier_identity=_identity(url))
    clients = ClientService(uow)
    invoices = InvoiceService(uow, dossier.settings)
    return Services(
        url=url,
        name=display_name(url),
        paths=paths,
        engine=engine,
        uow=uow,
        dossier=dossier,
        aging=AgingService(uow),
        migration=migration,
        importer=ImportService(uow, dossier, paths.attachments),
        exporter=ExportService(uow),
        lists=ListExportService(uow, clients, invoices, reminders),
        demo=DemoService(uow, dossier),
        backup=backup,
        backups=AutoBackupService(backup, folder_for(paths.backups, url), display_name(url)),
        claims=claims,
        clients=clients,
        accounts=ClientAccountService(uow, lambda: dossier.settings().currency),
        invoices=invoices,
        invoice_actions=InvoiceActions(uow, paths.attachments),
        payments=PaymentService(uow, dossier.settings),
        plans=PaymentPlanService(uow, invoices, dossier.settings),
        letters=LetterService(uow, reminders, claims, dossier),
        reminders=reminders,
        analytics=AnalyticsService(uow, dossier, reminders.agenda),
        documents=DocumentService(uow, dossier, claims),
        rates=RateSettings(user=lambda: paths.rates),
        templates=TemplateService(dossier.settings),
        read_only=is_read_only(engine),
    )
