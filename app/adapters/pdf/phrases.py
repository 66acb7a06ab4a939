"""What a letter says about its facts, in the letter's language: the reminders really sent
(history), which invoices are late and which are not yet due, the files an email carries, the
Belgian consumer's free first reminder; and the truth of each `[if …]` condition."""

from __future__ import annotations

from datetime import date

from app.adapters.pdf.formatting import LetterFormat
from app.adapters.pdf.model import CompanyInfo, Letter, LetterLine, Recipient, SentReminder
from app.domain.money import ZERO

WRITTEN_CHANNELS = ("letter", "email", "formal_notice")


def conditions_of(letter: Letter, company: CompanyInfo, recipient: Recipient) -> dict[str, bool]:
    """The facts the template's [if name] passages test (CONDITIONS in conditions.py)."""
    invoices = letter.invoices
    late = late_lines(letter)
    claim = letter.claim
    free = letter.free_reminder
    return {
        "reminders_sent": bool(letter.history),
        "several_reminders": len(letter.history) > 1,
        "late": bool(late),
        "all_late": bool(invoices) and len(late) == len(invoices),
        "several_late": len(late) > 1,
        "not_due": any(x.due_date is not None and x.due_date >= letter.date for x in invoices),
        "attachments": bool(letter.attachments),
        "posted": letter.posted,
        "consumer": recipient.is_consumer,
        "business": not recipient.is_consumer,
        "fr": company.country != "BE",
        "be": company.country == "BE",
        "free_first_reminder": free is not None,
        "damages_clause": company.consumer_damages_clause,
        "claim": claim is not None and (claim.interest > ZERO or claim.fixed_indemnity > ZERO),
        "claim_indemnity": claim is not None and claim.fixed_indemnity > ZERO,
        "registered_mail": letter.registered_mail,
        "bank_details": bool(company.iban) and letter.amount_to_pay > ZERO,
    }


def late_lines(letter: Letter) -> tuple[LetterLine, ...]:
    """Invoices past their due date on the letter's day (due that very day is not late)."""
    return tuple(x for x in letter.invoices if x.due_date is not None and x.due_date < letter.date)


def fact_values(letter: Letter, fmt: LetterFormat) -> dict[str, str]:
    """The placeholders about the history, lateness, attachments and the free first reminder."""
    history = letter.history
    late = late_lines(letter)
    coming = tuple(x for x in letter.invoices if x not in late)
    free = letter.free_reminder
    values = {
        "reminders_sent": reminders_phrase(history, fmt),
        "reminders_sent_list": reminders_list(history, letter, fmt),
        "reminder_count": str(len(history)),
        "first_reminder_date": fmt.day(history[0].date) if history else "",
        "last_reminder_date": fmt.day(history[-1].date) if history else "",
        "late_invoices": invoice_phrase(late, fmt) if late else "",
        "late_since": fmt.day(min(x.due_date for x in late if x.due_date)) if late else "",
        "coming_invoices": invoice_phrase(coming, fmt) if coming else "",
        "attachments": fmt.listing(list(letter.attachments)),
        "attachment_count": str(len(letter.attachments)),
        "free_period_end": fmt.long_day(free.last_day) if free else "",
        "free_interest_rate": fmt.percent(free.interest_rate)
        if free and free.interest_rate is not None
        else "",
        "free_damages": fmt.money(free.damages) if free and free.damages is not None else "",
    }
    return values


def reminders_phrase(history: tuple[SentReminder, ...], fmt: LetterFormat) -> str:
    """'nos relances des 10/08 et 18/08/2026 par courrier' / 'our reminder of 10/08/2026 by
    email': the dates grouped by channel, in the order they were first used."""
    if not history:
        return ""
    groups: dict[str, list[date]] = {}
    for reminder in history:
        groups.setdefault(reminder.channel, []).append(reminder.date)
    parts = [
        fmt.ntr("of {dates} {channel}", "of {dates} {channel}", len(days)).format(
            dates=_dates(days, fmt), channel=channel_words(channel, fmt)
        )
        for channel, days in groups.items()
    ]
    return fmt.ntr("our reminder {parts}", "our reminders {parts}", len(history)).format(
        parts=fmt.listing(parts)
    )


def reminders_list(history: tuple[SentReminder, ...], letter: Letter, fmt: LetterFormat) -> str:
    """One line per reminder: '– le 10/08/2026 : première relance, par courrier', with the
    invoices it was about when it did not cover all the letter's."""
    everything = {x.number for x in letter.invoices}
    lines = []
    for reminder in history:
        level = fmt.tr(reminder.level_name) if reminder.level_name else fmt.tr("reminder")
        about = ""
        if reminder.invoices and set(reminder.invoices) != everything:
            about = f" ({subject_invoices(reminder.invoices, fmt)})"
        lines.append(
            fmt.tr("– on {date}: {level}, {channel}").format(
                date=fmt.day(reminder.date),
                level=level[:1].lower() + level[1:],
                channel=channel_words(reminder.channel, fmt),
            )
            + about
        )
    return "\n".join(lines)


def channel_words(channel: str, fmt: LetterFormat) -> str:
    if channel == "email":
        return fmt.tr("by email")
    if channel == "formal_notice":
        return fmt.tr("by registered letter")
    return fmt.tr("by letter")


def _dates(days: list[date], fmt: LetterFormat) -> str:
    """'10/08 et 18/08/2026': the year once when all fall in the same one."""
    from babel.dates import format_date

    from app.i18n import babel_locale

    days = sorted(days)
    if len({d.year for d in days}) == 1:
        shown = [format_date(d, "dd/MM", locale=babel_locale(fmt.language)) for d in days[:-1]]
        return fmt.listing([*shown, fmt.day(days[-1])])
    return fmt.listing([fmt.day(d) for d in days])


def invoice_phrase(invoices: tuple[LetterLine, ...], fmt: LetterFormat) -> str:
    count = len(invoices)
    if count > 3:
        return fmt.tr("the {count} invoices listed below").format(count=count)
    return fmt.ntr("the invoice {numbers}", "the invoices {numbers}", count).format(
        numbers=fmt.listing([x.number for x in invoices])
    )


def subject_invoices(numbers: tuple[str, ...], fmt: LetterFormat) -> str:
    count = len(numbers)
    if count > 3:
        return fmt.ntr("{count} invoice", "{count} invoices", count).format(count=count)
    return fmt.ntr("invoice {numbers}", "invoices {numbers}", count).format(
        numbers=fmt.listing(list(numbers))
    )
