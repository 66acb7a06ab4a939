"""The days an invoice's ladder counts from: the due date followed, the anchor of each level,
the Belgian consumers' statutory wait, and which invoices are followed up at all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.followup.inputs import ClientState, InvoiceState
from app.domain.followup.policy import (
    Anchor,
    Channel,
    ClientType,
    FreeReminderWait,
    Level,
    Policy,
)
from app.domain.money import ZERO
from app.domain.workdays import nth_working_day_after

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Followed:
    """The due date the ladder follows: the invoice's, or its earliest unpaid instalment's."""

    due_date: date
    is_first: bool


def is_dunnable(invoice: InvoiceState, client: ClientState | None = None) -> bool:
    """Disputed, written-off and paid invoices and blocked clients are never followed up."""
    if invoice.balance <= ZERO or invoice.is_disputed or invoice.is_written_off:
        return False
    return client is None or not client.dunning_blocked


def followed_due(invoice: InvoiceState) -> Followed:
    if not invoice.instalments:
        return Followed(invoice.due_date, True)
    ordered = sorted(invoice.instalments, key=lambda part: part.due_date)
    unpaid = [part for part in ordered if not part.paid]
    chosen = unpaid[0] if unpaid else ordered[-1]
    return Followed(chosen.due_date, chosen.due_date == ordered[0].due_date)


def raw_date(level: Level, invoice: InvoiceState, followed: Followed) -> date:
    anchor = invoice.issue_date if level.anchor is Anchor.ISSUE else followed.due_date
    return anchor + timedelta(days=level.days)


def statutory_wait(
    policy: Policy, client: ClientState, company_country: str
) -> FreeReminderWait | None:
    """The policy's own wait, or the Belgian consumer one the law imposes on any policy."""
    if policy.free_reminder_wait is not None:
        return policy.free_reminder_wait
    if client.client_type is not ClientType.CONSUMER:
        return None
    if "BE" not in (company_country.upper(), client.country.upper()):
        return None
    for level in policy.levels:
        free = not level.bears_costs and level.channel is not Channel.MANUAL
        if level.anchor is Anchor.DUE and level.days > 0 and free:
            return FreeReminderWait(level.code)
    return None


def costs_allowed_from(wait: FreeReminderWait, sent_on: date, on_paper: bool, country: str) -> date:
    """First day a cost may be charged after the free first reminder sent on that day."""
    if on_paper:
        start = nth_working_day_after(sent_on, wait.paper_delay_working_days, country)
    else:
        start = sent_on + _ONE_DAY
    return start + timedelta(days=wait.days)
