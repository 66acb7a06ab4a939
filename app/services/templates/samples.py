"""A made-up client and invoices for previewing a template: every table and placeholder of the
level has something to show, in the language chosen, dated from the day given."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from app.adapters.pdf import (
    ClaimSummary,
    Instalment,
    InterestPeriod,
    Letter,
    LetterLine,
    Recipient,
    SentReminder,
)
from app.adapters.pdf.model import BE_RECOVERY_INDEMNITY, FR_RECOVERY_INDEMNITY
from app.services.dossier import CompanySettings

SAMPLE_RATE = Decimal("12.15")  # a plausible statutory late-interest rate, for show
INDEMNITY = Decimal("40.00")
CENT = Decimal("0.01")

_CLIENTS = {
    "fr": Recipient(
        "C042",
        "Boulangerie Martin & Fils",
        ("3 rue des Lilas",),
        "69003",
        "Lyon",
        "FR",
        "fr",
        "business",
        "compta@boulangerie-martin.example",
    ),
    "en": Recipient(
        "C042",
        "Harbour Street Bakery Ltd",
        ("Avenue Louise 54",),
        "1050",
        "Brussels",
        "BE",
        "en",
        "business",
        "accounts@harbour-bakery.example",
    ),
}


def sample_letter(
    code: str, language: str, as_of: date, settings: CompanySettings
) -> tuple[Letter, Recipient]:
    recipient = _CLIENTS.get(language, _CLIENTS["fr"])
    year = as_of.year
    lines = (
        _line(
            f"F{year}-0042",
            as_of - timedelta(days=75),
            as_of - timedelta(days=45),
            Decimal("1200.00"),
            Decimal("0.00"),
            as_of,
        ),
        _line(
            f"F{year}-0051",
            as_of - timedelta(days=50),
            as_of - timedelta(days=20),
            Decimal("2450.50"),
            Decimal("1000.00"),
            as_of,
        ),
        LetterLine(
            f"AV{year}-003",
            as_of - timedelta(days=15),
            None,
            Decimal("150.00"),
            Decimal("0.00"),
            Decimal("150.00"),
            0,
            "credit_note",
        ),
    )
    claim = _claim(lines[:2], as_of, settings.country) if code == "formal_notice" else None
    letter = Letter(
        level=code,
        template=code,
        language=recipient.language,
        place=settings.city,
        date=as_of,
        lines=lines,
        currency=settings.currency,
        claim=claim,
        deadline=as_of + timedelta(days=8),
        registered_mail=code == "formal_notice",
        reference=f"{recipient.client_code}-{as_of:%Y%m%d}",
        history=_history(code, as_of, tuple(x.number for x in lines[:2])),
        attachments=(f"{lines[0].number}.pdf",),  # what an email would carry
    )
    if code == "payment_plan":
        letter = _with_instalments(letter)
    return letter, recipient


# The reminders a sample of each level says were sent before it (level, channel, days before).
_SENT_BEFORE = {
    "reminder_2": (("reminder_1", "email", 14),),
    "firm_reminder": (("reminder_1", "email", 24), ("reminder_2", "email", 10)),
    "formal_notice": (
        ("reminder_1", "email", 38),
        ("reminder_2", "email", 24),
        ("firm_reminder", "letter", 14),
    ),
}
_LEVEL_NAMES = {
    "reminder_1": "First reminder",
    "reminder_2": "Second reminder",
    "firm_reminder": "Firm reminder",
}


def _history(code: str, as_of: date, numbers: tuple[str, ...]) -> tuple[SentReminder, ...]:
    return tuple(
        SentReminder(as_of - timedelta(days=days), level, channel, numbers, _LEVEL_NAMES[level])
        for level, channel, days in _SENT_BEFORE.get(code, ())
    )


def _line(
    number: str, issued: date, due: date, total: Decimal, paid: Decimal, as_of: date
) -> LetterLine:
    return LetterLine(number, issued, due, total, paid, total - paid, (as_of - due).days)


def _claim(lines: tuple[LetterLine, ...], as_of: date, country: str) -> ClaimSummary:
    periods = []
    for line in lines:
        assert line.due_date is not None
        first = line.due_date + timedelta(days=1)
        days = (as_of - first).days + 1
        interest = (line.balance * SAMPLE_RATE / 100 * days / 365).quantize(CENT, ROUND_HALF_UP)
        periods.append(
            InterestPeriod(line.number, first, as_of, days, SAMPLE_RATE, line.balance, interest)
        )
    principal = sum((x.balance for x in lines), Decimal("0.00"))
    interest = sum((p.interest for p in periods), Decimal("0.00"))
    indemnity = INDEMNITY * len(lines)
    basis = BE_RECOVERY_INDEMNITY if country == "BE" else FR_RECOVERY_INDEMNITY
    return ClaimSummary(
        principal,
        interest,
        tuple(periods),
        indemnity,
        Decimal("0.00"),
        principal + interest + indemnity,
        len(lines),
        basis,
    )


def _with_instalments(letter: Letter) -> Letter:
    from dataclasses import replace

    due = letter.totals().total_due
    part = (due / 3).quantize(CENT, ROUND_HALF_UP)
    amounts = (part, part, due - 2 * part)
    start = letter.date + timedelta(days=10)
    instalments = tuple(
        Instalment(start + timedelta(days=30 * n), amount) for n, amount in enumerate(amounts)
    )
    return replace(letter, instalments=instalments)
