"""Rows of the demo's follow-up history, shaped as the reminder services write them.

Reminders as `reminders_outcomes.Recorder` records them (done, skipped, snoozed; a call is a
reminder done or snoozed by phone plus a call or promise activity), dispute events as
`invoice_actions` notes them, payment plans with their instalments. Days come in as ordinals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

USER = "c.martin"


@dataclass(frozen=True, slots=True)
class InvoiceFollowUp:
    """What the ledger decided for one invoice, as the follow-up needs it (amounts in cents)."""

    id: int
    issue_date: date
    due_date: date
    total: int
    role: str
    settled_on: date | None  # the day nothing was left to pay (None: still open on as_of)
    payments: tuple[tuple[date, int], ...]  # allocations (payments and credit notes) by date
    disputed_reason: str = ""  # still disputed on as_of
    plan: tuple[date, tuple[tuple[date, int], ...]] | None = None  # agreed on, instalments


@dataclass
class HistoryRows:
    """Rows ready for bulk insertion (explicit ids where other rows point at them)."""

    reminders: list[dict[str, Any]] = field(default_factory=list)
    reminder_invoices: list[dict[str, Any]] = field(default_factory=list)
    activities: list[dict[str, Any]] = field(default_factory=list)
    payment_plans: list[dict[str, Any]] = field(default_factory=list)
    instalments: list[dict[str, Any]] = field(default_factory=list)

    def size(self) -> int:
        return len(self.reminders) + len(self.reminder_invoices) + len(self.activities)


@dataclass
class HistoryIds:
    reminder: int = 1
    activity: int = 1
    plan: int = 1
    instalment: int = 1


class HistoryWriter:
    """Appends one client's history rows, with the next ids of the run."""

    def __init__(self, client_id: int, ids: HistoryIds, rows: HistoryRows) -> None:
        self.client_id, self.ids, self.rows = client_id, ids, rows

    def reminder(
        self,
        on: int,
        planned: int,
        level_code: str,
        channel: str,
        status: str,
        invoices: list[tuple[int, int]],
        note: str = "",
        snoozed_until: int | None = None,
    ) -> None:
        """invoices: (id, the due date it follows); a common one is kept as the instalment."""
        reminder_id = self.ids.reminder
        self.ids.reminder += 1
        dues = {due for _id, due in invoices}
        followed = dues.pop() if len(dues) == 1 else None  # reminders_outcomes.followed_instalment
        self.rows.reminders.append(
            {
                "id": reminder_id,
                "client_id": self.client_id,
                "level_code": level_code,
                "channel": channel,
                "planned_date": date.fromordinal(planned),
                "status": status,
                "done_on": date.fromordinal(on),
                "snoozed_until": date.fromordinal(snoozed_until) if snoozed_until else None,
                "instalment_due": date.fromordinal(followed) if followed else None,
                "note": note,
                "user_name": USER,
                "document_path": "",
                "document_sha256": "",
            }
        )
        self.rows.reminder_invoices.extend(
            {"reminder_id": reminder_id, "invoice_id": invoice_id}
            for invoice_id in sorted({invoice_id for invoice_id, _due in invoices})
        )

    def activity(
        self,
        kind: str,
        on: int,
        invoice_id: int | None,
        outcome: str = "",
        note: str = "",
        promised: int | None = None,
        amount: int | None = None,
    ) -> None:
        self.rows.activities.append(
            {
                "id": self.ids.activity,
                "client_id": self.client_id,
                "invoice_id": invoice_id,
                "kind": kind,
                "date": date.fromordinal(on),
                "outcome": outcome,
                "note": note,
                "promised_date": date.fromordinal(promised) if promised else None,
                "promised_amount": amount,
                "currency": "EUR",
                "user_name": USER,
                "document_path": "",
                "document_sha256": "",
            }
        )
        self.ids.activity += 1

    def payment_plan(
        self, invoice_id: int, agreed: date, parts: tuple[tuple[date, int], ...], note: str
    ) -> None:
        plan_id = self.ids.plan
        self.ids.plan += 1
        self.rows.payment_plans.append(
            {
                "id": plan_id,
                "invoice_id": invoice_id,
                "agreed_on": agreed,
                "note": note,
                "cancelled": False,
            }
        )
        for due, amount in parts:
            self.rows.instalments.append(
                {"id": self.ids.instalment, "plan_id": plan_id, "due_date": due, "amount": amount}
            )
            self.ids.instalment += 1
