"""Fill a template from a letter: every placeholder gets a string formatted in its language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.adapters.pdf.conditions import resolve_conditions
from app.adapters.pdf.formatting import LetterFormat, group_iban
from app.adapters.pdf.model import (
    BE_CONSUMER_DAMAGES,
    CompanyInfo,
    Letter,
    Recipient,
)
from app.adapters.pdf.phrases import (
    conditions_of,
    fact_values,
    invoice_phrase,
    late_lines,
    subject_invoices,
)
from app.adapters.pdf.templates import (
    Template,
    body_blocks,
    is_marker,
    load_snippet,
    load_template,
)
from app.domain.claims.epc import remittance_text
from app.domain.errors import InvalidInput
from app.domain.money import ZERO

JURISDICTIONS = ("FR", "BE")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_FRENCH_SPACE = re.compile(r" ([:;?!»])|(«) ")
# Letters that recall the late-payment terms in small print (as invoices do, C. com. L441-9).
TERMS_TEMPLATES = ("reminder_1", "reminder_2", "firm_reminder", "statement")


@dataclass(frozen=True)
class Composed:
    """The letter's words: subject, then blocks that are ("text", paragraph) or ("table", name)."""

    subject_label: str
    subject: str
    blocks: tuple[tuple[str, str], ...]
    registered_mail: str  # the mention above the address, empty when not registered
    terms_note: str  # late-payment terms in small print, empty when not due or placed
    values: dict[str, str]


def compose_letter(
    letter: Letter, company: CompanyInfo, recipient: Recipient, template: Template | None = None
) -> Composed:
    """The letter template (or the one given, for a live preview) filled for this letter."""
    check_claim(letter, recipient)
    template = template or load_template("letters", letter.language, letter.template)
    fmt = LetterFormat(letter.language, letter.currency)
    truth = conditions_of(letter, company, recipient)
    values = placeholder_values(letter, company, recipient, fmt)
    subject = letter.subject or resolve_conditions(template.subject, truth).format_map(values)
    body = resolve_conditions(template.body, truth)
    paragraphs = list(body_blocks(body, template.path, 3))
    if truth["free_first_reminder"] and "{free_reminder_terms}" not in body:
        # CDE XIX.2: the free first reminder says what it must, whatever the template forgets.
        paragraphs.insert(max(len(paragraphs) - 1, 0), "{free_reminder_terms}")
    blocks = _place_tables(letter, company, tuple(paragraphs))
    filled: list[tuple[str, str]] = []
    for kind, text in blocks:
        if kind == "table":
            filled.append((kind, text))
            continue
        for part in _PARAGRAPHS.split(text.format_map(values)):
            if part.strip():
                filled.append(("text", _typography(part.strip("\n"), letter.language)))
    mention = (
        fmt.tr("Registered letter with acknowledgement of receipt")
        if letter.registered_mail
        else ""
    )
    placed = "{late_payment_terms}" in body
    note = values["late_payment_terms"] if letter.template in TERMS_TEMPLATES and not placed else ""
    return Composed(
        template.subject_label,
        " ".join(subject.split()),
        tuple(filled),
        mention,
        _typography(note, letter.language),
        values,
    )


def compose_email(
    letter: Letter, company: CompanyInfo, recipient: Recipient, template: Template | None = None
) -> tuple[str, str]:
    """(subject, plain-text body) of the email that goes with the letter."""
    check_claim(letter, recipient)
    template = template or load_template("emails", letter.language, letter.template)
    truth = conditions_of(letter, company, recipient)
    values = placeholder_values(
        letter, company, recipient, LetterFormat(letter.language, letter.currency)
    )
    subject = letter.subject or resolve_conditions(template.subject, truth).format_map(values)
    text = resolve_conditions(template.body, truth)
    if truth["free_first_reminder"] and "{free_reminder_terms}" not in text:
        text = _insert_before_closing(text, "{free_reminder_terms}")
    body = re.sub(r"\n{3,}", "\n\n", text.format_map(values)).strip("\n") + "\n"
    return " ".join(subject.split()), body


def _insert_before_closing(text: str, paragraph: str) -> str:
    """Before the bank details when the email has them, else before its closing lines."""
    parts = _PARAGRAPHS.split(text.strip("\n"))
    index = next((i for i, p in enumerate(parts) if "{payment_details}" in p), None)
    if index is None:
        index = max(len(parts) - 2, 1)
    parts.insert(index, paragraph)
    return "\n\n".join(parts) + "\n"


def _typography(text: str, language: str) -> str:
    """French puts a no-break space before : ; ? ! and inside « », so they never start a line."""
    if language != "fr":
        return text
    return _FRENCH_SPACE.sub(lambda m: f"\u00a0{m.group(1)}" if m.group(1) else "«\u00a0", text)


