"""invoices.csv: invoices and credit notes; numbers are new, clients and targets must exist."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from app.db.models import Client, Invoice
from app.db.repositories import transfer
from app.db.repositories.ledger import touch_clients
from app.domain.terms import due_date_beyond_cap
from app.i18n import _
from app.services.dossier import CompanySettings
from app.services.transfer.importers import balances
from app.services.transfer.importers.fields import Cells
from app.services.transfer.importers.reading import CsvTable, Record

COLUMNS = (
    "number",
    "client_code",
    "issue_date",
    "due_date",
    "total",
    "currency",
    "kind",
    "applies_to",
    "net_amount",
    "tax_amount",
    "reference",
    "description",
    "late_interest_rate",
)
# balance (reste à payer) is read, never exported: balances.py; client_name names the clients
# --create-clients makes of the unknown codes
READ = (*COLUMNS, "balance", "client_name")
REQUIRED = ("number", "client_code", "issue_date", "total")


@dataclass(frozen=True)
class _Known:
    """An invoice the file's credit notes may point at: in the dossier or above in the file."""

    line: int | None
    client_id: int
    kind: str
    currency: str


@dataclass
class InvoicePlan:
    invoices: list[dict[str, Any]] = field(default_factory=list)
    credit_notes: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[tuple[int, str, str]] = field(default_factory=list)  # line, column, text
    settled: list[dict[str, Any]] = field(default_factory=list)  # balances.paid_part
    new_clients: dict[str, str] = field(default_factory=dict)  # code → name, --create-clients
    for_new_client: list[tuple[dict[str, Any], str]] = field(default_factory=list)  # row, code
    changed: list[dict[str, Any]] = field(default_factory=list)  # re-imported: b_id + values
    unchanged: int = 0


def validate(
    session: Session,
    table: CsvTable,
    settings: CompanySettings,
    cells: Cells,
    today: date | None = None,
    create_clients: bool = False,
) -> InvoicePlan:
    plan = InvoicePlan()
    clients = transfer.clients_by_code(session)
    by_id = {client["id"]: client for client in clients.values()}
    day = today or date.today()  # noqa: DTZ011 - the user's calendar day
    with_balance = "balance" in table.columns
    wanted = {r.get("number") for r in table.records} | {r.get("applies_to") for r in table.records}
    in_dossier = transfer.invoices_by_number(session, wanted - {""})
    known: dict[str, _Known] = {
        number: _Known(None, ref.client_id, ref.kind, ref.currency)
        for number, ref in in_dossier.items()
    }
    current = transfer.invoice_values(session, (ref.id for ref in in_dossier.values()))
    for record in table.records:
        code = _new_client(cells, record, clients, plan, create_clients)
        row = _row(cells, record, settings, clients)
        if code is not None:
            plan.for_new_client.append((row, code))
        number = row["number"]
        ref = in_dossier.get(number)
        if ref is not None and known[number].line is None and _same(ref, row):
            known[number] = _Known(record.line, ref.client_id, ref.kind, ref.currency)
            _reimported(cells, record, row, current[ref.id], plan)
            continue
        if number:
            if number in known:
                _duplicate(cells, record, number, known[number])
            elif row["client_id"] is not None:
                known[number] = _Known(record.line, row["client_id"], row["kind"], row["currency"])
        target_number = row.pop("applies_to")
        if row["kind"] == "credit_note":
            row["due_date"] = row["issue_date"]
            if target_number:
                row["applies_to"] = target_number
                _check_target(cells, record, row, known.get(target_number))
            plan.credit_notes.append(row)
        else:
            if target_number:
                cells.problem(record, "applies_to", _("only a credit note applies to an invoice"))
            plan.invoices.append(row)
            _warn_terms(plan, record, row, by_id.get(row["client_id"]), settings)
        if with_balance:
            paid = balances.paid_part(cells, record, row, day)
            if paid is not None:
                plan.settled.append(paid)
    return plan


def _same(ref: Any, row: dict[str, Any]) -> bool:
    """An invoice of the dossier under the same client: the file's row updates it."""
    return bool(ref.kind == "invoice" == row["kind"] and ref.client_id == row["client_id"])


def _reimported(
    cells: Cells, record: Record, row: dict[str, Any], old: dict[str, Any], plan: InvoicePlan
) -> None:
    """Re-importing the same file updates what changed and leaves the rest (no duplicate)."""
    if row.get("applies_to"):
        cells.problem(record, "applies_to", _("only a credit note applies to an invoice"))
    new = {name: row[name] for name in transfer.INVOICE_FIELDS}
    if new["currency"] != old["currency"] and old["allocated"]:
        cells.problem(
            record,
            "currency",
            _(
                "invoice {number} already has payments in {currency}: its currency cannot change"
            ).format(number=row["number"], currency=old["currency"]),
        )
    if any(new[name] != old[name] for name in transfer.INVOICE_FIELDS):
        plan.changed.append({"b_id": old["id"], "client_id": row["client_id"], **new})
    else:
        plan.unchanged += 1


def _warn_terms(
    plan: InvoicePlan,
    record: Record,
    row: dict[str, Any],
    client: dict[str, Any] | None,
    settings: CompanySettings,
) -> None:
    """A due date beyond the L441-10 cap is imported as it is, with a warning on stderr."""
    issued, due = row["issue_date"], row["due_date"]
    if client is None or issued is None or due is None:
        return
    if due_date_beyond_cap(issued, due, settings.country, client["client_type"]):
        plan.warnings.append(
            (
                record.line,
                "due_date",
                _(
                    "due {days} days after the issue date: beyond the legal cap between French "
                    "businesses (60 days, or 45 days end of month; C. com. L441-10)"
                ).format(days=(due - issued).days),
            )
        )


