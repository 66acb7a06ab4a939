"""`relance claim`: late interest, recovery indemnity and total on one invoice."""

from __future__ import annotations

import argparse

from app.bootstrap import Services
from app.cli.output import emit, print_table, today
from app.domain.claims.claim import claim_as_dict
from app.domain.claims.rates import RateUnavailable
from app.domain.errors import RelanceError
from app.i18n import _, format_date, format_money, format_number
from app.services.claims.rates import describe_rate_unavailable


def cmd_claim(services: Services, args: argparse.Namespace) -> int:

    as_of = args.as_of or today()
    try:
        claim, number, client = services.claims.claim(args.invoice, as_of)
    except RateUnavailable as error:
        raise RelanceError(describe_rate_unavailable(error)) from error
    if args.format == "json":
        emit(claim_as_dict(claim, invoice=number, client=client))
        return 0
    cur = claim.currency
    print(
        _("Claim on invoice {number} ({client}) on {date}").format(
            number=number, client=client, date=format_date(as_of)
        )
    )
    rows = [
        [
            format_date(p.first_day),
            format_date(p.last_day),
            str(p.days),
            format_number(p.rate_percent) + " %",
            format_money(p.principal, cur),
            format_money(p.interest, cur),
        ]
        for p in claim.interest_periods
    ]
    if rows:
        print_table([_("From"), _("To"), _("Days"), _("Rate"), _("Balance"), _("Interest")], rows)
    summary = [
        (_("Principal"), claim.principal),
        (_("Late interest"), claim.interest),
        (_("Recovery indemnity"), claim.fixed_indemnity),
        (_("Fees"), claim.fees),
        (_("Total claimed"), claim.total),
    ]
    width = max(len(label) for label, _value in summary)
    for label, value in summary:
        print(f"{label.ljust(width)}  {format_money(value, cur)}")
    return 0
