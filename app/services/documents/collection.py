"""The collection / court file of one client: one zip a lawyer or a court clerk can read.

statement.pdf, cover.pdf (the claim as an injonction de payer request states it), summary.csv
(one row per open invoice), claims/<invoice>.txt, reminders.csv (every reminder actually sent,
with its date, channel and SHA-256), documents/ (the sent documents, copied from the
evidence folder; missing ones listed), invoices/ (the invoices' own PDFs), activities.csv
(promises to pay, calls, notes), MISSING.txt when something could not be found, and
SHA256SUMS listing every other file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from app import i18n
from app.adapters.pdf.account.cover import render_cover
from app.adapters.pdf.account.model import (
    CoverDocument,
    CoverInvoice,
    CoverTotals,
    StatementDocument,
)
from app.adapters.pdf.account.statement import statement_bytes
from app.adapters.pdf.formatting import LetterFormat
from app.adapters.pdf.render import safe_file_name
from app.db.queries.collection import ActivityItem, InvoiceOnDate, SentReminder
from app.domain.claims.claim import Claim
from app.domain.money import ZERO
from app.services.documents import texts
from app.services.documents.limitation import limitation_date, limitation_warning

FORMAL_NOTICE = "formal_notice"


@dataclass(frozen=True)
class CollectionInputs:
    """Everything read from the dossier for the file (see DocumentService.dossier)."""

    as_of: date
    client_code: str
    client_type: str
    language: str  # the company's: the file goes to a French court or a lawyer
    statement: StatementDocument
    cover_base: CoverDocument  # parties filled; figures and pieces filled here
    invoices: list[InvoiceOnDate]
    claims: dict[str, Claim | None]
    reminders: list[SentReminder]
    activities: list[ActivityItem]
    closing: dict[str, Decimal]  # statement balance per currency on as_of


@dataclass(frozen=True)
class CollectionFile:
    path: Path
    files: tuple[str, ...]
    warnings: tuple[str, ...]  # in the window's language, for stderr and the window
    missing: tuple[str, ...]


def write_collection(inputs: CollectionInputs, path: Path) -> CollectionFile:
    tr = i18n.translator(inputs.language).gettext

    def day(value: date) -> str:
        return i18n.format_date(value, inputs.language)

    def money(amount: object, currency: str) -> str:
        return i18n.format_money(Decimal(str(amount)), currency, inputs.language)

    files: dict[str, bytes] = {"statement.pdf": statement_bytes(inputs.statement)}
    missing: list[str] = []
    sent_for: dict[str, list[date]] = {}
    for reminder in inputs.reminders:
        for number in reminder.invoices:
            sent_for.setdefault(number, []).append(reminder.date)
    summary: list[list[object]] = []
    cover_lines: list[CoverInvoice] = []
    warnings: list[str] = []
    cover_warnings: list[str] = []
    for invoice in inputs.invoices:
        claim = inputs.claims.get(invoice.number)
        limit = limitation_date(inputs.client_type, invoice.due_date)
        summary.append(texts.summary_row(invoice, claim, sent_for.get(invoice.number, []), limit))
        for gettext, bucket, day_of in (
            (tr, cover_warnings, day),
            (i18n._, warnings, lambda d: i18n.format_date(d)),
        ):
            text = limitation_warning(invoice.number, limit, inputs.as_of, gettext, day_of)
            if text:
                bucket.append(text)
            if invoice.disputed:
                bucket.append(
                    gettext(
                        "Warning: invoice {number} is disputed: it is left out of the amount "
                        "claimed."
                    ).format(number=invoice.number)
                )
        if claim is None or invoice.due_date >= inputs.as_of:
            continue  # not yet due: in the summary, not claimed
        name = f"claims/{safe_file_name(invoice.number)}.txt"
        files[name] = texts.claim_text(
            invoice,
            claim,
            inputs.client_code,
            tr,
            money,
            day,
            LetterFormat(inputs.language).percent,
        )
        if invoice.disputed:
            continue
        cover_lines.append(
            CoverInvoice(
                invoice.number,
                invoice.issue_date,
                invoice.due_date,
                invoice.currency,
                invoice.total,
                claim.principal,
                claim.interest,
                claim.fixed_indemnity,
                claim.fees,
                claim.total,
                limit,
            )
        )
    files["summary.csv"] = texts.csv_bytes(texts.SUMMARY_COLUMNS, summary)
    reminder_rows = []
    for reminder in inputs.reminders:
        document, copy_sha, status = _copy_document(
            files,
            "documents",
            reminder.document_path,
            reminder.document_sha256,
            f"{reminder.date.isoformat()}_{reminder.level}",
        )
        if status in ("missing", "altered"):
            missing.append(
                f"{reminder.date.isoformat()} {reminder.level} {reminder.channel}: "
                f"{reminder.document_path} ({status})"
            )
        reminder_rows.append(
            [
                reminder.date.isoformat(),
                reminder.level,
                reminder.channel,
                " ".join(reminder.invoices),
                document,
                reminder.document_sha256,
                copy_sha,
                status,
                reminder.note,
            ]
        )
    files["reminders.csv"] = texts.csv_bytes(texts.REMINDER_COLUMNS, reminder_rows)
    activity_rows = []
    for item in inputs.activities:
        document, _sha, status = _copy_document(
            files,
            "documents",
            item.document_path,
            item.document_sha256,
            f"{item.date.isoformat()}_{item.kind}",
        )
        if status in ("missing", "altered"):
            missing.append(f"{item.date.isoformat()} {item.kind}: {item.document_path} ({status})")
        activity_rows.append(texts.activity_row(item, document))
    files["activities.csv"] = texts.csv_bytes(texts.ACTIVITY_COLUMNS, activity_rows)
    for invoice in inputs.invoices:
        if not invoice.attachment_path:
            continue
        source = Path(invoice.attachment_path)
        if source.is_file():
            suffix = source.suffix or ".pdf"
            files[_unique(files, f"invoices/{safe_file_name(invoice.number)}{suffix}")] = (
                source.read_bytes()
            )
        else:
            missing.append(f"{invoice.number}: {invoice.attachment_path} (missing)")
    if missing:
        files["MISSING.txt"] = ("\n".join(missing) + "\n").encode("utf-8")
    notices = tuple(sorted({r.date for r in inputs.reminders if r.level == FORMAL_NOTICE}))
    cover = CoverDocument(
        company=inputs.cover_base.company,
        debtor=inputs.cover_base.debtor,
        debtor_legal_id=inputs.cover_base.debtor_legal_id,
        as_of=inputs.as_of,
        invoices=tuple(cover_lines),
        totals=_totals(cover_lines, _credits(inputs)),
        formal_notices=notices,
        warnings=tuple(cover_warnings),
        pieces=("cover.pdf", *files, "SHA256SUMS"),
        language=inputs.language,
    )
    with tempfile.TemporaryDirectory() as folder:
        cover_path = Path(folder) / "cover.pdf"
        render_cover(cover, cover_path)
        files = {"cover.pdf": cover_path.read_bytes(), **files}
    files["SHA256SUMS"] = texts.sha256sums(files)
    _write_zip(path, files, inputs.as_of)
    return CollectionFile(path, tuple(files), tuple(warnings), tuple(missing))


def _credits(inputs: CollectionInputs) -> dict[str, Decimal]:
    """Payments and credit notes not yet applied: what the statement's balance is below the
    open balances of the invoices, per currency."""
    found = {}
    for currency, closing in inputs.closing.items():
        open_total = sum((x.balance for x in inputs.invoices if x.currency == currency), ZERO)
        found[currency] = max(ZERO, open_total - closing)
    return found


def _totals(lines: list[CoverInvoice], credits: dict[str, Decimal]) -> tuple[CoverTotals, ...]:
    """Per currency, credits not yet applied deducted."""
    found = []
    for currency in sorted({x.currency for x in lines}):
        mine = [x for x in lines if x.currency == currency]
        principal = sum((x.principal for x in mine), ZERO)
        interest = sum((x.interest for x in mine), ZERO)
        indemnity = sum((x.indemnity for x in mine), ZERO)
        fees = sum((x.fees for x in mine), ZERO)
        credit = credits.get(currency, ZERO)
        found.append(
            CoverTotals(
                currency,
                principal,
                interest,
                indemnity,
                fees,
                credit,
                principal + interest + indemnity + fees - credit,
            )
        )
    return tuple(found)


def _copy_document(
    files: dict[str, bytes], folder: str, source: str, recorded: str, prefix: str
) -> tuple[str, str, str]:
    """(name in the zip, SHA-256 of the copy, status: included, altered, missing or none)."""
    if not source:
        return "", "", "none"
    path = Path(source)
    if not path.is_file():
        return "", "", "missing"
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    name = _unique(files, f"{folder}/{prefix}_{safe_file_name(path.name)}")
    files[name] = data
    return name, digest, "included" if not recorded or digest == recorded else "altered"


def _unique(files: dict[str, bytes], name: str) -> str:
    stem, suffix = os.path.splitext(name)
    candidate, number = name, 1
    while candidate in files:
        number += 1
        candidate = f"{stem}-{number}{suffix}"
    return candidate


def _write_zip(path: Path, files: dict[str, bytes], as_of: date) -> None:
    """Written beside its final name and moved into place: a zip that exists is whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".relance-", suffix=".zip", dir=path.parent)
    stamp = (max(as_of.year, 1980), as_of.month, as_of.day, 0, 0, 0)
    try:
        with os.fdopen(handle, "wb") as out, zipfile.ZipFile(out, "w") as archive:
            for name, data in files.items():
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
