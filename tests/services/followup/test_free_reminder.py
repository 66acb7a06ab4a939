"""A Belgian consumer's free first reminder knows the last day of its 14 days: from the day
after an email, from the 3rd working day after a letter (CDE XIX.2), and what our terms allow
to claim after it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.db.queries.letters import Addressee, InvoiceFigures
from app.domain.followup.inputs import (
    FLAG_FREE_FIRST_REMINDER,
    ActionItem,
    PlannedAction,
    PlanStatus,
)
from app.domain.followup.policy import Channel
from app.services.dossier import CompanySettings
from app.services.followup.letters import build_letters

SENT = date(2026, 11, 27)  # a Friday
PERSON = Addressee(
    1,
    "C1",
    "Jan Peeters",
    "Rue Haute 5",
    "1000",
    "Bruxelles",
    "BE",
    "fr",
    "consumer",
    "jan@example.be",
)
FIGURES = {
    7: InvoiceFigures(
        7, "F7", date(2026, 10, 1), date(2026, 10, 31), "EUR", Decimal("800.00"), Decimal("0.00")
    )
}


def _action(channel: Channel, flags: frozenset[str]) -> PlannedAction:
    item = ActionItem(
        invoice_id=7,
        invoice_number="F7",
        currency="EUR",
        amount=Decimal("800.00"),
        due_date=date(2026, 10, 31),
    )
    return PlannedAction(
        date=SENT,
        client_id=1,
        client_code="C1",
        level_code="reminder_1",
        level_position=2,
        channel=channel,
        also_email=False,
        template="reminder_1",
        items=(item,),
        amounts={"EUR": Decimal("800.00")},
        credit={},
        fees={},
        status=PlanStatus.PLANNED,
        needs_confirmation=False,
        flags=flags,
    )


@pytest.mark.parametrize(
    ("channel", "kind", "last_day"),
    [
        (Channel.EMAIL, "emails", date(2026, 12, 11)),  # 28/11 … 11/12
        (Channel.LETTER, "letters", date(2026, 12, 15)),  # 3rd working day Wed 2/12 … 15/12
    ],
)
def test_the_last_day_follows_the_channel(channel: Channel, kind: str, last_day: date) -> None:
    settings = CompanySettings(name="Atelier", country="BE", consumer_damages_clause=True)
    built = build_letters(
        _action(channel, frozenset({FLAG_FREE_FIRST_REMINDER})),
        SENT,
        settings,
        PERSON,
        FIGURES,
        lambda _n, _d: None,
        kind,
    )
    [one] = built.letters
    assert one.free_reminder is not None
    assert one.free_reminder.last_day == last_day
    assert one.free_reminder.damages == Decimal("80.00")  # 65 + 5 % × 300 (XIX.4)
    assert one.free_reminder.interest_rate == Decimal("10.50")  # BE rate of 2026-S2
    assert built.company.consumer_damages_clause


def test_without_the_flag_or_the_clause_nothing_is_promised() -> None:
    settings = CompanySettings(name="Atelier", country="BE")
    plain = build_letters(
        _action(Channel.EMAIL, frozenset()),
        SENT,
        settings,
        PERSON,
        FIGURES,
        lambda _n, _d: None,
        "emails",
    )
    assert plain.letters[0].free_reminder is None
    free = build_letters(
        _action(Channel.EMAIL, frozenset({FLAG_FREE_FIRST_REMINDER})),
        SENT,
        settings,
        PERSON,
        FIGURES,
        lambda _n, _d: None,
        "emails",
    )
    reminder = free.letters[0].free_reminder
    assert reminder is not None
    assert (reminder.interest_rate, reminder.damages) == (None, None)
