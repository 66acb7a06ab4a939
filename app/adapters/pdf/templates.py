"""Letter and email templates: editable text files with named placeholders.

A template is a subject header line ("Objet : …" or "Subject: …"), a blank line, then the body.
Blank lines separate paragraphs; a paragraph that is only "[invoices]", "[claim]", "[payment]"
or "[instalments]" places that table. Placeholders are `{name}` fields from PLACEHOLDERS, `{{`
and `}}` write braces. `[if name]…[else]…[end]` (or `[if not name]…[end]`) keeps a passage only
when the condition of CONDITIONS holds for the letter: a sentence, a line or whole paragraphs,
nested as needed. The user's copy under user_config_dir()/templates, same layout as
resources/templates, wins over the bundled one.
"""

from __future__ import annotations

import logging
import re
import shutil
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.adapters.pdf.conditions import TAG, check_conditions
from app.domain.errors import InvalidInput, Problem
from app.i18n import _
from app.paths import resources_dir, user_config_dir

log = logging.getLogger(__name__)

KINDS = ("letters", "emails")
LETTER_TEMPLATES = (
    "receipt_confirmation",
    "courtesy",
    "reminder_1",
    "reminder_2",
    "firm_reminder",
    "formal_notice",
    "statement",
    "payment_plan",
)
EMAIL_TEMPLATES = LETTER_TEMPLATES
MARKERS = ("invoices", "claim", "payment", "instalments")
SUBJECT_KEYS = ("objet", "subject", "sujet", "re")
SNIPPET_DIR = "legal"  # letters/<lang>/legal/<name>.txt: paragraphs chosen by law and client

PLACEHOLDERS: dict[str, str] = {
    "company_name": "creditor's name",
    "company_address": "creditor's address on one line",
    "company_phone": "creditor's phone",
    "company_email": "creditor's email",
    "company_iban": "creditor's IBAN, grouped by four",
    "company_bic": "creditor's BIC",
    "signatory_name": "who signs",
    "signatory_title": "the signatory's title",
    "client_name": "debtor's name",
    "client_code": "debtor's client code",
    "letter_date": "date of the letter, long form",
    "place": "where the letter is written",
    "reference": "our reference for this letter",
    "invoice_count": "number of invoices listed",
    "invoice_numbers": "invoice numbers as a list ('F1, F2 et F3')",
    "invoice_phrase": "'la facture F1', 'les factures F1 et F2', 'les 5 factures détaillées…'",
    "subject_invoices": "'facture F1', 'factures F1 et F2', '5 factures' (for subjects)",
    "next_due_date": "earliest due date still to come, else the earliest due date",
    "first_invoice_number": "number of the first invoice listed",
    "due_date": "earliest due date of the invoices listed",
    "max_days_late": "days late of the oldest invoice",
    "total_invoices": "open balance of the invoices",
    "credit_total": "credit notes and unapplied payments deducted",
    "total_due": "balance due after credits",
    "amount_to_pay": "what the client should transfer (claim total on a formal notice)",
    "deadline": "date by which to pay, long form",
    "deadline_days": "days between the letter and the deadline",
    "claim_principal": "principal claimed",
    "claim_interest": "late interest claimed",
    "claim_indemnity": "fixed recovery indemnity or damages claimed",
    "claim_fees": "fees claimed",
    "claim_total": "total claimed",
    "interest_rate": "rate(s) of the late interest",
    "interest_start": "first day of late interest",
    "interest_end": "last day of late interest",
    "indemnity_per_invoice": "fixed indemnity for each invoice (40 €)",
    "indemnity_invoices": "number of invoices bearing the fixed indemnity",
    "legal_basis": "legal paragraph of a formal notice, by country and client type",
    "late_payment_terms": "late-payment terms, by country and client type (printed in small "
    "type under the invoices of reminders when the template does not place them)",
    "invoice_lines": "plain-text list of the invoices (emails)",
    "payment_details": "plain-text bank details (emails)",
    "signature": "plain-text signature block (emails)",
    "instalment_count": "number of instalments of a payment plan",
    "first_instalment_date": "date of the first instalment",
    "last_instalment_date": "date of the last instalment",
    "reminders_sent": "the reminders sent for these invoices, e.g. 'nos relances des 10/08 et "
    "18/08/2026 par courrier' (empty without any: place it in [if reminders_sent])",
    "reminders_sent_list": "one line per reminder sent: date, level and channel",
    "reminder_count": "how many reminders were sent for these invoices",
    "first_reminder_date": "date of the first reminder sent",
    "last_reminder_date": "date of the last reminder sent",
    "late_invoices": "'la facture F1', 'les factures F1 et F2': the invoices past their due date",
    "late_since": "earliest due date of the invoices past due",
    "coming_invoices": "the invoices not yet due, as 'la facture F3'",
    "late_charges": "what a late payer owes by law, by country and client type (never the "
    "€40 indemnity for a consumer)",
    "free_reminder_terms": "the Belgian consumer's free first reminder paragraph (CDE XIX.2)",
    "free_period_end": "last day of the 14 days after a free first reminder, long form",
    "free_interest_rate": "interest rate that may be claimed after the 14 days",
    "free_damages": "fixed damages that may be claimed after the 14 days (XIX.4)",
    "attachments": "names of the files attached to the email",
    "attachment_count": "number of files attached to the email",
}
# Snippets are inserted into other texts, so they may not use the placeholders built from them.
SNIPPET_FORBIDDEN = frozenset(
    {"legal_basis", "late_payment_terms", "late_charges", "free_reminder_terms"}
)

