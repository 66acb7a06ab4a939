"""Ten weeks of an obedient user through the command line: each day `agenda --format json` with
`--today`, then `record KEY done` for every action of the day; the history written keeps every
rule of how the ladder moves (never a jump, one contact a week per client, never softer after a
formal notice, a notice only after a written reminder, a first start is a first reminder)."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, timedelta

from app.cli import main
from app.domain.followup.inputs import HistoryStatus
from app.domain.followup.planner import policies_for
from app.domain.followup.policy import Channel
from tests.domain.followup.ladder_rules import Contact, check_ladder
from tests.services.followup.data import add_client, add_invoice

START = date(2026, 9, 7)  # a Monday


def _url(services) -> str:  # type: ignore[no-untyped-def]
    return services.url.render_as_string(hide_password=False)


def _dossier(services) -> set[str]:  # type: ignore[no-untyped-def]
    """Four clients, invoices 0 to 150 days late; returns the invoices late at entry."""
    martin = add_client(services, "C001", "Boulangerie Martin", email="compta@martin.fr")
    petit = add_client(services, "C002", "Garage Petit", preferred_channel="phone")
    dupuis = add_client(services, "C003", "Jeanne Dupuis", client_type="consumer")
    lenoir = add_client(services, "C004", "Atelier Lenoir", email="a@lenoir.fr")
    late = set()
    rows = [
        (martin, "F1", 150, "1200.00"),
        (martin, "F2", 50, "300.00"),
        (martin, "F3", -10, "80.00"),
        (petit, "G1", 23, "450.00"),
        (petit, "G2", 0, "90.00"),
        (dupuis, "P1", 40, "75.00"),
        (lenoir, "L1", 95, "640.00"),
        (lenoir, "L2", 8, "4.50"),
    ]
    for client_id, number, days_late, total in rows:
        due = START - timedelta(days=days_late)
        add_invoice(services, client_id, number, due - timedelta(days=30), due, total)
        if days_late > 10:
            late.add(number)
    return late


def _cli(capsys, *args: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return code, out


def test_ten_weeks_of_an_obedient_user_keep_the_ladder(services, capsys) -> None:  # type: ignore[no-untyped-def]
    late_numbers = _dossier(services)
    url = _url(services)
    recorded = 0
    for offset in range(70):
        day = (START + timedelta(days=offset)).isoformat()
        base = ("--database", url, "--today", day)
        _code, out = _cli(capsys, *base, "agenda", "--from", day, "--to", day, "--format", "json")
        keys = []
        for entry in json.loads(out)["actions"]:
            if entry["key"] not in keys:
                keys.append(entry["key"])
        for key in keys:
            _code, line = _cli(capsys, *base, "record", key, "done")
            assert " done on " in line
            recorded += 1
        # recording twice is refused and writes nothing
        for key in keys[:1]:
            assert main([*base, "record", key, "done"]) == 3
            capsys.readouterr()
    assert recorded > 10
    end = START + timedelta(days=70)
    inputs = services.reminders.inputs(end)
    policies = policies_for(inputs.clients, inputs.settings)
    owner = {inv.id: inv.client_id for inv in inputs.invoices}
    numbers = {inv.id: inv.number for inv in inputs.invoices}
    grouped: dict[tuple[int, date], dict[int, str]] = defaultdict(dict)
    channels: dict[tuple[int, date], Channel] = {}
    for record in inputs.history:
        assert record.status is HistoryStatus.DONE
        client = owner[record.invoice_ids[0]]
        for invoice_id in record.invoice_ids:
            grouped[(client, record.date)][invoice_id] = record.level_code
        channels[(client, record.date)] = record.channel or Channel.EMAIL
    contacts = []
    for (client, on), levels in grouped.items():
        policy = policies[client]
        top = max(levels.values(), key=policy.position)
        contacts.append(Contact(client, on, top, channels[(client, on)], levels, False))
    late = {i for i, number in numbers.items() if number in late_numbers}
    check_ladder(contacts, policies, late_at_entry=late, invoice_client=owner)
    reached = {code for contact in contacts for code in contact.levels.values()}
    assert {"reminder_1", "reminder_2", "firm_reminder", "formal_notice"} <= reached
