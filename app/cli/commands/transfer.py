"""Data in and out: `import` and `export` of the CSV files (CONTRACTS.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.bootstrap import Services
from app.cli.output import count_text
from app.i18n import N_, _, ngettext


def cmd_import(services: Services, args: argparse.Namespace) -> int:
    if args.kind in ("fec", "facturx"):
        return _import_source(services, args)
    if getattr(args, "more_files", None):
        from app.cli import UsageError

        raise UsageError(_("import {kind} takes one file").format(kind=args.kind))
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
    return 0


def cmd_export(services: Services, args: argparse.Namespace) -> int:
    count = services.exporter.export_file(args.kind, Path(args.file))
    text = ngettext("{count} row written to {path}", "{count} rows written to {path}", count)
    print(text.format(count=count_text(count), path=args.file))
    return 0


_SOURCE_LINES = (
    ("clients_created", N_("{count} client created"), N_("{count} clients created")),
    (
        "clients_known",
        N_("{count} client already in the dossier"),
        N_("{count} clients already in the dossier"),
    ),
    ("invoices", N_("{count} invoice imported"), N_("{count} invoices imported")),
    ("credit_notes", N_("{count} credit note imported"), N_("{count} credit notes imported")),
    ("payments", N_("{count} payment imported"), N_("{count} payments imported")),
    (
        "lettered",
        N_("{count} allocation from lettering"),
        N_("{count} allocations from lettering"),
    ),
    (
        "invoices_known",
        N_("{count} invoice already in the dossier, left as it is"),
        N_("{count} invoices already in the dossier, left as they are"),
    ),
    (
        "credit_notes_known",
        N_("{count} credit note already in the dossier, left as it is"),
        N_("{count} credit notes already in the dossier, left as they are"),
    ),
    (
        "payments_known",
        N_("{count} payment already in the dossier, left as it is"),
        N_("{count} payments already in the dossier, left as they are"),
    ),
    ("attached", N_("{count} PDF attached"), N_("{count} PDFs attached")),
    (
        "supplier_lines",
        N_("{count} supplier account line ignored"),
        N_("{count} supplier account lines ignored"),
    ),
    (
        "other_lines",
        N_("{count} line of other accounts ignored"),
        N_("{count} lines of other accounts ignored"),
    ),
)


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
    for index, (key, singular, plural) in enumerate(_SOURCE_LINES):
        value = result.counts.get(key, 0)
        if value or index == 2:
            print(ngettext(singular, plural, value).format(count=count_text(value)))
    for note in result.notes:
        print(note)
    return 0
