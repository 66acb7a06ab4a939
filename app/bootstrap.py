"""Composition root: logging, i18n, the migrated database and the services.

The GUI, the CLI and the tests all build the application through `build()`. Each service is
built, and its module imported, the first time it is asked for: a command that prints one
table loads neither the letter stack nor the importers nor the charts (start-up time).
"""

from __future__ import annotations

import logging
from functools import cached_property, partial
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from app.services.analytics.aging import AgingService
    from app.services.analytics.service import AnalyticsService
    from app.services.auto_backup import AutoBackupService
    from app.services.backup import BackupService
    from app.services.claims.rate_settings import RateSettings
    from app.services.claims.service import ClaimService
    from app.services.demo.service import DemoService
    from app.services.documents.service import DocumentService
    from app.services.dossier import DossierService
    from app.services.followup.batch import LetterService
    from app.services.followup.service import ReminderService
    from app.services.ledger.allocation_undo import AllocationUndo
    from app.services.ledger.client_account import ClientAccountService
    from app.services.ledger.clients import ClientService
    from app.services.ledger.invoice_actions import InvoiceActions
    from app.services.ledger.invoices import InvoiceService
    from app.services.ledger.payment_plans import PaymentPlanService
    from app.services.ledger.payments import PaymentService
    from app.services.search import SearchService
    from app.services.templates.editing import TemplateService
    from app.services.transfer.exporters import ExportService
    from app.services.transfer.importers import ImportService
    from app.services.transfer.lists_export import ListExportService

log = logging.getLogger(__name__)


# Each property below imports its service's module when first read, not at the top of this
# module: that import is what start-up time is made of (see docs/performance.md).
class Services:
    """Everything the UI and the CLI may call; each feature takes only what it uses."""

    def __init__(
        self,
        url: URL,
        paths: Paths,
        engine: Engine,
        migration: str,
        uow: partial[UnitOfWork],
        read_only: bool = False,
    ) -> None:
        self.url = url
        self.name = display_name(url)
        self.paths = paths
        self.engine = engine
        self.migration = migration
        self.uow = uow
        self.read_only = read_only
        """The dossier's file or folder cannot be written: it was opened for reading only."""

    def close(self) -> None:
        self.engine.dispose()

    @cached_property
    def dossier(self) -> DossierService:
        from app.services.dossier import DossierService  # built on first use

        return DossierService(self.uow)

    @cached_property
    def aging(self) -> AgingService:
        from app.services.analytics.aging import AgingService  # built on first use

        return AgingService(self.uow)

    @cached_property
    def importer(self) -> ImportService:
        from app.services.transfer.importers import ImportService  # built on first use

        return ImportService(self.uow, self.dossier, self.paths.attachments)

    @cached_property
    def exporter(self) -> ExportService:
        from app.services.transfer.exporters import ExportService  # built on first use

        return ExportService(self.uow)

    @cached_property
    def lists(self) -> ListExportService:
        from app.services.transfer.lists_export import ListExportService  # built on first use

        return ListExportService(self.uow, self.clients, self.invoices, self.reminders)

    @cached_property
    def demo(self) -> DemoService:
        from app.services.demo.service import DemoService  # built on first use

        return DemoService(self.uow, self.dossier)

    @cached_property
    def backup(self) -> BackupService:
        from app.services.backup import BackupService  # built on first use

        return BackupService(self.url, self.engine)

    @cached_property
    def backups(self) -> AutoBackupService:
        from app.services.auto_backup import AutoBackupService, folder_for  # built on first use

        folder = folder_for(self.paths.backups, self.url)
        return AutoBackupService(lambda: self.backup, folder, display_name(self.url))

    @cached_property
    def claims(self) -> ClaimService:
        from app.services.claims.service import ClaimService  # built on first use

        return ClaimService(self.uow)

    @cached_property
    def clients(self) -> ClientService:
        from app.services.ledger.clients import ClientService  # built on first use

        return ClientService(self.uow)

    @cached_property
    def accounts(self) -> ClientAccountService:
        from app.services.ledger.client_account import ClientAccountService  # on first use

        dossier = self.dossier
        return ClientAccountService(self.uow, lambda: dossier.settings().currency)

    @cached_property
    def invoices(self) -> InvoiceService:
        from app.services.ledger.invoices import InvoiceService  # built on first use

        return InvoiceService(self.uow, self.dossier.settings)

    @cached_property
    def invoice_actions(self) -> InvoiceActions:
        from app.services.ledger.invoice_actions import InvoiceActions  # built on first use

        return InvoiceActions(self.uow, self.paths.attachments)

    @cached_property
    def payments(self) -> PaymentService:
        from app.services.ledger.payments import PaymentService  # built on first use

        return PaymentService(self.uow, self.dossier.settings)

    @cached_property
    def plans(self) -> PaymentPlanService:
        from app.services.ledger.payment_plans import PaymentPlanService  # built on first use

        return PaymentPlanService(self.uow, self.invoices, self.dossier.settings)

    @cached_property
    def letters(self) -> LetterService:
        from app.services.followup.batch import LetterService  # built on first use

        return LetterService(self.uow, self.reminders, self.claims, self.dossier)

    @cached_property
    def reminders(self) -> ReminderService:
        from app.services.followup.service import ReminderService  # built on first use

        identity = _identity(self.url)
        claims = lambda: self.claims  # noqa: E731  (the claims service loads with the letters)
        return ReminderService(self.uow, self.dossier, claims, dossier_identity=identity)

    @cached_property
    def analytics(self) -> AnalyticsService:
        from app.services.analytics.service import AnalyticsService  # built on first use

        return AnalyticsService(self.uow, self.dossier, self.reminders.agenda)

    @cached_property
    def documents(self) -> DocumentService:
        from app.services.documents.service import DocumentService  # built on first use

        return DocumentService(self.uow, self.dossier, self.claims)

    @cached_property
    def rates(self) -> RateSettings:
        from app.services.claims.rate_settings import RateSettings  # built on first use

        paths = self.paths
        return RateSettings(user=lambda: paths.rates)

    @cached_property
    def allocation_undo(self) -> AllocationUndo:
        from app.services.ledger.allocation_undo import AllocationUndo  # built on first use

        return AllocationUndo(self.uow, self.payments)

    @cached_property
    def search(self) -> SearchService:
        from app.services.search import SearchService  # built on first use

        return SearchService(self.uow)

    @cached_property
    def templates(self) -> TemplateService:
        from app.services.templates.editing import TemplateService  # built on first use

        return TemplateService(self.dossier.settings)


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
    log.info("dossier %s opened (%s)", display_name(url), migration)
    return Services(url, paths, engine, migration, uow, read_only=is_read_only(engine))
