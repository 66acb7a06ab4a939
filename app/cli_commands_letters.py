"""`relance letters`: the paper reminders due on a date, one file per client and one to print."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.bootstrap import Services
from app.i18n import _, ngettext


def cmd_letters(services: Services, args: argparse.Namespace) -> int:
    """One line per letter on stdout: file, client code, level, invoice numbers (tab-separated)."""
    batch = services.letters.write(args.as_of, Path(args.out), args.level)
    for letter in batch.letters:
        print(f"{letter.path}\t{letter.client_code}\t{letter.level}\t{','.join(letter.invoices)}")
    print(ngettext("{count} letter written to {folder}", "{count} letters written to {folder}",
                   len(batch.letters)).format(count=len(batch.letters), folder=args.out),
          file=sys.stderr)
    if batch.print_file is not None:
        print(_("All of them in one file to print: {file}").format(file=batch.print_file),
              file=sys.stderr)
    return 0
