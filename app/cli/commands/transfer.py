"""Data in and out: `import` and `export` of the CSV files (CONTRACTS.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.bootstrap import Services
from app.cli.output import count_text, today
from app.i18n import _, format_number, ngettext


def cmd_import(services: Services, args: argparse.Namespace) -> int:
    result = services.importer.import_file(
        args.kind,
        Path(args.file),
        dry_run=args.dry_run,
        mapping=args.mapping,
        today=today(),
    )
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
    elif args.kind == "reminders":
        lines = [ngettext("{count} reminder imported", "{count} reminders imported", n)]
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
            print(text.format(count=count_text(value), lines=count_text(result.lines)))
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
