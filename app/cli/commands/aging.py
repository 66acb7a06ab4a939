"""`relance aging` and `relance forecast`: what is owed by age, and the cash expected per week."""

from __future__ import annotations

import argparse
import sys

from app.bootstrap import Services
from app.cli.output import emit, print_table, today
from app.domain.errors import InvalidInput
from app.i18n import _, format_date, format_money
from app.services.analytics.aging_view import bucket_title

MAX_WEEKS = 104


def cmd_forecast(services: Services, args: argparse.Namespace) -> int:

    as_of = args.as_of or today()
    if not 1 <= args.weeks <= MAX_WEEKS:
        raise InvalidInput(_("--weeks must be from 1 to {max}").format(max=MAX_WEEKS))
    result = services.analytics.forecast(as_of, args.weeks)
    # Here, not at the top: `relance aging` shares this module and needs none of it.
    from app.services.analytics.forecast import forecast_csv, forecast_json

    if args.format == "json":
        emit(forecast_json(as_of, args.weeks, result))
        return 0
    if args.format == "csv":
        sys.stdout.write(forecast_csv(result))
        return 0
    if not result:
        print(_("No open invoice: no cash expected."))
    for currency, fc in result.items():
        print(
            _("Expected cash in ({currency}) from {date}").format(
                currency=currency, date=format_date(as_of)
            )
        )
        rows = [
            [
                _("week of {date}").format(date=format_date(w.week_start)),
                format_money(w.expected, currency),
                format_money(w.optimistic, currency),
                format_money(w.pessimistic, currency),
            ]
            for w in fc.weeks
        ]
        after = fc.after_horizon
        rows.append(
            [
                _("later"),
                format_money(after.expected, currency),
                format_money(after.optimistic, currency),
                format_money(after.pessimistic, currency),
            ]
        )
        print_table(
            [_("Week"), _("Expected"), _("Optimistic"), _("Pessimistic")], rows, right={1, 2, 3}
        )
        print(
            _("Doubtful (over 180 days late): {amount}").format(
                amount=format_money(fc.doubtful, currency)
            )
        )
        print()
    return 0


def cmd_aging(services: Services, args: argparse.Namespace) -> int:

    report = services.aging.report(args.as_of or today())
    if args.format == "json":
        emit(report.to_json())
    elif args.format == "csv":
        sys.stdout.write(report.to_csv())
    else:
        titles = [bucket_title(b) for b in report.buckets]
        headers = [_("Code"), _("Client"), *titles, _("Credit"), _("Total")]
        rows = [
            [
                r.client_code,
                r.client_name,
                *(format_money(r.buckets[b], r.currency) for b in report.buckets),
                format_money(-r.unapplied, r.currency),
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
                    format_money(-t.unapplied, currency),
                    format_money(t.total, currency),
                ]
            )
        print(_("Aged receivables on {date}").format(date=format_date(report.as_of)))
        print_table(headers, rows)
    return 0
