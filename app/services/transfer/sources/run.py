"""The FEC and Factur-X imports as one use case each: read and check everything, then write
it all in one transaction (or, for a dry run, say what would be written)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from app.db.uow import UnitOfWork
from app.domain.errors import InvalidInput, Problem
from app.services.dossier import CompanySettings
from app.services.transfer.importers.service import (
    ImportResult,
    Progress,
    refused_as_changed,
    report,
)
from app.services.transfer.sources import einvoices
from app.services.transfer.sources.facturx import read_all
from app.services.transfer.sources.fec import notes, plan_fec
from app.services.transfer.sources.fec_later import plan_late
from app.services.transfer.sources.fec_reading import read_fec
from app.services.transfer.sources.fec_write import write_fec

log = logging.getLogger(__name__)


def _by_line(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.file or "", p.line is None, p.line or 0))


def run_fec(
    uow_factory: Callable[[], UnitOfWork],
    settings: CompanySettings,
    path: Path,
    dry_run: bool,
    progress: Progress | None,
) -> ImportResult:
    fec = read_fec(path)
    total = len(fec.lines)
    report(progress, 0, total)
    with uow_factory() as uow:
        plan = plan_fec(uow.session, fec, settings)
        if plan.problems:
            raise InvalidInput(_by_line(plan.problems))
        plan.late = plan_late(uow.session, plan)
        report(progress, total // 2, total)
        if not dry_run:
            with refused_as_changed("fec", fec.file):
                write_fec(uow.session, plan, settings)
                uow.commit()
    report(progress, total, total)
    receipts = plan.new_receipts
    counts = {
        "clients_created": len(plan.new_clients),
        "clients_known": plan.known_clients,
        "invoices": plan.count("invoice"),
        "credit_notes": plan.count("credit_note"),
        "payments": len(receipts),
        "lettered": plan.lettered(),
        "invoices_known": plan.count("invoice", known=True),
        "credit_notes_known": plan.count("credit_note", known=True),
        "payments_known": len(plan.receipts) - len(receipts),
        "supplier_lines": plan.supplier_lines,
        "other_lines": plan.other_lines,
    }
    created = sum(counts[k] for k in ("clients_created", "invoices", "credit_notes", "payments"))
    unchanged = sum(
        counts[k]
        for k in ("clients_known", "invoices_known", "credit_notes_known", "payments_known")
    )
    log.info("import fec: %d lines, %d created%s", total, created, " (dry run)" * dry_run)
    return ImportResult(
        "fec",
        total,
        created,
        len(plan.late),  # receipts and credit notes lettered since they were imported
        [str(w) for w in plan.warnings],
        dry_run,
        unchanged,
        counts=counts,
        notes=notes(plan, settings),
    )


def run_facturx(
    uow_factory: Callable[[], UnitOfWork],
    settings: CompanySettings,
    paths: list[Path],
    attachments: Path | None,
    dry_run: bool,
    progress: Progress | None,
) -> ImportResult:
    total = len(paths)
    report(progress, 0, total)
    read = read_all(paths, settings)
    report(progress, total // 2, total)
    with uow_factory() as uow:
        plan = einvoices.plan_invoices(uow.session, read, settings)
        if plan.problems:
            order = {str(path): index for index, path in enumerate(paths)}
            raise InvalidInput(sorted(plan.problems, key=lambda p: order.get(p.file or "", 0)))
        if not dry_run:
            with refused_as_changed("facturx", paths[0].name if paths else ""):
                einvoices.write(uow.session, plan, attachments)
                uow.commit()
    report(progress, total, total)
    counts = plan.counts()
    created = counts["clients_created"] + counts["invoices"] + counts["credit_notes"]
    log.info("import facturx: %d files, %d created%s", total, created, " (dry run)" * dry_run)
    return ImportResult(
        "facturx",
        total,
        created,
        counts["attached_known"],  # a PDF added to an invoice imported from its XML
        [str(w) for w in plan.warnings],
        dry_run,
        counts["invoices_known"],
        counts=counts,
        notes=plan.notes,
    )
