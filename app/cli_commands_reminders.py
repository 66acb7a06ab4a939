"""`relance agenda`: the planned follow-up actions as a table, JSON or an iCalendar file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from app.bootstrap import Services
from app.i18n import _, format_date, format_money
from app.services.reminders import AgendaEntry
from app.services.reminders_labels import channel_name

ICS_DOMAIN = "relance"


def ics_uid(entry: AgendaEntry) -> str:
    """Stable while the same invoices wait for the same level: the action key and currency."""
    return f"{entry.uid.replace('@', '_')}@{ICS_DOMAIN}"


def agenda_ics(entries: Sequence[AgendaEntry], calendar_name: str) -> bytes:
    """One all-day event per agenda entry (so the counts match the JSON); opens in Outlook,
    Apple Calendar and Thunderbird."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Relance//Follow-up agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", calendar_name)
    stamp = datetime.now(UTC).replace(microsecond=0)
    for entry in entries:
        amount = format_money(entry.amount, entry.currency)
        event = Event()
        event.add("uid", ics_uid(entry))
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.date)
        event.add("dtend", entry.date + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("summary", _("{level} — {client} ({amount})").format(
            level=entry.level_label or entry.level, client=entry.client_name, amount=amount))
        lines = [
            _("Client {code}; invoices: {invoices}; channel: {channel}").format(
                code=entry.client, invoices=", ".join(entry.invoices),
                channel=channel_name(entry.channel)),
            _("Amount due: {amount}").format(amount=amount),
        ]
        if entry.status == "overdue":
            lines.append(_("To catch up: planned on {date}").format(date=format_date(entry.date)))
        event.add("description", "\n".join(lines))
        event.add("categories", [entry.level])
        calendar.add_component(event)
    return calendar.to_ical()


def cmd_agenda(services: Services, args: argparse.Namespace) -> int:
    from app.cli import emit, today
    from app.cli_commands import print_table

    now = today()
    date_from = args.date_from or now
    date_to = args.date_to or date_from + timedelta(days=6)
    entries = services.reminders.agenda(date_from, date_to, now)
    if args.format == "json":
        emit({"from": date_from.isoformat(), "to": date_to.isoformat(),
              "actions": [e.to_json() for e in entries]})
    elif args.format == "ics":
        name = _("Follow-up — {dossier}").format(dossier=services.name)
        sys.stdout.buffer.write(agenda_ics(entries, name))
        sys.stdout.flush()
    else:
        print(_("Follow-up from {start} to {end}").format(start=format_date(date_from),
                                                          end=format_date(date_to)))
        rows = [
            [format_date(e.date), f"{e.client} {e.client_name}", e.level_label or e.level,
             channel_name(e.channel), ", ".join(e.invoices), format_money(e.amount, e.currency),
             _("to catch up") if e.status == "overdue" else ""]
            for e in entries
        ]
        print_table([_("Date"), _("Client"), _("Action"), _("Channel"), _("Invoices"),
                     _("Amount"), ""], rows, right={5})
        if not entries:
            print(_("Nothing to do in this period."))
    return 0
