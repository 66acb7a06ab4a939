"""Writing a checked FEC plan through the CSV imports' own writing paths: clients, then
invoices and credit notes, then payments with one line per lettered invoice; the unit of work
recomputes the allocations of every client touched."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.db.models import Client
from app.db.repositories import transfer
from app.db.repositories.ledger import touch_clients
from app.db.repositories.payments import add_application
from app.services.dossier import CompanySettings
from app.services.transfer.importers import invoices, payments
from app.services.transfer.sources.fec import FecPlan, due_date
from app.services.transfer.sources.fec_later import write_late


def write_fec(session: Session, plan: FecPlan, settings: CompanySettings) -> None:
    transfer.insert_rows(session, Client, plan.new_clients)
    clients = {code: row["id"] for code, row in transfer.clients_by_code(session).items()}
    currency = settings.currency
    sales = invoices.InvoicePlan()
    spread: list[tuple[str, int, Any, list[tuple[str, Decimal]]]] = []
    for doc in plan.docs:
        if doc.known:
            continue
        row: dict[str, Any] = {
            "number": doc.number,
            "client_id": clients[doc.client],
            "kind": doc.kind,
            "issue_date": doc.issue_date,
            "due_date": due_date(plan, doc, settings),
            "currency": currency,
            "total": doc.total,
            "reference": "",
            "description": doc.label,
        }
        if doc.kind == "invoice":
            sales.invoices.append(row)
            continue
        # One invoice lettered: the note applies to it; several: one application each.
        row["applies_to"] = doc.parts[0][0] if len(doc.parts) == 1 else None
        sales.credit_notes.append(row)
        if len(doc.parts) > 1:
            spread.append((doc.number, clients[doc.client], doc.issue_date, doc.parts))
    invoices.write(session, sales)
    wanted = {n for r in plan.new_receipts for n, _a in r.parts if n} | {
        n for number, _c, _d, parts in spread for n in [number, *(p for p, _a in parts)]
    }
    ids = {number: ref.id for number, ref in transfer.invoices_by_number(session, wanted).items()}
    received = payments.PaymentPlan()
    for receipt in plan.new_receipts:
        group = payments._Group(
            receipt.line,
            clients[receipt.client],
            receipt.date,
            currency,
            receipt.method,
            receipt.reference,
        )
        group.lines = [
            {"invoice_id": ids[number] if number else None, "amount": amount}
            for number, amount in receipt.parts
        ]
        received.groups.append(group)
    payments.write(session, received)
    for number, _client, on, parts in spread:
        for invoice, amount in parts:
            add_application(session, "credit_note", ids[number], ids[invoice], on, amount)
    touch_clients(session, {client_id for _n, client_id, _d, _p in spread})
    write_late(session, plan.late)
