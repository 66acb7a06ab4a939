"""`relance agenda`: planned follow-up actions as a table, JSON or an iCalendar file."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta

from app.bootstrap import Services
from app.i18n import N_, _, format_date, format_money

LEVEL_NAMES = {
    "receipt_confirmation": N_("Invoice receipt check"),
    "courtesy": N_("Courtesy reminder"),
    "reminder_1": N_("First reminder"),
    "reminder_2": N_("Second reminder"),
    "firm_reminder": N_("Firm reminder"),
    "formal_notice": N_("Formal notice"),
    "collection": N_("Hand over to collection"),
}
CHANNEL_NAMES = {"email": N_("email"), "letter": N_("letter"), "phone": N_("call"),
                 "manual": N_("task")}


def level_name(code: str) -> str:
    return _(LEVEL_NAMES[code]) if code in LEVEL_NAMES else code


def agenda_ics(entries) -> bytes:  # type: ignore[no-untyped-def]
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Relance//Follow-up agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for entry in entries:
        event = Event()
        event.add("uid", f"{entry.uid}@relance")
        event.add("dtstart", entry.date)
        event.add("dtend", entry.date + timedelta(days=1))
        event.add("summary", _("{level} — {client} ({amount})").format(
            level=level_name(entry.level), client=entry.client_name,
            amount=format_money(entry.amount, entry.currency)))
        event.add("description", _("Client {code}; invoices: {invoices}; channel: {channel}")
                  .format(code=entry.client, invoices=", ".join(entry.invoices),
                          channel=_(CHANNEL_NAMES.get(entry.channel, entry.channel))))
        event.add("categories", [entry.level])
        calendar.add_component(event)
    return calendar.to_ical()


def cmd_agenda(services: Services, args: argparse.Namespace) -> int:
    from app.cli import emit, today
    from app.cli_commands import print_table

    now = today()
    date_from = args.date_from or now
    date_to = args.date_to or date_from + timedelta(days=6)
    entries = services.followup.agenda(date_from, date_to, now)
    if args.format == "json":
        emit({"from": date_from.isoformat(), "to": date_to.isoformat(),
              "actions": [e.to_json() for e in entries]})
    elif args.format == "ics":
        sys.stdout.buffer.write(agenda_ics(entries))
        sys.stdout.flush()
    else:
        print(_("Follow-up from {start} to {end}").format(start=format_date(date_from),
                                                          end=format_date(date_to)))
        rows = [[format_date(e.date), f"{e.client} {e.client_name}", level_name(e.level),
                 _(CHANNEL_NAMES.get(e.channel, e.channel)), ", ".join(e.invoices),
                 format_money(e.amount, e.currency),
                 _("to catch up") if e.status == "overdue" else ""]
                for e in entries]
        print_table([_("Date"), _("Client"), _("Action"), _("Channel"), _("Invoices"),
                     _("Amount"), ""], rows, right={5})
    return 0


def cmd_letters(services: Services, args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.i18n import ngettext

    written = services.letters.write(args.as_of, Path(args.out), args.level)
    for letter in written:
        print(f"{letter.path}\t{letter.client_code}\t{letter.level}\t{','.join(letter.invoices)}")
    print(ngettext("{count} letter written to {folder}", "{count} letters written to {folder}",
                   len(written)).format(count=len(written), folder=args.out), file=sys.stderr)
    return 0
