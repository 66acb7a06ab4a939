"""The client's history as table columns: reminders sent or skipped, calls, promises, events."""

from __future__ import annotations

from typing import Any

from app.i18n import N_, _
from app.services.followup.labels import channel_name, outcome_name
from app.ui.widgets.format import day, money
from app.ui.widgets.table_model import Column

KINDS = {
    "call": N_("Call"),
    "meeting": N_("Meeting"),
    "note": N_("Note"),
    "promise": N_("Promise to pay"),
    "dispute": N_("Dispute"),
    "dispute_resolved": N_("Dispute resolved"),
    "pause": N_("Reminders paused"),
    "resume": N_("Reminders resumed"),
    "write_off": N_("Written off"),
    "write_off_cancelled": N_("Write-off cancelled"),
    "credit_note": N_("Credit note"),
    "receipt_confirmation": N_("Receipt confirmation"),
    "courtesy": N_("Courtesy reminder"),
    "reminder_1": N_("First reminder"),
    "reminder_2": N_("Second reminder"),
    "firm_reminder": N_("Firm reminder"),
    "formal_notice": N_("Formal notice"),
    "collection": N_("Collection"),
}
STATUSES = {
    "done": N_("done"),
    "skipped": N_("skipped"),
    "snoozed": N_("postponed"),
    "planned": N_("planned"),
}
CHANNELS = {
    "email": N_("email"),
    "letter": N_("letter"),
    "phone": N_("phone"),
    "manual": N_("manual"),
}


def _what(item: Any) -> str:
    return _(KINDS.get(item.kind, item.kind))


def _how(item: Any) -> str:
    if item.source == "reminder":
        channel = (
            _(CHANNELS[item.channel]) if item.channel in CHANNELS else channel_name(item.channel)
        )
        return f"{channel}, {_(STATUSES.get(item.status, item.status))}"
    return outcome_name(item.outcome) if item.outcome else ""


def _note(item: Any) -> str:
    parts = [item.note] if item.note else []
    if item.promised_date is not None:
        promise = _("promised for {date}").format(date=day(item.promised_date))
        if item.promised_amount is not None:
            promise += " — " + money(item.promised_amount, item.currency or "EUR")
        parts.append(promise)
    return " · ".join(parts)


def history_columns() -> list[Column]:
    return [
        Column(_("Date"), lambda r: day(r.date)),
        Column(_("What"), _what),
        Column(_("How"), _how),
        Column(_("Invoices"), lambda r: ", ".join(r.invoices)),
        Column(_("Note"), _note, tooltip=_note),
    ]