_HEADER = re.compile(r"^\s*([A-Za-zÀ-ÿ]+)\s*:\s*(.*?)\s*$")
_MARKER = re.compile(r"^\[([a-z_]+)\]$")


@dataclass(frozen=True)
class Template:
    """A parsed template; `blocks` are paragraph texts and "[marker]" strings, unformatted."""

    kind: str
    code: str
    language: str
    path: Path
    subject_label: str
    subject: str
    blocks: tuple[str, ...]
    body: str  # the whole body as written, for plain-text emails


def bundled_root() -> Path:
    return resources_dir() / "templates"


def user_root() -> Path:
    return user_config_dir() / "templates"


def template_path(kind: str, language: str, code: str) -> Path:
    """The user's copy when there is one, else the bundled file."""
    _check_names(kind, language, code)
    relative = Path(kind) / language / f"{code}.txt"
    own = user_root() / relative
    return own if own.is_file() else bundled_root() / relative


def snippet_path(language: str, name: str) -> Path:
    relative = Path("letters") / language / SNIPPET_DIR / f"{name}.txt"
    own = user_root() / relative
    return own if own.is_file() else bundled_root() / relative


def load_template(kind: str, language: str, code: str) -> Template:
    path = template_path(kind, language, code)
    if not path.is_file():
        raise InvalidInput(
            Problem(
                _("no {kind} template {code} in {language}").format(
                    kind=kind, code=repr(code), language=language
                ),
                str(path),
            )
        )
    return _load(path, path.stat().st_mtime_ns, kind, language, code)


def load_snippet(language: str, name: str) -> str:
    """A legal paragraph; an empty file means "nothing to say" for that case."""
    path = snippet_path(language, name)
    if not path.is_file():
        return ""
    return _load_snippet(path, path.stat().st_mtime_ns)


def parse_template(text: str, kind: str, language: str, code: str, path: Path) -> Template:
    """Parse and check a template's text (the settings editor previews through this)."""
    lines = text.replace("\r\n", "\n").lstrip("\ufeff").split("\n")
    match = _HEADER.match(lines[0]) if lines else None
    if not match or match.group(1).lower() not in SUBJECT_KEYS:
        raise InvalidInput(
            Problem(_('the first line must be the subject, like "Objet : …"'), str(path), 1)
        )
    label, subject = match.group(1), match.group(2)
    check_conditions(subject, path, 1)
    check_placeholders(TAG.sub("", subject), path, 1)
    if len(lines) > 1 and lines[1].strip():
        raise InvalidInput(Problem(_("a blank line must follow the subject"), str(path), 2))
    body = "\n".join(lines[2:]).strip("\n") + "\n"
    check_conditions("\n".join(lines[2:]), path, 3)
    neutral = "\n".join(TAG.sub("", line) for line in lines[2:])
    blocks = body_blocks(neutral, path, 3)
    return Template(kind, code, language, path, label, subject, blocks, body)


