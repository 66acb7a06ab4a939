"""Handlers of the headless sub-commands: parse nothing, call services, print results."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from app.bootstrap import Services
from app.cli_commands_data import cmd_backup, cmd_demo, cmd_export, cmd_import, cmd_restore
from app.i18n import _, format_date, format_money
from app.services.dossier import CompanySettings


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


def cmd_aging(services: Services, args: argparse.Namespace) -> int:
    from app.cli import emit, today

    report = services.aging.report(args.as_of or today())
    if args.format == "json":
        emit(report.to_json())
    elif args.format == "csv":
        sys.stdout.write(report.to_csv())
    else:
        headers = [_("Code"), _("Client"), *report.buckets, _("Credit"), _("Total")]
        rows = [
            [
                r.client_code,
                r.client_name,
                *(format_money(r.buckets[b], r.currency) for b in report.buckets),
                format_money(r.unapplied, r.currency),
                format_money(r.total, r.currency),
            ]
            for r in report.rows
        ]
        for currency, t in report.totals.items():
            rows.append(
                [
                    _("Total"),
                    currency,
                    *(format_money(t.buckets[b], currency) for b in report.buckets),
                    format_money(t.unapplied, currency),
                    format_money(t.total, currency),
                ]
            )
        print(_("Aged receivables on {date}").format(date=format_date(report.as_of)))
        print_table(headers, rows)
    return 0


def print_table(
    headers: list[str], rows: list[list[str]], right: set[int] | None = None
) -> None:
    """Aligned columns; numbers (by default every column after the first two) to the right."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(str(c))) for w, c in zip(widths, row, strict=False)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        cells = []
        for index, (cell, width) in enumerate(zip(row, widths, strict=False)):
            is_right = index >= 2 if right is None else index in right
            cells.append(str(cell).rjust(width) if is_right else str(cell).ljust(width))
        print("  ".join(cells))


from app.cli_commands_analytics import cmd_forecast  # noqa: E402
from app.cli_commands_claim import cmd_claim  # noqa: E402 - handlers live beside their topic
from app.cli_commands_letters import cmd_letters  # noqa: E402
from app.cli_commands_reminders import cmd_agenda  # noqa: E402

COMMANDS: dict[str, Callable[..., int]] = {
    "init": cmd_init,
    "aging": cmd_aging,
    "import": cmd_import,
    "export": cmd_export,
    "demo": cmd_demo,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "claim": cmd_claim,
    "agenda": cmd_agenda,
    "letters": cmd_letters,
    "forecast": cmd_forecast,
}
