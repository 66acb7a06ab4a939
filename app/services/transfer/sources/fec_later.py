"""Lettering done after a first import: a receipt or credit note already in the dossier that a
newer FEC letters with an invoice is applied to that invoice (a credit application, as the user
would make it by hand), once; importing the same FEC again adds nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from app.db.repositories import transfer
from app.db.repositories.ledger import touch_clients
from app.db.repositories.payments import add_application
from app.services.transfer.sources.fec import FecPlan


@dataclass(frozen=True)
class LateApplication:
    kind: str  # payment | credit_note
    source_id: int  # the payment line or the credit note
    client_id: int
    number: str  # the invoice
    amount: Decimal
    on: date


def plan_late(session: Session, plan: FecPlan) -> list[LateApplication]:
    ids = {code: row["id"] for code, row in transfer.clients_by_code(session).items()}
    receipts = [r for r in plan.receipts if r.known and any(n for n, _a in r.parts)]
    notes = [d for d in plan.docs if d.kind == "credit_note" and d.known and d.parts]
    numbers = {n for r in receipts for n, _a in r.parts if n} | {
        n for d in notes for n in [d.number, *(p for p, _a in d.parts)]
    }
    invoices = transfer.invoices_by_number(session, numbers)
    late: list[LateApplication] = []
    keys = {(ids[r.client], r.date, r.reference) for r in receipts}
    lines = transfer.payment_lines_of(session, keys)
    applied = transfer.applications_of(
        session, "payment", [i for ls in lines.values() for i, _ in ls]
    )
    for receipt in receipts:
        key = (ids[receipt.client], receipt.date, receipt.reference)
        mine = lines.get(key, [])
        free = [line for line, invoice in mine if invoice is None]
        for number, amount in receipt.parts:
            ref = invoices.get(number) if number else None
            if not number or not free:
                continue
            if ref is not None and any(
                invoice == ref.id or (line, ref.id) in applied for line, invoice in mine
            ):
                continue
            late.append(LateApplication("payment", free[0], key[0], number, amount, receipt.date))
    note_ids = {d.number: invoices[d.number].id for d in notes if d.number in invoices}
    targets = transfer.credit_note_targets(session, note_ids.values())
    used = transfer.applications_of(session, "credit_note", note_ids.values())
    for doc in notes:
        note = note_ids.get(doc.number)
        if note is None:
            continue
        for number, amount in doc.parts:
            ref = invoices.get(number)
            if ref is not None and (targets.get(note) == ref.id or (note, ref.id) in used):
                continue
            late.append(
                LateApplication(
                    "credit_note", note, ids[doc.client], number, amount, doc.issue_date
                )
            )
    return late


def write_late(session: Session, late: list[LateApplication]) -> None:
    refs = transfer.invoices_by_number(session, {a.number for a in late})
    for a in late:
        add_application(session, a.kind, a.source_id, refs[a.number].id, a.on, a.amount)
    touch_clients(session, {a.client_id for a in late})