def check_claim(letter: Letter, recipient: Recipient) -> None:
    """The €40 recovery indemnity is owed by businesses only (C. com. L441-10, law 2 Aug 2002)."""
    claim = letter.claim
    if claim is None or not recipient.is_consumer or claim.fixed_indemnity == ZERO:
        return
    if claim.indemnity_basis != BE_CONSUMER_DAMAGES:
        raise InvalidInput(
            f"client {recipient.client_code} is a consumer: no fixed recovery "
            "indemnity may be claimed"
        )


def placeholder_values(
    letter: Letter, company: CompanyInfo, recipient: Recipient, fmt: LetterFormat
) -> dict[str, str]:
    totals = letter.totals()
    invoices = letter.invoices
    due_dates = [x.due_date for x in invoices if x.due_date is not None]
    claim = letter.claim
    money = fmt.money
    values = {
        "company_name": company.name,
        "company_address": ", ".join(
            [*company.address_lines, " ".join(x for x in (company.postcode, company.city) if x)]
        ).strip(", "),
        "company_phone": company.phone,
        "company_email": company.email,
        "company_iban": group_iban(company.iban),
        "company_bic": company.bic,
        "signatory_name": company.signatory_name or company.name,
        "signatory_title": company.signatory_title,
        "client_name": recipient.name,
        "client_code": recipient.client_code,
        "letter_date": fmt.long_day(letter.date),
        "place": letter.place,
        "reference": letter.reference,
        "invoice_count": str(len(invoices)),
        "invoice_numbers": fmt.listing([x.number for x in invoices]),
        "invoice_phrase": invoice_phrase(invoices, fmt),
        "subject_invoices": subject_invoices(tuple(x.number for x in invoices), fmt),
        "next_due_date": fmt.day(_next_due(due_dates, letter)) if due_dates else "",
        "first_invoice_number": invoices[0].number if invoices else "",
        "due_date": fmt.day(min(due_dates)) if due_dates else "",
        "max_days_late": str(max((x.days_late for x in invoices), default=0)),
        "total_invoices": money(totals.invoices),
        "credit_total": money(totals.credit_notes + totals.unapplied_credit),
        "total_due": money(totals.total_due),
        "amount_to_pay": money(letter.amount_to_pay),
        "deadline": fmt.long_day(letter.pay_by),
        "deadline_days": str((letter.pay_by - letter.date).days),
        "instalment_count": str(len(letter.instalments)),
        "first_instalment_date": fmt.long_day(letter.instalments[0].due_date)
        if letter.instalments
        else "",
        "last_instalment_date": fmt.long_day(letter.instalments[-1].due_date)
        if letter.instalments
        else "",
    }
    values.update(_claim_values(letter, fmt))
    values["indemnity_per_invoice"] = money(
        claim.fixed_indemnity / claim.indemnity_invoices
        if claim is not None and claim.indemnity_invoices
        else Decimal("40.00")
    )
    values["invoice_lines"] = invoice_lines(letter, fmt)
    values["payment_details"] = payment_details(letter, company, recipient, fmt)
    values["signature"] = "\n".join(
        x
        for x in (
            values["signatory_name"],
            company.signatory_title,
            company.name if company.signatory_name else "",
            " · ".join(x for x in (company.phone, company.email) if x),
        )
        if x
    )
    values.update(fact_values(letter, fmt))
    truth = conditions_of(letter, company, recipient)
    jurisdiction = company.country if company.country in JURISDICTIONS else "FR"
    case = f"{jurisdiction.lower()}_{recipient.client_type}"

    def snippet(*names: str) -> str:
        text = next((t for t in (load_snippet(letter.language, n) for n in names) if t), "")
        return resolve_conditions(text, truth).format_map(values)

    values["late_charges"] = snippet(f"charges_{case}")
    values["free_reminder_terms"] = (
        snippet(f"free_reminder_{case}") if truth["free_first_reminder"] else ""
    )
    values["legal_basis"] = snippet(f"notice_{case}")
    values["late_payment_terms"] = snippet(f"terms_{case}_{letter.template}", f"terms_{case}")
    return values


def _next_due(due_dates: list[date], letter: Letter) -> date:
    coming = [d for d in due_dates if d >= letter.date]
    return min(coming) if coming else min(due_dates)


