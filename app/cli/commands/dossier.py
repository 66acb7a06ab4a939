"""The dossier as a whole: `init`, `demo`, `backup`, `restore`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from app.bootstrap import Services
from app.cli.output import count_text, today
from app.i18n import _, format_date, ngettext
from app.services.dossier import CompanySettings


def cmd_demo(services: Services, args: argparse.Namespace) -> int:

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
        print("  " + text.format(count=count_text(value)))
    return 0


def _progress_on_terminal() -> Callable[[int, int], None] | None:
    """A progress line on stderr, only when a person is watching."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        text = _("{done} of {total} invoices").format(
            done=count_text(done), total=count_text(total)
        )
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

    result = restore_backup(Path(args.file), resolve_url(args.database or args.paths.dossier))
    for warning in result.warnings:
        print(_("warning: {text}").format(text=warning), file=sys.stderr)
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


def cmd_init(services: Services, args: argparse.Namespace) -> int:
    settings = CompanySettings(
        name=args.company,
        country=args.country,
        currency=args.currency.upper(),
        language=args.company_lang,
        terms_days=args.terms_days,
        late_interest_rate=args.late_interest_rate,
    )
    services.dossier.init(settings)
    print(_("Dossier ready: {name}").format(name=services.name))
    return 0
