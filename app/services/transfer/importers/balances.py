"""An invoice file's `balance` column (reste à payer, balance due): the part already paid,
total − balance, becomes one payment allocated to that invoice, so the aging is right from the
first day. It is dated the due date, or the import date when the due date is still ahead, and
never before the issue date: a settled old invoice then counts as paid on time (no late
interest is claimed on it) and an open one shows only what is left."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.db.models import Payment, PaymentLine
from app.db.repositories import transfer
from app.i18n import _
from app.services.transfer.importers.fields import Cells
from app.services.transfer.importers.reading import Record


def paid_on(issued: date, due: date, today: date) -> date:
    return max(issued, min(due, today))


def paid_part(
    cells: Cells, record: Record, row: dict[str, Any], today: date
) -> dict[str, Any] | None:
    """The payment behind one row's balance (None when nothing was paid or the row is bad)."""
    if not record.get("balance"):
        return None
    balance = cells.amount(record, "balance", currency=row["currency"])
    if balance is None:
        return None
    if row["kind"] != "invoice":
        if balance:
            cells.problem(record, "balance", _("a credit note has no balance to pay"))
        return None
    total = row["total"]
    if total is None or row["issue_date"] is None or row["due_date"] is None:
        return None
    if balance > total:
        cells.problem(
            record,
            "balance",
            _("the balance {balance} is more than the total {total}").format(
                balance=balance, total=total
            ),
        )
        return None
    if balance == total:
        return None
    return {
        "number": row["number"],
        "client_id": row["client_id"],
        "date": paid_on(row["issue_date"], row["due_date"], today),
        "amount": total - balance,
        "currency": row["currency"],
    }


def write(session: Session, settled: list[dict[str, Any]], ids: dict[str, int]) -> None:
    """One payment per paid part, each allocated to its invoice (ids by invoice number)."""
    if not settled:
        return
    reference = _("paid before the import")
    payments = [
        {
            "client_id": part["client_id"],
            "date": part["date"],
            "amount": part["amount"],
            "currency": part["currency"],
            "method": "",
            "reference": reference,
        }
        for part in settled
    ]
    payment_ids = transfer.insert_returning_ids(session, Payment, payments)
    lines = [
        {"payment_id": payment_id, "invoice_id": ids[part["number"]], "amount": part["amount"]}
        for payment_id, part in zip(payment_ids, settled, strict=True)
    ]
    transfer.insert_rows(session, PaymentLine, lines)


def total_paid(settled: list[dict[str, Any]]) -> Decimal:
    return sum((part["amount"] for part in settled), Decimal(0))
