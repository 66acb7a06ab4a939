"""The plain files of a collection file: the summary CSV, reminders and activities CSVs, the
claim of each invoice as text, and the SHA256SUMS list."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal

from app.db.queries.collection import ActivityItem, InvoiceOnDate
from app.domain.claims.claim import Claim
from app.domain.money import ZERO, format_plain
from app.services.cells import spreadsheet_row

SUMMARY_COLUMNS = (
    "number",
    "issue_date",
    "due_date",
    "total",
    "open_balance",
    "days_late",
    "interest",
    "indemnity",
    "reminders_sent",
    "last_reminder_date",
    "currency",
    "limitation_date",
)
REMINDER_COLUMNS = (
    "date",
    "level",
    "channel",
    "invoices",
    "document",
    "sha256_recorded",
    "sha256_of_copy",
    "document_status",
    "note",
)
ACTIVITY_COLUMNS = (
    "date",
    "kind",
    "outcome",
    "invoice",
    "promised_date",
    "promised_amount",
    "currency",
    "document",
    "note",
)


def csv_bytes(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """The docs/commands.md CSV form: UTF-8, comma, ISO dates, amounts with a dot."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(spreadsheet_row(["" if v is None else v for v in row]))
    return out.getvalue().encode("utf-8")


def summary_row(
    invoice: InvoiceOnDate,
    claim: Claim | None,
    reminders: list[date],
    limit: date,
) -> list[object]:
    currency = invoice.currency
    return [
        invoice.number,
        invoice.issue_date.isoformat(),
        invoice.due_date.isoformat(),
        format_plain(invoice.total, currency),
        format_plain(invoice.balance, currency),
        claim.days_late if claim else 0,
        format_plain(claim.interest if claim else ZERO, currency),
        format_plain(claim.fixed_indemnity if claim else ZERO, currency),
        len(reminders),
        max(reminders).isoformat() if reminders else "",
        currency,
        limit.isoformat(),
    ]


def activity_row(item: ActivityItem, document: str) -> list[object]:
    return [
        item.date.isoformat(),
        item.kind,
        item.outcome,
        item.invoice,
        item.promised_date.isoformat() if item.promised_date else "",
        format_plain(item.promised_amount, item.currency) if item.promised_amount else "",
        item.currency,
        document,
        item.note,
    ]


def claim_text(
    invoice: InvoiceOnDate,
    claim: Claim,
    client_code: str,
    tr: Callable[[str], str],
    money: Callable[[object, str], str],
    day: Callable[[date], str],
    percent: Callable[[Decimal], str],
) -> bytes:
    """What can be claimed on one invoice, period by period, readable without the program."""
    c = invoice.currency
    lines = [
        tr("Claim on invoice {number}").format(number=invoice.number),
        tr("Client: {code}").format(code=client_code),
        tr("Computed on: {date}").format(date=day(claim.as_of)),
        tr("Issued: {issued} · due: {due} · amount: {total}").format(
            issued=day(invoice.issue_date), due=day(invoice.due_date), total=money(invoice.total, c)
        ),
        tr("Days late: {days}").format(days=claim.days_late),
        "",
        tr("Interest periods (simple interest, days/365):"),
    ]
    for p in claim.interest_periods:
        lines.append(
            "  "
            + tr("{first} to {last}: {days} days at {rate} on {principal} = {interest}").format(
                first=day(p.first_day),
                last=day(p.last_day),
                days=p.days,
                rate=percent(p.rate_percent),
                principal=money(p.principal, c),
                interest=money(p.interest, c),
            )
        )
    if not claim.interest_periods:
        lines.append("  " + tr("none"))
    lines += [
        "",
        tr("Principal: {amount}").format(amount=money(claim.principal, c)),
        tr("Interest: {amount}").format(amount=money(claim.interest, c)),
        tr("Fixed recovery indemnity: {amount}").format(amount=money(claim.fixed_indemnity, c)),
        tr("Fees: {amount}").format(amount=money(claim.fees, c)),
        tr("Total: {amount}").format(amount=money(claim.total, c)),
    ]
    if invoice.disputed:
        lines += ["", tr("This invoice is disputed: settle the dispute before claiming it.")]
    return ("\n".join(lines) + "\n").encode("utf-8")


def sha256sums(files: dict[str, bytes]) -> bytes:
    """The `sha256sum -c` format: '<hex>  <name>' per file, in the zip's order."""
    return "".join(
        f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in files.items()
    ).encode("utf-8")
