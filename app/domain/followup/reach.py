"""How soon an invoice can next be followed up, read from its dates alone (no ladder walk).

A plan asked only up to a day (`until`: a week, a month grid) need not walk the ladder of an
invoice that cannot need a step before that day plus the client's gap between two contacts:
such an invoice is never gathered into a contact of the period, and grouping.ClientPlan says
when its mere presence could still have changed a decision (it then plans the client again
with every invoice). The bound below is a lower bound of every step the ladder can give.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from app.domain.followup.days import followed_due, statutory_wait
from app.domain.followup.inputs import ClientState, DoneAction, HistoryStatus, InvoiceState
from app.domain.followup.policy import Anchor, Policy
from app.domain.workdays import working_day_on_or_after

_ANY_TIME = (HistoryStatus.ESCALATED, HistoryStatus.SNOOZED)


class Reach:
    """The earliest day any step of one client's invoices can fall on, from their dates alone
    (a lower bound of every step InvoiceLadder can give): built once per client."""

    def __init__(self, client: ClientState, policy: Policy, *, today: date, country: str):
        self.today = today
        self.country = country
        notice = policy.formal_notice
        self.notice_code = policy.levels[notice].code if notice is not None else None
        first = policy.first_reminder
        wait = statutory_wait(policy, client, country)
        wait_first = policy.position(wait.first_reminder) if wait is not None else None
        always: dict[Anchor, int] = {}
        self.on_time_only: list[tuple[Anchor, int]] = []  # receipt checks, courtesy reminders
        for position, level in enumerate(policy.levels):
            pre_due = first is not None and position < first
            may_stand_in = wait_first is not None and position >= wait_first  # a free reminder
            if pre_due and not may_stand_in:
                self.on_time_only.append((level.anchor, level.days))
            elif level.anchor not in always or level.days < always[level.anchor]:
                always[level.anchor] = level.days
        self.always = [(anchor, timedelta(days=days)) for anchor, days in always.items()]

    def earliest_step(self, invoice: InvoiceState, records: Sequence[DoneAction]) -> date | None:
        """No step of this invoice can fall before the day returned; None when its history
        may bring one at any time (an escalation, a snooze) or makes it weigh on the client's
        other invoices (a formal notice done)."""
        for record in records:
            if record.status in _ANY_TIME:
                return None
            if record.status is HistoryStatus.DONE and record.level_code == self.notice_code:
                return None
        due = followed_due(invoice).due_date if invoice.instalments else invoice.due_date
        bound: date | None = None
        for anchor, days in self.always:
            raw = (invoice.issue_date if anchor is Anchor.ISSUE else due) + days
            if bound is None or raw < bound:
                bound = raw
        for anchor, offset in self.on_time_only:
            raw = (invoice.issue_date if anchor is Anchor.ISSUE else due) + timedelta(days=offset)
            if bound is not None and raw >= bound:
                continue
            if raw < self.today and working_day_on_or_after(raw, self.country) < self.today:
                continue  # a receipt check or courtesy reminder never goes out late
            bound = raw
        return bound


def finished(invoice: InvoiceState, records: Sequence[DoneAction], last_code: str) -> bool:
    """The ladder's last level was done or skipped: the invoice needs no step ever again
    (an escalation only ever reaches above what was done). Under a payment plan each
    instalment climbs its own ladder: never finished here."""
    if invoice.instalments:
        return False
    return any(
        record.level_code == last_code
        and record.status in (HistoryStatus.DONE, HistoryStatus.SKIPPED)
        for record in records
    )
