"""reminders.csv: the follow-up history from another tool; each row one reminder already sent
on that date for those invoices (a done reminder), so the plan goes on from there."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from app.db.repositories import followup as history
from app.db.repositories import transfer
from app.db.repositories.company import get_company
from app.domain.followup.inputs import ClientState
from app.domain.followup.planner import policy_for
from app.domain.followup.policy import ClientType, Policy
from app.i18n import _
from app.services.dossier import CompanySettings
from app.services.followup.outcomes import current_user
from app.services.followup.policies import planner_settings
from app.services.transfer.importers.fields import Cells
from app.services.transfer.importers.reading import CsvTable

COLUMNS = ("date", "client_code", "level", "invoice_numbers", "channel", "note")
REQUIRED = ("date", "client_code", "level", "invoice_numbers")
CHANNELS = ("email", "letter", "phone")


@dataclass
class _Row:
    client_id: int
    on: date
    level: str
    channel: str
    note: str
    invoice_ids: tuple[int, ...]


@dataclass
class ReminderPlan:
    rows: list[_Row] = field(default_factory=list)
    warnings: list[tuple[int, str, str]] = field(default_factory=list)


def validate(
    session: Session, table: CsvTable, settings: CompanySettings, cells: Cells
) -> ReminderPlan:
    plan = ReminderPlan()
    clients = transfer.clients_by_code(session)
    numbers = {n for r in table.records for n in (r.get("invoice_numbers") or "").split()}
    invoices = transfer.invoices_by_number(session, numbers)
    company = get_company(session)
    follow = planner_settings(session, company) if company is not None else None
    for record in table.records:
        code = cells.text(record, "client_code", required=True)
        client = clients.get(code or "")
        if code and client is None:
            cells.problem(record, "client_code", _("unknown client {code}").format(code=code or ""))
        on = cells.date(record, "date", required=True)
        level_code = cells.text(record, "level", required=True, max_length=40) or ""
        policy = _policy(client, follow) if client is not None and follow else None
        if policy is not None and level_code and level_code not in policy.codes:
            cells.problem(
                record,
                "level",
                _("unknown level {level}: the client's policy has {levels}").format(
                    level=level_code, levels=", ".join(policy.codes)
                ),
            )
            policy = None
        raw_channel = (record.get("channel") or "").lower()
        if raw_channel and raw_channel not in CHANNELS:
            cells.problem(record, "channel", _("channel must be email, letter or phone"))
        channel = raw_channel
        if not channel and policy is not None and level_code in policy.codes:
            channel = policy.level(level_code).channel.value
        ids = []
        for number in (record.get("invoice_numbers") or "").split():
            invoice = invoices.get(number)
            if invoice is None or invoice.kind != "invoice":
                cells.problem(
                    record,
                    "invoice_numbers",
                    _("invoice {number} is not in the dossier").format(number=number),
                )
            elif client is not None and invoice.client_id != client["id"]:
                cells.problem(
                    record,
                    "invoice_numbers",
                    _("invoice {number} belongs to another client").format(number=number),
                )
            else:
                ids.append(invoice.id)
        note = cells.text(record, "note", max_length=2000) or ""
        if client is not None and on is not None and level_code and ids:
            plan.rows.append(
                _Row(client["id"], on, level_code, channel or "letter", note, tuple(ids))
            )
    return plan


def _policy(client: dict, follow: object) -> Policy:  # type: ignore[type-arg]
    state = ClientState(
        client["id"],
        client["code"],
        client["name"],
        client_type=ClientType(client.get("client_type") or "business"),
        country=client.get("country") or "FR",
    )
    return policy_for(state, follow)  # type: ignore[arg-type]


def write(session: Session, plan: ReminderPlan) -> None:
    user = current_user()
    for row in plan.rows:
        history.add_reminder(
            session,
            client_id=row.client_id,
            level_code=row.level,
            channel=row.channel,
            planned_date=row.on,
            status="done",
            invoice_ids=row.invoice_ids,
            done_on=row.on,
            note=row.note,
            user_name=user,
        )
