"""clients.csv: new codes are created; known codes are updated with the columns the file has."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from app.db.models import Client
from app.db.repositories import transfer
from app.i18n import LANGUAGES, _
from app.services.dossier import CompanySettings
from app.services.ledger.client_validation import terms_warning
from app.services.transfer.importers.fields import Cells, check_email
from app.services.transfer.importers.reading import CsvTable

COLUMNS = ("code", *transfer.CLIENT_FIELDS)
REQUIRED = ("code", "name")
LENGTHS = {
    "name": 200,
    "email": 200,
    "phone": 40,
    "postcode": 20,
    "city": 100,
    "vat_number": 20,
    "legal_id": 40,
}


@dataclass
class ClientPlan:
    fields: tuple[str, ...]
    new: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0
    warnings: list[tuple[int, str, str]] = field(default_factory=list)  # line, column, text


def _values(cells: Cells, record: Any, settings: CompanySettings) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in ("name", "phone", "address", "postcode", "city", "vat_number", "legal_id"):
        values[name] = cells.text(
            record, name, required=name == "name", max_length=LENGTHS.get(name, 0)
        )
    email = cells.text(record, "email", max_length=200)
    check_email(cells, record, "email", email)
    values["email"] = email
    values["country"] = cells.country(record, "country", settings.country)
    values["vat_number"] = (values["vat_number"] or "").replace(" ", "").upper()
    values["language"] = cells.choice(record, "language", LANGUAGES, settings.language)
    values["client_type"] = cells.choice(
        record, "client_type", ("business", "consumer"), "business"
    )
    values["payment_terms_days"] = cells.integer(record, "payment_terms_days", low=0, high=365)
    values["preferred_channel"] = cells.choice(
        record, "preferred_channel", ("email", "letter", "phone"), "email"
    )
    values["credit_limit"] = cells.amount(record, "credit_limit", currency=settings.currency)
    return values


def validate(
    session: Session, table: CsvTable, settings: CompanySettings, cells: Cells
) -> ClientPlan:
    present = tuple(name for name in transfer.CLIENT_FIELDS if name in table.columns)
    plan = ClientPlan(fields=present)
    existing = transfer.clients_by_code(session)
    first_line: dict[str, int] = {}
    for record in table.records:
        code = cells.text(record, "code", required=True, max_length=40)
        values = _values(cells, record, settings)
        if not code:
            continue
        warning = terms_warning(values["payment_terms_days"], values["client_type"], settings)
        if warning:
            plan.warnings.append((record.line, "payment_terms_days", warning))
        if code in first_line:
            cells.problem(
                record,
                "code",
                _("client {code} already appears on line {line} of this file").format(
                    code=code, line=first_line[code]
                ),
            )
            continue
        first_line[code] = record.line
        current = existing.get(code)
        if current is None:
            plan.new.append({"code": code, **values})
            continue
        change = {name: values[name] for name in present if _differs(current[name], values[name])}
        if change:
            plan.changed.append({"b_id": current["id"], **{n: values[n] for n in present}})
        else:
            plan.unchanged += 1
    return plan


def _differs(old: Any, new: Any) -> bool:
    return bool(old != new)


def write(session: Session, plan: ClientPlan) -> None:
    transfer.insert_rows(session, Client, plan.new)
    transfer.update_clients(session, plan.changed, plan.fields)
