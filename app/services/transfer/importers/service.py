"""Import one CSV file: validate every row, then write all of it in one transaction or none."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import ModuleType

from sqlalchemy.exc import IntegrityError

from app.db.repositories.invoices import analyze
from app.db.uow import UnitOfWork
from app.domain.errors import InvalidInput, Problem
from app.i18n import _
from app.services.changes import Changes, ledger_changed
from app.services.dossier import DossierService
from app.services.transfer.importers import balances, clients, invoices, payments, reminders
from app.services.transfer.importers.fields import Cells, check_characters, file_decimal
from app.services.transfer.importers.reading import read_table

log = logging.getLogger(__name__)

KINDS: dict[str, ModuleType] = {
    "clients": clients,
    "invoices": invoices,
    "payments": payments,
    "reminders": reminders,
}
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportResult:
    kind: str
    rows_read: int
    created: int
    updated: int
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False
    unchanged: int = 0
    lines: int = 0  # payments: the rows (one part each) behind the `created` payments
    paid: int = 0  # invoices: payments made from the `balance` column (already paid parts)
    paid_amount: Decimal = Decimal(0)
    ignored: list[str] = field(default_factory=list)  # the file's headers that are not read
    counts: dict[str, int] = field(default_factory=dict)  # fec, facturx: what, by kind
    notes: list[str] = field(default_factory=list)  # fec, facturx: said before confirming
    new_clients: list[tuple[str, str]] = field(default_factory=list)  # invoices: code, name

    @property
    def changes(self) -> Changes:
        if self.dry_run or not (self.created or self.updated):
            return Changes()
        if self.kind == "clients":
            return Changes(clients=True, reminders=True)
        return ledger_changed(())


class ImportService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        dossier: DossierService,
        attachments: Path | None = None,
    ) -> None:
        self._uow = uow
        self._dossier = dossier
        self._attachments = attachments  # where an e-invoice's PDF is kept

    def import_fec(
        self, path: Path, dry_run: bool = False, progress: Progress | None = None
    ) -> ImportResult:
        """A FEC: clients, invoices, credit notes, payments and lettering (docs/commands.md)."""
        from app.services.transfer.sources.run import run_fec

        return run_fec(self._uow, self._dossier.settings(), Path(path), dry_run, progress)

    def import_facturx(
        self, paths: Sequence[Path], dry_run: bool = False, progress: Progress | None = None
    ) -> ImportResult:
        """Factur-X PDFs and CII XML e-invoices, all of them or none (docs/commands.md)."""
        from app.services.transfer.sources.run import run_facturx

        settings = self._dossier.settings()
        files = [Path(p) for p in paths]
        return run_facturx(self._uow, settings, files, self._attachments, dry_run, progress)

    def import_file(
        self,
        kind: str,
        path: Path,
        dry_run: bool = False,
        progress: Progress | None = None,
        mapping: dict[str, str] | None = None,
        today: date | None = None,
        allow_duplicates: bool = False,
        create_clients: bool = False,
        sheet: str | None = None,
    ) -> ImportResult:
        """Raises InvalidInput listing every bad cell (file, line, column); nothing is written.

        `mapping` names the file's headers (header → column, '' to ignore one) before the
        aliases do; `today` dates the already paid parts of an invoice file's `balance`;
        `allow_duplicates` imports payments that repeat one without a reference (a warning);
        `create_clients` creates the invoices' unknown clients from the file's names;
        `sheet` names the spreadsheet's sheet to read (its first when None)."""
        module = KINDS.get(kind)
        if module is None:
            raise InvalidInput(_("unknown import kind {kind}").format(kind=kind))
        path = Path(path)
        known = getattr(module, "READ", module.COLUMNS)
        table = read_table(path, known, module.REQUIRED, kind, mapping, sheet)
        total = len(table.records)
        report(progress, 0, total)
        settings = self._dossier.settings()
        cells = Cells(table.file, settle=lambda: file_decimal(table))
        check_characters(table, module.COLUMNS, cells)
        warnings = [str(w) for w in table.warnings]
        with self._uow() as uow:
            options: dict[str, object] = {}
            if kind == "invoices":
                options["today"] = today
                options["create_clients"] = create_clients
            if kind == "payments":
                options["allow_duplicates"] = allow_duplicates
            plan = module.validate(uow.session, table, settings, cells, **options)
            if cells.problems:
                raise InvalidInput(
                    _labelled(_in_file_order(cells.all_problems(), table.columns), table.labels)
                )
            for line, column, text in getattr(plan, "warnings", []):
                column = table.labels.get(column, column)
                warnings.append(str(Problem(text, file=table.file, line=line, column=column)))
            report(progress, total // 2, total)
            if not dry_run and not _writes_nothing(plan):
                with refused_as_changed(kind, table.file):
                    module.write(uow.session, plan)
                    analyze(uow.session)  # fresh statistics: the allocations' recompute uses them
                    uow.commit()
        report(progress, total, total)
        result = _result(kind, total, plan, warnings, dry_run)
        settled = getattr(plan, "settled", [])
        ignored = [
            h for h, c in zip(table.headers, table.columns, strict=False) if h and c not in known
        ]
        result = replace(
            result,
            paid=len(settled),
            paid_amount=balances.total_paid(settled),
            ignored=ignored,
            new_clients=list(getattr(plan, "new_clients", {}).items()),
        )
        log.info(
            "import %s: %d rows, %d created, %d updated%s",
            kind,
            total,
            result.created,
            result.updated,
            " (dry run)" if dry_run else "",
        )
        return result


@contextmanager
def refused_as_changed(kind: str, file: str) -> Iterator[None]:
    """A constraint the checks could not foresee (another writer): nothing written, say so."""
    try:
        yield
    except IntegrityError as error:
        log.warning("import of %s refused by the database: %s", kind, error.orig)
        raise InvalidInput(
            Problem(
                _(
                    "the dossier changed during the import ({detail}); "
                    "nothing was written, try again"
                ).format(detail=str(error.orig).splitlines()[0]),
                file=file,
            )
        ) from error


def _in_file_order(problems: list[Problem], columns: list[str]) -> list[Problem]:
    """By line, then in the order of the file's columns: the order a person reads them."""
    position = {name: index for index, name in enumerate(columns)}
    last = len(position)
    return sorted(
        problems,
        key=lambda p: (
            p.line is None,
            p.line or 0,
            position.get(p.column or "", last),
        ),
    )


def _labelled(problems: list[Problem], labels: dict[str, str]) -> list[Problem]:
    """A cell's problem names the column as the file's header says it ('N° facture')."""
    return [replace(p, column=labels.get(p.column or "", p.column)) for p in problems]


_WRITTEN_PARTS = (
    "new",
    "changed",
    "invoices",
    "credit_notes",
    "settled",
    "new_clients",
    "for_new_client",
    "rows",
    "groups",
)


def _writes_nothing(plan: object) -> bool:
    """Every row of the file is already in the dossier as it is (a file imported again): no
    write, so the figures kept for the dossier stay valid instead of being computed again."""
    return not any(getattr(plan, part, None) for part in _WRITTEN_PARTS)


def report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _result(
    kind: str, total: int, plan: object, warnings: list[str], dry_run: bool
) -> ImportResult:
    if isinstance(plan, clients.ClientPlan):
        return ImportResult(
            kind, total, len(plan.new), len(plan.changed), warnings, dry_run, plan.unchanged
        )
    if isinstance(plan, invoices.InvoicePlan):
        created = len(plan.invoices) + len(plan.credit_notes)
        updated = len(plan.changed)
        return ImportResult(kind, total, created, updated, warnings, dry_run, plan.unchanged)
    if isinstance(plan, reminders.ReminderPlan):
        return ImportResult(kind, total, len(plan.rows), 0, warnings, dry_run)
    assert isinstance(plan, payments.PaymentPlan)
    return ImportResult(kind, total, len(plan.groups), 0, warnings, dry_run, lines=plan.line_count)
