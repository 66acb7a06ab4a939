"""`relance forecast`: expected cash in per ISO week, with its optimistic/pessimistic band."""

from __future__ import annotations

import argparse
import csv
import sys

from app.bootstrap import Services
from app.i18n import _, format_date, format_money
from app.services.insights import forecast_json


def cmd_forecast(services: Services, args: argparse.Namespace) -> int:
    from app.cli import emit, today
    from app.cli_commands import print_table

    as_of = args.as_of or today()
    if not 1 <= args.weeks <= 104:
        from app.domain.errors import InvalidInput

        raise InvalidInput(_("--weeks must be from 1 to 104"))
    result = services.insights.forecast(as_of, args.weeks)
    if args.format == "json":
        emit(forecast_json(as_of, args.weeks, result))
        return 0
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["currency", "week_start", "expected", "optimistic", "pessimistic"])
        data = forecast_json(as_of, args.weeks, result)
        for currency, body in data["currencies"].items():
            for week in body["weeks"]:
                writer.writerow([currency, week["week_start"], week["expected"],
                                 week["optimistic"], week["pessimistic"]])
        return 0
    for currency, fc in sorted(result.items()):
        print(_("Expected cash in ({currency}) from {date}").format(
            currency=currency, date=format_date(as_of)))
        rows = [[_("week of {date}").format(date=format_date(w.week_start)),
                 format_money(w.expected, currency), format_money(w.optimistic, currency),
                 format_money(w.pessimistic, currency)] for w in fc.weeks]
        print_table([_("Week"), _("Expected"), _("Optimistic"), _("Pessimistic")], rows,
                    right={1, 2, 3})
    return 0
