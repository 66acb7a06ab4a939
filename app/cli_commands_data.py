"""Handlers of the data-in/data-out sub-commands: import, export, demo, backup, restore."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

from app.bootstrap import Services
from app.i18n import _, format_date, format_number, ngettext


def _count(n: int) -> str:
    """'1 500' in French, '1,500' in English."""
    return format_number(Decimal(n), decimals=0)


def cmd_import(services: Services, args: argparse.Namespace) -> int:
    result = services.importer.import_file(args.kind, Path(args.file), dry_run=args.dry_run)
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    n = result.created
    if args.kind == "clients":
        lines = [
            ngettext("{count} client created", "{count} clients created", n),
            ngettext("{count} client updated", "{count} clients updated", result.updated),
            ngettext("{count} client unchanged", "{count} clients unchanged", result.unchanged),
        ]
        counts = [n, result.updated, result.unchanged]
    elif args.kind == "invoices":
        lines = [ngettext("{count} invoice imported", "{count} invoices imported", n)]
        counts = [n]
    else:
        lines = [
            ngettext(
                "{count} payment imported ({lines} rows)",
                "{count} payments imported ({lines} rows)",
                n,
            )
        ]
        counts = [n]
    if result.dry_run:
        print(_("Dry run: the file is valid and nothing was written."))
    for index, (text, value) in enumerate(zip(lines, counts, strict=True)):
        if value or index == 0:
            print(text.format(count=_count(value), lines=_count(result.lines)))
    return 0


def cmd_export(services: Services, args: argparse.Namespace) -> int:
    count = services.exporter.export_file(args.kind, Path(args.file))
    text = ngettext("{count} row written to {path}", "{count} rows written to {path}", count)
    print(text.format(count=_count(count), path=args.file))
    return 0


def cmd_demo(services: Services, args: argparse.Namespace) -> int:
    from app.cli import today

    as_of = args.as_of or today()
    progress = _progress_on_terminal()
    summary = services.demo.generate(
        clients=args.clients, invoices=args.invoices, seed=args.seed, as_of=as_of, progress=progress
    )
    if progress is not None:
        print(file=sys.stderr)
    if summary.company_created:
        print(_("Demo company created: {name}").format(name=services.dossier.settings().name))
    print(_("Demo data as of {date}:").format(date=format_date(summary.as_of)))
    for text, value in (
        (ngettext("{count} client", "{count} clients", summary.clients), summary.clients),
        (ngettext("{count} invoice", "{count} invoices", summary.invoices), summary.invoices),
        (
            ngettext("{count} credit note", "{count} credit notes", summary.credit_notes),
            summary.credit_notes,
        ),
        (ngettext("{count} payment", "{count} payments", summary.payments), summary.payments),
        (
            ngettext("{count} disputed invoice", "{count} disputed invoices", summary.disputed),
            summary.disputed,
        ),
        (
            ngettext(
                "{count} follow-up action in the history",
                "{count} follow-up actions in the history",
                summary.reminders,
            ),
            summary.reminders,
        ),
    ):
        print("  " + text.format(count=_count(value)))
    return 0


def _progress_on_terminal():  # type: ignore[no-untyped-def]
    """A progress line on stderr, only when a person is watching."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        text = _("{done} of {total} invoices").format(done=_count(done), total=_count(total))
        print("\r" + text, end="", file=sys.stderr, flush=True)

    return show


def cmd_backup(services: Services, args: argparse.Namespace) -> int:
    path = services.backup.backup(Path(args.file))
    print(_("Backup written to {path}").format(path=path))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Gets no services: the target may be unopenable, which is why it is being restored."""
    from app.db.engine import resolve_url
    from app.services.backup import restore_backup

    result = restore_backup(Path(args.file), resolve_url(args.database))
    print(
        _("Dossier {target} restored from {path} (company: {company})").format(
            target=result.target, path=result.source, company=result.company
        )
    )
    if result.upgraded_from:
        print(
            _("The backup was upgraded from schema {revision}.").format(
                revision=result.upgraded_from
            )
        )
    if result.safety_copy:
        print(_("The previous content is kept in {path}").format(path=result.safety_copy))
    return 0
