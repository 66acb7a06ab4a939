"""`relance statement` and `relance dossier`: the documents that leave the office."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.bootstrap import Services
from app.cli.output import today
from app.i18n import _, ngettext


def cmd_statement(services: Services, args: argparse.Namespace) -> int:
    """One client to FILE.pdf; several clients to the folder --out, one `<code>.pdf` each."""
    as_of = args.as_of or today()
    target = Path(args.out)
    documents = services.documents
    try:
        if len(args.client) == 1:
            written = [documents.statement(args.client[0], target, as_of, args.date_from)]
        else:
            written = documents.statements(args.client, target, as_of, args.date_from)
    except OSError as error:
        print(f"{target}: {error.strerror or error}", file=sys.stderr)
        return 3
    for path in written:
        print(_("Statement of account written: {path}").format(path=str(path)))
    return 0


def cmd_dossier(services: Services, args: argparse.Namespace) -> int:
    as_of = args.as_of or today()
    target = Path(args.out)
    try:
        result = services.documents.dossier(args.client, target, as_of)
    except OSError as error:
        print(f"{target}: {error.strerror or error}", file=sys.stderr)
        return 3
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    for missing in result.missing:
        print(_("Document not found: {what}").format(what=missing), file=sys.stderr)
    print(
        ngettext(
            "Collection file written: {path} ({count} file)",
            "Collection file written: {path} ({count} files)",
            len(result.files),
        ).format(path=str(target), count=len(result.files))
    )
    return 0