def _new_client(
    cells: Cells,
    record: Record,
    clients: dict[str, dict[str, Any]],
    plan: InvoicePlan,
    create: bool,
) -> str | None:
    """An unknown client code with a name beside it: a client to create (--create-clients)."""
    code = record.get("client_code").strip()
    name = record.get("client_name").strip()
    if not code or code in clients or not name:
        return None
    if not create:
        cells.problem(
            record,
            "client_code",
            _(
                "unknown client {code}: add --create-clients (or tick the box in the import "
                "window) to create it from the name {name}"
            ).format(code=code, name=name),
        )
        return None
    plan.new_clients.setdefault(code, name[:200])
    return code


def _row(
    cells: Cells, record: Record, settings: CompanySettings, clients: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    number = cells.text(record, "number", required=True, max_length=60)
    code = cells.text(record, "client_code", required=True)
    client = clients.get(code or "")
    if code and client is None and not record.get("client_name").strip():
        cells.problem(
            record,
            "client_code",
            _("unknown client {code}: import it with the clients file first").format(code=code),
        )
    kind = cells.choice(record, "kind", ("invoice", "credit_note"), "invoice")
    currency = cells.currency(record, "currency", settings.currency)
    issue_date = cells.date(record, "issue_date", required=True)
    due_date = cells.date(record, "due_date")
    if issue_date and due_date and due_date < issue_date and kind == "invoice":
        cells.problem(record, "due_date", _("the due date is before the issue date"))
    if issue_date and due_date is None:
        terms = client["payment_terms_days"] if client else None
        due_date = issue_date + timedelta(days=settings.terms_days if terms is None else terms)
    total = cells.amount(record, "total", required=True, positive=True, currency=currency)
    net = cells.amount(record, "net_amount", currency=currency)
    tax = cells.amount(record, "tax_amount", currency=currency)
    if total is not None and net is not None and tax is not None and net + tax != total:
        cells.problem(
            record,
            "total",
            _("net amount {net} plus tax {tax} is not the total {total}").format(
                net=net, tax=tax, total=total
            ),
        )
    return {
        "number": number,
        "client_id": client["id"] if client else None,
        "kind": kind,
        "issue_date": issue_date,
        "due_date": due_date,
        "currency": currency,
        "total": total,
        "net_amount": net,
        "tax_amount": tax,
        "reference": cells.text(record, "reference", max_length=100),
        "description": cells.text(record, "description"),
        "applies_to": cells.text(record, "applies_to"),
        "late_interest_rate": cells.percent(record, "late_interest_rate"),
    }


def _duplicate(cells: Cells, record: Record, number: str, first: _Known) -> None:
    if first.line is None:
        message = _("invoice number {number} is already in the dossier").format(number=number)
    else:
        message = _("invoice number {number} already appears on line {line}").format(
            number=number, line=first.line
        )
    cells.problem(record, "number", message)


def _check_target(cells: Cells, record: Record, row: dict[str, Any], target: _Known | None) -> None:
    number = row["applies_to"]
    if target is None:
        cells.problem(
            record,
            "applies_to",
            _("invoice {number} is neither in the dossier nor above in this file").format(
                number=number
            ),
        )
    elif target.kind != "invoice":
        cells.problem(
            record,
            "applies_to",
            _("{number} is a credit note, not an invoice").format(number=number),
        )
    elif row["client_id"] is not None and target.client_id != row["client_id"]:
        cells.problem(
            record,
            "applies_to",
            _("invoice {number} belongs to another client").format(number=number),
        )
    elif target.currency != row["currency"]:
        cells.problem(
            record,
            "applies_to",
            _("invoice {number} is in {currency}, the credit note in {other}").format(
                number=number, currency=target.currency, other=row["currency"]
            ),
        )


def write(session: Session, plan: InvoicePlan) -> None:
    if plan.changed:
        transfer.update_invoices(session, plan.changed)
        touch_clients(session, {row["client_id"] for row in plan.changed})
    if plan.new_clients:
        rows = [{"code": code, "name": name} for code, name in plan.new_clients.items()]
        new_ids = transfer.insert_returning_ids(session, Client, rows)
        ids = dict(zip(plan.new_clients, new_ids, strict=True))
        for row, code in plan.for_new_client:
            row["client_id"] = ids[code]
    if plan.settled:
        new_ids = transfer.insert_returning_ids(session, Invoice, plan.invoices)
        numbers = {row["number"]: id_ for row, id_ in zip(plan.invoices, new_ids, strict=True)}
        balances.write(session, plan.settled, numbers)
        touch_clients(session, {part["client_id"] for part in plan.settled})
    else:
        transfer.insert_rows(session, Invoice, plan.invoices)
    if not plan.credit_notes:
        return
    targets = {row["applies_to"] for row in plan.credit_notes if row.get("applies_to")}
    ids = {number: ref.id for number, ref in transfer.invoices_by_number(session, targets).items()}
    applied, standalone = [], []
    for row in plan.credit_notes:
        values = dict(row)
        number = values.pop("applies_to", None)
        if number:
            applied.append({**values, "applies_to_id": ids[number]})
        else:
            standalone.append(values)
    transfer.insert_rows(session, Invoice, applied)
    transfer.insert_rows(session, Invoice, standalone)
    touch_clients(session, {row["client_id"] for row in plan.credit_notes})
