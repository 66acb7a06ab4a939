"""Data in and out: `import` and `export` of the CSV files (docs/commands.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.bootstrap import Services
from app.cli.output import count_text, today
from app.i18n import _, format_number, ngettext
from app.services.transfer.sources.summary import source_lines


def cmd_import(services: Services, args: argparse.Namespace) -> int:
    if args.kind in ("fec", "facturx"):
        if args.sheet is not None:
            from app.cli import UsageError

            raise UsageError(
                _("--sheet reads a spreadsheet: a {kind} file has no sheets").format(kind=args.kind)
            )
        return _import_source(services, args)
    if getattr(args, "more_files", None):
        from app.cli import UsageError

        raise UsageError(_("import {kind} takes one file").format(kind=args.kind))
    result = services.importer.import_file(
        args.kind,
        Path(args.file),
        dry_run=args.dry_run,
        mapping=args.mapping,
        today=today(),
        allow_duplicates=getattr(args, "allow_duplicates", False),
        create_clients=getattr(args, "create_clients", False),
        sheet=args.sheet,
    )
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    n = result.created
    rows = ""
    if args.kind == "clients":
        lines = [
            ngettext("{count} client created", "{count} clients created", n),
            ngettext("{count} client updated", "{count} clients updated", result.updated),
            ngettext("{count} client unchanged", "{count} clients unchanged", result.unchanged),
        ]
        counts = [n, result.updated, result.unchanged]
    elif args.kind == "invoices":
        lines = [
            ngettext("{count} invoice imported", "{count} invoices imported", n),
            ngettext("{count} invoice updated", "{count} invoices updated", result.updated),
            ngettext("{count} invoice unchanged", "{count} invoices unchanged", result.unchanged),
        ]
        counts = [n, result.updated, result.unchanged]
    elif args.kind == "reminders":
        lines = [ngettext("{count} reminder imported", "{count} reminders imported", n)]
        counts = [n]
    else:
        rows = ngettext("{lines} row", "{lines} rows", result.lines)
        rows = rows.format(lines=count_text(result.lines))
        lines = [
            ngettext("{count} payment imported ({rows})", "{count} payments imported ({rows})", n)
        ]
        counts = [n]
    if result.dry_run:
        print(_("Dry run: the file is valid and nothing was written."))
    for index, (text, value) in enumerate(zip(lines, counts, strict=True)):
        if value or index == 0:
            print(text.format(count=count_text(value), rows=rows))
    if result.new_clients:
        count = len(result.new_clients)
        text = ngettext(
            "{count} client created from the file's names:",
            "{count} clients created from the file's names:",
            count,
        )
        print(text.format(count=count_text(count)))
        for code, name in result.new_clients:
            print(f"  {code}  {name}")
    if result.paid:
        text = ngettext(
            "{count} payment of {amount} for the part already paid (column balance), "
            "dated the due date, or today when the due date is still ahead",
            "{count} payments totalling {amount} for the parts already paid (column balance), "
            "dated the due date, or today when the due date is still ahead",
            result.paid,
        )
        print(text.format(count=count_text(result.paid), amount=format_number(result.paid_amount)))
    return 0


def cmd_export(services: Services, args: argparse.Namespace) -> int:
    count = services.exporter.export_file(args.kind, Path(args.file))
    text = ngettext("{count} row written to {path}", "{count} rows written to {path}", count)
    print(text.format(count=count_text(count), path=args.file))
    return 0


def _import_source(services: Services, args: argparse.Namespace) -> int:
    """FEC and Factur-X: one line per kind of thing found, then what to know before confirming."""
    if args.kind == "fec":
        if args.more_files:
            from app.cli import UsageError

            raise UsageError(_("import {kind} takes one file").format(kind=args.kind))
        result = services.importer.import_fec(Path(args.file), dry_run=args.dry_run)
    else:
        files = [Path(args.file), *(Path(f) for f in args.more_files)]
        result = services.importer.import_facturx(files, dry_run=args.dry_run)
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    if result.dry_run:
        print(_("Dry run: the file is valid and nothing was written."))
    for line in source_lines(result, count_text):
        print(line)
    return 0
