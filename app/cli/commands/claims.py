"""`relance claim`: late interest, recovery indemnity and total on one invoice."""

from __future__ import annotations

import argparse
from decimal import Decimal

from app.bootstrap import Services
from app.cli.output import emit, print_table, today
from app.domain.claims.claim import CLAUSE_REQUIRED, Claim, claim_as_dict
from app.domain.claims.limitation import PAST, TODAY, limitation_rule, limitation_status
from app.domain.claims.rates import RateUnavailable
from app.domain.errors import RelanceError
from app.i18n import _, format_date, format_money, format_number
from app.services.claims.labels import indemnity_label, interest_label
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
    if claim.disputed:
        print(_("Disputed invoice: claim nothing before the dispute is settled."))
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
    for label, value in _summary(claim):
        print(f"{label}  {format_money(value, cur)}")
    if CLAUSE_REQUIRED in claim.notes:
        print(_("No damages or reminder costs: the terms of sale have no CDE XIX.4 clause."))
    _print_limitation(claim)
    return 0


def _summary(claim: Claim) -> list[tuple[str, Decimal]]:
    """The lines of the claim; a consumer never reads about an indemnity he does not owe."""
    lines = [(_("Principal"), claim.principal)]
    lines.append((interest_label(claim.jurisdiction, claim.client_type), claim.interest))
    fixed = indemnity_label(claim.jurisdiction, claim.client_type)
    if claim.client_type == "business" and fixed:
        lines.append((fixed, claim.recovery_indemnity))
    elif fixed and claim.damages > 0:
        lines.append((fixed, claim.damages))
    lines += [(_("Fees"), claim.fees), (_("Total claimed"), claim.total)]
    width = max(len(label) for label, _value in lines)
    return [(label.ljust(width), value) for label, value in lines]


def _print_limitation(claim: Claim) -> None:
    if claim.limitation_date is None:
        return
    rule = limitation_rule(claim.jurisdiction, claim.client_type)
    articles = ", ".join(rule.articles)
    day = format_date(claim.limitation_date)
    status = limitation_status(claim.limitation_date, claim.as_of)
    if status in (PAST, TODAY):
        text = _("Warning: the claim may be time-barred since {date} ({articles}).")
    elif status is not None:
        text = _("Warning: the claim becomes time-barred on {date} ({articles}).")
    else:
        text = _("Limitation: {date} ({articles}).")
    print(text.format(date=day, articles=articles))