def _claim_values(letter: Letter, fmt: LetterFormat) -> dict[str, str]:
    claim = letter.claim
    if claim is None:
        due = letter.totals().total_due
        zero = fmt.money(ZERO)
        return {
            "claim_principal": fmt.money(due),
            "claim_interest": zero,
            "claim_indemnity": zero,
            "claim_fees": zero,
            "claim_total": fmt.money(due),
            "interest_rate": "",
            "interest_start": "",
            "interest_end": "",
            "indemnity_invoices": "0",
        }
    rates: list[Decimal] = []
    for period in claim.periods:
        if period.rate_percent not in rates:
            rates.append(period.rate_percent)
    return {
        "claim_principal": fmt.money(claim.principal),
        "claim_interest": fmt.money(claim.interest),
        "claim_indemnity": fmt.money(claim.fixed_indemnity),
        "claim_fees": fmt.money(claim.fees),
        "claim_total": fmt.money(letter.amount_to_pay),
        "interest_rate": fmt.listing([fmt.percent(r) for r in rates]),
        "interest_start": fmt.day(min(p.first_day for p in claim.periods)) if claim.periods else "",
        "interest_end": fmt.day(max(p.last_day for p in claim.periods)) if claim.periods else "",
        "indemnity_invoices": str(claim.indemnity_invoices),
    }


def invoice_lines(letter: Letter, fmt: LetterFormat) -> str:
    """The invoices as plain text, one per line, for emails."""
    tr = fmt.tr
    late = late_lines(letter)
    lines = []
    for x in letter.lines:
        if x.is_credit_note:
            lines.append(
                tr("- credit note {number} of {date}: {balance} to deduct").format(
                    number=x.number, date=fmt.day(x.issue_date), balance=fmt.money(x.balance)
                )
            )
        elif x in late:
            lines.append(
                tr(
                    "- invoice {number} of {date}, overdue since {due_date}: {balance} outstanding"
                ).format(
                    number=x.number,
                    date=fmt.day(x.issue_date),
                    due_date=fmt.day(x.due_date) if x.due_date else "—",
                    balance=fmt.money(x.balance),
                )
            )
        else:
            lines.append(
                tr("- invoice {number} of {date}, due {due_date}: {balance} outstanding").format(
                    number=x.number,
                    date=fmt.day(x.issue_date),
                    due_date=fmt.day(x.due_date) if x.due_date else "—",
                    balance=fmt.money(x.balance),
                )
            )
    if letter.unapplied_credit:
        lines.append(
            tr("- payments not yet allocated: {amount} to deduct").format(
                amount=fmt.money(letter.unapplied_credit)
            )
        )
    return "\n".join(lines)


def payment_details(
    letter: Letter, company: CompanyInfo, recipient: Recipient, fmt: LetterFormat
) -> str:
    """Bank details as plain text; empty without an IBAN."""
    if not company.iban:
        return ""
    tr = fmt.tr
    lines = [
        tr("Bank transfer to {name}").format(name=company.name),
        tr("IBAN: {iban}").format(iban=group_iban(company.iban)),
    ]
    if company.bic:
        lines.append(tr("BIC: {bic}").format(bic=company.bic))
    lines.append(tr("Amount: {amount}").format(amount=fmt.money(letter.amount_to_pay)))
    lines.append(
        tr("Reference: {reference}").format(reference=payment_reference(letter, recipient))
    )
    return "\n".join(lines)


def payment_reference(letter: Letter, recipient: Recipient) -> str:
    """What the client writes on the transfer: the letter's reference, else code and invoices."""
    if letter.reference:
        return letter.reference
    return remittance_text(recipient.client_code, [x.number for x in letter.invoices])


def _place_tables(
    letter: Letter, company: CompanyInfo, blocks: tuple[str, ...]
) -> list[tuple[str, str]]:
    """Keep the template's tables that have content, and add the missing ones where expected."""
    wanted = {
        "invoices": bool(letter.lines) or bool(letter.unapplied_credit),
        "claim": letter.claim is not None,
        "instalments": bool(letter.instalments),
        "payment": bool(company.iban) and letter.amount_to_pay > ZERO,
    }
    placed: list[tuple[str, str]] = []
    for block in blocks:
        marker = is_marker(block)
        if marker is None:
            placed.append(("text", block))
        elif wanted.get(marker) and ("table", marker) not in placed:
            placed.append(("table", marker))
    present = {text for kind, text in placed if kind == "table"}
    anchor = min(2, len(placed))
    for name in ("invoices", "claim", "instalments"):
        if wanted[name] and name not in present:
            after = [i for i, b in enumerate(placed) if b[0] == "table"]
            index = after[-1] + 1 if after else anchor
            placed.insert(index, ("table", name))
    if wanted["payment"] and "payment" not in present:
        placed.insert(max(len(placed) - 1, 0), ("table", "payment"))
    return placed
