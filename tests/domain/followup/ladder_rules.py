"""The rules of "how the ladder moves", checked on a plan and the history before it (shared by
the planner's property tests and the replay of an obedient user through the command line)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.followup.policy import Channel, Policy


@dataclass(frozen=True)
class Contact:
    """One contact with a client: done (history) or planned; levels per invoice."""

    client: int
    on: date
    top: str
    channel: Channel
    levels: Mapping[int, str]  # invoice id -> its own level in this contact
    done: bool


def check_ladder(
    contacts: Iterable[Contact],
    policies: Mapping[int, Policy],
    *,
    skipped: Mapping[int, set[str]] | None = None,
    escalated: set[int] | None = None,
    today: date | None = None,
    late_at_entry: set[int] | None = None,
    invoice_client: Mapping[int, int] | None = None,
) -> None:
    """Asserts: never a jump, never two contacts of a client closer than the policy's gap
    (an overdue one counts as today), never softer than a formal notice for its invoices, a
    formal notice only after a written reminder, a first start is a first reminder."""
    skipped = skipped or {}
    escalated = escalated or set()
    by_client: dict[int, list[Contact]] = defaultdict(list)
    for contact in contacts:
        by_client[contact.client].append(contact)
    for client, mine in by_client.items():
        policy = policies[client]
        mine.sort(key=lambda c: (c.on, not c.done))
        first = policy.first_reminder
        notice = policy.formal_notice
        gap = timedelta(days=policy.min_gap_days)
        previous: date | None = None
        consumed: dict[int, int] = defaultdict(lambda: -1)
        for invoice_id, codes in skipped.items():
            if invoice_client is None or invoice_client.get(invoice_id) == client:
                for code in codes:
                    consumed[invoice_id] = max(consumed[invoice_id], policy.position(code))
        written: set[int] = set()
        noticed: set[int] = set()
        started: set[int] = set()
        for contact in mine:
            on = contact.on if today is None or contact.done else max(contact.on, today)
            if previous is not None and not contact.done:
                assert on - previous >= gap, (client, previous, contact)
            previous = on
            for invoice_id, code in contact.levels.items():
                position = policy.position(code)
                if invoice_id not in started and late_at_entry and invoice_id in late_at_entry:
                    assert position == first, (invoice_id, code)
                started.add(invoice_id)
                if invoice_id in noticed and notice is not None and not contact.done:
                    assert position >= notice, (invoice_id, code, "softer after a notice")
                if position == notice and not contact.done:
                    assert invoice_id in written, (invoice_id, "notice before a written reminder")
                if invoice_id not in escalated and not contact.done:
                    between = range(consumed[invoice_id] + 1, position)
                    jumped = [policy.levels[p].code for p in between if first is None or p >= first]
                    assert not jumped, (invoice_id, code, "jumps over", jumped)
                consumed[invoice_id] = max(consumed[invoice_id], position)
                if contact.channel in (Channel.EMAIL, Channel.LETTER, Channel.FORMAL_NOTICE) and (
                    first is None or position >= first
                ):
                    written.add(invoice_id)
                # a formal notice only counts in writing (a call or a manual task is none)
                if notice is not None and (
                    position > notice or (position == notice and contact.channel.is_durable)
                ):
                    noticed.add(invoice_id)