def body_blocks(text: str, path: Path, first_line: int = 1) -> tuple[str, ...]:
    """The paragraphs (blank-line separated) of a body, each checked; tables as "[name]"."""
    blocks: list[str] = []
    paragraph: list[str] = []
    start = first_line
    for number, line in enumerate(text.split("\n"), start=first_line):
        if line.strip():
            if not paragraph:
                start = number
            paragraph.append(line.rstrip())
            continue
        if paragraph:
            blocks.append(_block("\n".join(paragraph), path, start))
            paragraph = []
    if paragraph:
        blocks.append(_block("\n".join(paragraph), path, start))
    return tuple(blocks)


def check_placeholders(
    text: str, path: Path, line: int, forbidden: frozenset[str] = frozenset()
) -> set[str]:
    """Every field must be a plain known name: no attribute, index, conversion or format."""
    used: set[str] = set()
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        raise InvalidInput(
            Problem(
                _("unbalanced braces ({error}); write {{{{ for a brace").format(error=error),
                str(path),
                line,
            )
        ) from None
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in PLACEHOLDERS or spec or conversion:
            raise InvalidInput(
                Problem(
                    _("unknown placeholder {name}").format(name=f"{{{field}}}"), str(path), line
                )
            )
        if field in forbidden:
            raise InvalidInput(
                Problem(
                    _("{name} cannot be used here").format(name=f"{{{field}}}"), str(path), line
                )
            )
        used.add(field)
    return used


def is_marker(block: str) -> str | None:
    match = _MARKER.match(block)
    return match.group(1) if match else None


def copy_for_editing(kind: str, language: str, code: str) -> Path:
    """Give the user an own copy to edit (settings); the bundled file stays untouched."""
    _check_names(kind, language, code)
    target = user_root() / kind / language / f"{code}.txt"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(bundled_root() / kind / language / f"{code}.txt", target)
    return target


def reset_to_bundled(kind: str, language: str, code: str) -> None:
    _check_names(kind, language, code)
    (user_root() / kind / language / f"{code}.txt").unlink(missing_ok=True)


def _block(text: str, path: Path, line: int) -> str:
    stripped = text.strip()
    marker = _MARKER.match(stripped)
    if marker:
        if marker.group(1) not in MARKERS:
            raise InvalidInput(
                Problem(
                    _("unknown table {table}; known: {known}").format(
                        table=f"[{marker.group(1)}]", known=", ".join(f"[{m}]" for m in MARKERS)
                    ),
                    str(path),
                    line,
                )
            )
        return stripped
    for offset, part in enumerate(text.split("\n")):
        check_placeholders(part, path, line + offset)
    return text


def _check_names(kind: str, language: str, code: str) -> None:
    if (
        kind not in KINDS
        or not re.fullmatch(r"[a-z]{2}", language)
        or not re.fullmatch(r"[a-z0-9_]+", code)
    ):
        raise InvalidInput(_("no template {name}").format(name=f"{kind}/{language}/{code}"))


def template_text(path: Path) -> str:
    """A template file's text: UTF-8 (with or without BOM), else Windows-1252 / Latin-1, the
    encoding an older Windows editor saves in; the editor writes it back as UTF-8."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        log.warning("template %s is not UTF-8: read as Windows-1252", path.name)
        return data.decode("cp1252", errors="replace")


@lru_cache(maxsize=256)
def _load(path: Path, _mtime: int, kind: str, language: str, code: str) -> Template:
    return parse_template(template_text(path), kind, language, code, path)


@lru_cache(maxsize=64)
def _load_snippet(path: Path, _mtime: int) -> str:
    text = template_text(path).strip()
    check_conditions(text, path)
    for number, line in enumerate(text.split("\n"), start=1):
        check_placeholders(line, path, number, SNIPPET_FORBIDDEN)
    return text
