"""Follow-up: `relance agenda` (table, JSON, iCalendar) and `relance letters`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.bootstrap import Services
from app.cli.output import emit, print_table, printable, today
from app.i18n import _, format_date, format_money, ngettext
from app.services.followup.labels import channel_name
from app.services.followup.service import AgendaEntry

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
        event.add(
            "summary",
            _("{level} — {client} ({amount})").format(
                level=entry.level_label or entry.level, client=entry.client_name, amount=amount
            ),
        )
        lines = [
            _("Client {code}; invoices: {invoices}; channel: {channel}").format(
                code=entry.client,
                invoices=", ".join(entry.invoices),
                channel=channel_name(entry.channel),
            ),
            _("Amount due: {amount}").format(amount=amount),
        ]
        if entry.status == "overdue":
            lines.append(_("To catch up: planned on {date}").format(date=format_date(entry.date)))
        event.add("description", "\n".join(lines))
        event.add("categories", [entry.level])
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical


def cmd_agenda(services: Services, args: argparse.Namespace) -> int:

    now = today()
    date_from = args.date_from or now
    date_to = args.date_to or date_from + timedelta(days=6)
    entries = services.reminders.agenda(date_from, date_to, now)
    if args.format == "json":
        emit(
            {
                "from": date_from.isoformat(),
                "to": date_to.isoformat(),
                "actions": [e.to_json() for e in entries],
            }
        )
    elif args.format == "ics":
        name = _("Follow-up — {dossier}").format(dossier=services.name)
        sys.stdout.buffer.write(agenda_ics(entries, name))
        sys.stdout.flush()
    else:
        print(
            _("Follow-up from {start} to {end}").format(
                start=format_date(date_from), end=format_date(date_to)
            )
        )
        rows = [
            [
                format_date(e.date),
                f"{e.client} {e.client_name}",
                e.level_label or e.level,
                channel_name(e.channel),
                ", ".join(e.invoices),
                format_money(e.amount, e.currency),
                _("to catch up") if e.status == "overdue" else "",
            ]
            for e in entries
        ]
        print_table(
            [
                _("Date"),
                _("Client"),
                _("Action"),
                _("Channel"),
                _("Invoices"),
                _("Amount"),
                _("Status"),
            ],
            rows,
            right={5},
        )
        if not entries:
            print(_("Nothing to do in this period."))
    return 0


def cmd_letters(services: Services, args: argparse.Namespace) -> int:
    """One line per letter on stdout: file, client code, level, invoice numbers (tab-separated)."""
    batch = services.letters.write(args.as_of, Path(args.out), args.level)
    for letter in batch.letters:
        fields = (str(letter.path), letter.client_code, letter.level, ",".join(letter.invoices))
        print("\t".join(printable(field) for field in fields))
    print(
        ngettext(
            "{count} letter written to {folder}",
            "{count} letters written to {folder}",
            len(batch.letters),
        ).format(count=len(batch.letters), folder=args.out),
        file=sys.stderr,
    )
    if batch.print_file is not None:
        print(
            _("All of them in one file to print: {file}").format(file=batch.print_file),
            file=sys.stderr,
        )
    for gap in services.letters.company_gaps() if batch.letters else []:
        print(_("Warning: {problem}").format(problem=gap), file=sys.stderr)
    return 0


def cmd_record(services: Services, args: argparse.Namespace) -> int:
    """`relance record KEY {done,skipped,snoozed}`: one line saying what was recorded."""
    now = today()
    on = args.on or now
    action = services.reminders.record(args.key, args.outcome, now, on, args.until, args.reason)
    numbers = ", ".join(action.invoice_numbers)
    if args.outcome == "done":
        line = _("{client}: {level} done on {date} ({invoices})")
    elif args.outcome == "skipped":
        line = _("{client}: {level} skipped on {date} ({invoices})")
    else:
        line = _("{client}: {level} snoozed until {until} ({invoices})")
    print(
        line.format(
            client=action.client_code,
            level=action.level_code,
            date=on.isoformat(),
            until=args.until.isoformat() if args.until else "",
            invoices=numbers,
        )
    )
    return 0
