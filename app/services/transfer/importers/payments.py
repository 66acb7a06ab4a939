"""payments.csv: rows sharing a reference are one payment, each row one part for one invoice."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.db.models import Payment, PaymentLine
from app.db.repositories import transfer
from app.db.repositories.ledger import touch_clients
from app.domain.money import MAX_AMOUNT
from app.i18n import _
from app.services.dossier import CompanySettings
from app.services.transfer.importers.fields import Cells
from app.services.transfer.importers.reading import CsvTable, Record

COLUMNS = (
    "date",
    "client_code",
    "amount",
    "invoice_number",
    "reference",
    "method",
    "currency",
)
REQUIRED = ("date", "client_code", "amount")


@dataclass
class _Group:
    line: int
    client_id: int | None
    date: date | None
    currency: str
    method: str
    reference: str
    lines: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class PaymentPlan:
    groups: list[_Group] = field(default_factory=list)
    warnings: list[tuple[int, str, str]] = field(default_factory=list)  # line, column, text

    @property
    def line_count(self) -> int:
        return sum(len(g.lines) for g in self.groups)


def validate(
    session: Session,
    table: CsvTable,
    settings: CompanySettings,
    cells: Cells,
    allow_duplicates: bool = False,
) -> PaymentPlan:
    plan = PaymentPlan()
    clients = transfer.clients_by_code(session)
    invoices = transfer.invoices_by_number(
        session, {r.get("invoice_number") for r in table.records}
    )
    recorded = transfer.existing_payments(session, {r.get("reference") for r in table.records})
    by_reference: dict[str, _Group] = {}
    for record in table.records:
        code = cells.text(record, "client_code", required=True)
        client = clients.get(code or "")
        if code and client is None:
            cells.problem(
                record,
                "client_code",
                _("unknown client {code}: import it with the clients file first").format(code=code),
            )
        client_id = client["id"] if client else None
        paid_on = cells.date(record, "date", required=True)
        currency = cells.currency(record, "currency", settings.currency)
        amount = cells.amount(record, "amount", required=True, positive=True, currency=currency)
        reference = cells.text(record, "reference", max_length=200) or ""
        method = cells.text(record, "method", max_length=40) or ""
        invoice_id = _target(cells, record, invoices, client_id, currency, plan)
        _check_issued(cells, record, invoices, paid_on)
        group = by_reference.get(reference) if reference else None
        if group is None:
            group = _Group(record.line, client_id, paid_on, currency, method, reference)
            plan.groups.append(group)
            if reference:
                by_reference[reference] = group
                if client_id is not None and (client_id, paid_on, reference) in recorded:
                    cells.problem(
                        record,
                        "reference",
                        _(
                            "a payment {reference} of this client on this date is already "
                            "recorded: remove the rows already imported"
                        ).format(reference=reference),
                    )
        else:
            _check_same_payment(cells, record, group, client_id, paid_on, currency)
            group.method = group.method or method
        group.lines.append({"invoice_id": invoice_id, "amount": amount})
    _check_duplicates(session, plan, cells, allow_duplicates)
    for group in plan.groups:
        total = sum((line["amount"] or Decimal(0) for line in group.lines), Decimal(0))
        if total > MAX_AMOUNT:
            cells.problem(
                group.line,
                "amount",
                _("'{value}' is beyond the largest amount accepted ({limit})").format(
                    value=total, limit=MAX_AMOUNT
                ),
            )
    return plan


def _check_issued(
    cells: Cells,
    record: Record,
    invoices: dict[str, transfer.InvoiceRef],
    paid_on: date | None,
) -> None:
    invoice = invoices.get(record.get("invoice_number"))
    if invoice is None or invoice.issue_date is None or paid_on is None:
        return
    if paid_on < invoice.issue_date:
        cells.problem(
            record,
            "date",
            _("the payment is dated before invoice {number} was issued ({issued})").format(
                number=invoice.number, issued=invoice.issue_date.isoformat()
            ),
        )


def _check_duplicates(session: Session, plan: PaymentPlan, cells: Cells, allowed: bool) -> None:
    """A payment without a reference that repeats one (same client, date, amount, invoice)
    already recorded or above in the file is refused unless duplicates are allowed."""
    single = [g for g in plan.groups if not g.reference and g.client_id is not None]
    recorded = transfer.unreferenced_payments(
        session, {g.client_id for g in single if g.client_id is not None}
    )
    seen: dict[tuple[object, ...], int] = {}
    refused = {problem.line for problem in cells.problems}
    for group in single:
        [line] = group.lines
        if group.line in refused:
            continue
        key = (group.client_id, group.date, line["amount"], line["invoice_id"])
        if None in key[1:3]:
            continue
        if key in seen:
            where = _("it repeats line {line} of this file").format(line=seen[key])
        elif key in recorded:
            where = _("the dossier already has it")
        else:
            seen[key] = group.line
            continue
        text = _(
            "same client, date, amount and invoice as another payment without a reference "
            "({where}): if it really is another payment, confirm with --allow-duplicates"
        ).format(where=where)
        if allowed:
            plan.warnings.append((group.line, "amount", text))
        else:
            cells.problem(group.line, "amount", text)


def _target(
    cells: Cells,
    record: Record,
    invoices: dict[str, transfer.InvoiceRef],
    client_id: int | None,
    currency: str,
    plan: PaymentPlan,
) -> int | None:
    number = record.get("invoice_number")
    if not number:
        return None
    invoice = invoices.get(number)
    if invoice is None:
        cells.problem(
            record,
            "invoice_number",
            _("invoice {number} is not in the dossier").format(number=number),
        )
        return None
    if invoice.kind != "invoice":
        cells.problem(
            record,
            "invoice_number",
            _("{number} is a credit note, not an invoice").format(number=number),
        )
        return None
    if client_id is not None and invoice.client_id != client_id:
        cells.problem(
            record,
            "invoice_number",
            _("invoice {number} belongs to another client").format(number=number),
        )
        return None
    if invoice.currency != currency:
        plan.warnings.append(
            (
                record.line,
                "currency",
                _(
                    "invoice {number} is in {currency}, the payment in {other}: "
                    "the payment stays as the client's credit"
                ).format(number=number, currency=invoice.currency, other=currency),
            )
        )
    return invoice.id


def _check_same_payment(
    cells: Cells,
    record: Record,
    group: _Group,
    client_id: int | None,
    paid_on: date | None,
    currency: str,
) -> None:
    """Rows sharing a reference are one payment: one date, one client, one currency."""
    for column, mine, theirs in (
        ("client_code", client_id, group.client_id),
        ("date", paid_on, group.date),
        ("currency", currency, group.currency),
    ):
        if mine is not None and theirs is not None and mine != theirs:
            cells.problem(
                record,
                column,
                _(
                    "rows with reference {reference} are one payment and must share the "
                    "{column} of line {line}"
                ).format(reference=group.reference, column=column, line=group.line),
            )


def write(session: Session, plan: PaymentPlan) -> None:
    payments = [
        {
            "client_id": g.client_id,
            "date": g.date,
            "amount": sum((line["amount"] for line in g.lines), Decimal(0)),
            "currency": g.currency,
            "method": g.method,
            "reference": g.reference,
        }
        for g in plan.groups
    ]
    ids = transfer.insert_returning_ids(session, Payment, payments)
    lines = [
        {"payment_id": payment_id, **line}
        for payment_id, group in zip(ids, plan.groups, strict=True)
        for line in group.lines
    ]
    transfer.insert_rows(session, PaymentLine, lines)
    touch_clients(session, {g.client_id for g in plan.groups if g.client_id is not None})
