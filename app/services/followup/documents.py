"""What an action sends: its text for the preview, its PDF letter or its email draft when it is
done, each document kept as evidence with its SHA-256 (app.services.followup.evidence)."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path

from app.adapters.mail import LaunchFailed, LaunchResult, build_message
from app.adapters.pdf import AddressedLetter, compose_email, compose_letter
from app.adapters.pdf.formatting import LetterFormat
from app.db.queries import letters as letter_queries
from app.db.queries.followup_inputs import invoice_attachments
from app.db.uow import UnitOfWork
from app.domain.errors import InvalidInput, NotFound, RelanceError
from app.domain.followup.inputs import PlannedAction
from app.domain.followup.policy import Channel
from app.i18n import _, format_date, format_money
from app.services.claims.service import ClaimService
from app.services.documents.service import DocumentService
from app.services.dossier import DossierService
from app.services.followup import evidence
from app.services.followup.evidence import StoredDocument, store_document
from app.services.followup.labels import flag_name, level_name
from app.services.followup.letters import ActionLetters, build_letters
from app.services.followup.mail_out import (
    MailOpener,
    Prepared,
    copy_not_opened,
    default_mail_opener,
    email_draft,
    letter_pdf,
    open_or_save,
    pdf_name,
)
from app.services.followup.statement_mail import statement_names, statement_pdfs


@dataclass(frozen=True)
class PreviewTable:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    totals: tuple[tuple[str, str], ...]
    right_columns: frozenset[int]


@dataclass(frozen=True)
class Preview:
    """The text of an action as the client will read it (or, for calls and tasks, the brief).

    paragraphs: plain lines; blocks: the same with the letter's tables kept as tables.
    """

    channel: str
    title: str
    recipient: tuple[str, ...]
    subject: str
    paragraphs: tuple[str, ...]
    produces_document: bool
    blocks: tuple[str | PreviewTable, ...] = ()
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sent:
    """What doing an action produced: the evidence kept, and how the email was opened."""

    document: StoredDocument | None = None
    mail: LaunchResult | None = None
    mail_problem: str = ""


_safe = partial(evidence.safe_name, fallback="x", limit=80)


class Documents:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        dossier: DossierService,
        claims: ClaimService,
        root: Callable[[], Path],
        key: str = "",
    ) -> None:
        self._uow = uow
        self._dossier = dossier
        self._claims = claims
        self.root = root
        self._key = key or evidence.dossier_key("default")
        self.company: Callable[[], str] = lambda: dossier.settings().name
        self.mail_opener: MailOpener = default_mail_opener

    def folder(self, client_code: str, client_id: int) -> Path:
        """Where what is sent to that client is kept (`evidence.client_folder`), or
        `<shared folder>/C<id>-<code>/` when the dossier names a shared documents folder."""
        shared = self._dossier.settings().documents_folder
        if shared:
            return evidence.shared_client_folder(Path(shared), client_id, client_code)
        return evidence.client_folder(
            self.root(), self.company(), self._key, client_id, client_code
        )

    def sources(self, action: PlannedAction, as_of: date, kind: str) -> ActionLetters:
        with self._uow() as uow:
            people = letter_queries.addressees(uow.session, {action.client_id})
            ids = set(action.invoice_ids)
            figures = letter_queries.invoice_figures(uow.session, ids, as_of)
            history = letter_queries.reminders_sent(uow.session, ids, as_of)
        if action.client_id not in people:
            raise NotFound(_("no such client"))
        return build_letters(
            action,
            as_of,
            self._dossier.settings(),
            people[action.client_id],
            figures,
            self._claims.claim_or_none,
            kind,
            history,
        )

    def attachments(self, action: PlannedAction) -> tuple[Path, ...]:
        """The original invoices' PDFs that still exist, attached to reminder emails."""
        with self._uow() as uow:
            paths = invoice_attachments(uow.session, action.invoice_ids)
        return tuple(Path(p) for p in paths if p and Path(p).is_file())

    # --- preview ------------------------------------------------------------------------

    def preview(self, action: PlannedAction, as_of: date, title: str = "") -> Preview:
        title = title or level_name(action.level_code)
        channel = action.channel
        kind = "emails" if channel is Channel.EMAIL else "letters"
        built = self.sources(action, as_of, kind)
        if channel in (Channel.PHONE, Channel.MANUAL) or not built.letters:
            return self._brief(action, title, built)
        if channel is Channel.EMAIL:
            return self._email_preview(action, title, built)
        return self._letter_preview(action, title, built)

    def _brief(self, action: PlannedAction, title: str, built: ActionLetters) -> Preview:
        lines = tuple(
            _("{number} of {date}: {amount}").format(
                number=item.invoice_number,
                date=format_date(item.due_date),
                amount=format_money(item.amount, item.currency),
            )
            for item in action.items
        )
        totals = tuple(
            _("Total: {amount}").format(amount=format_money(amount, currency))
            for currency, amount in action.amounts.items()
        )
        flags = tuple(flag_name(f) for f in sorted(action.flags))
        name = built.recipient.name
        if action.channel is Channel.PHONE:
            subject = _("Call {client}").format(client=name)
        elif action.channel is Channel.MANUAL:
            subject = title
            lines = (_("To do by hand, outside Relance."), *lines)
        else:
            subject = _("{level} — {client}").format(level=title, client=name)
        body = (*lines, *totals, *flags)
        return Preview(action.channel.value, title, (name,), subject, body, False, body)

    def _email_preview(self, action: PlannedAction, title: str, built: ActionLetters) -> Preview:
        subject, body = "", ""
        invoices = statement_names(action, built) + tuple(p.name for p in self.attachments(action))
        names: list[str] = []
        for letter in built.letters:
            own = pdf_name(letter, built)
            files = ((own,) if own else ()) + invoices
            names.extend(x for x in files if x not in names)
            told = replace(letter, attachments=files)
            one_subject, one_body = compose_email(told, built.company, built.recipient)
            subject = subject or one_subject
            body += ("\n\n" if body else "") + one_body
        paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", body) if p.strip())
        address = built.recipient.email or _("(no email address)")
        return Preview(
            "email",
            title,
            (built.recipient.name, address),
            subject,
            paragraphs,
            False,
            paragraphs,
            tuple(names),
        )

    def _letter_preview(self, action: PlannedAction, title: str, built: ActionLetters) -> Preview:
        blocks: list[str | PreviewTable] = []
        subject = ""
        for letter in built.letters:
            composed = compose_letter(letter, built.company, built.recipient)
            subject = subject or composed.subject
            if composed.registered_mail and composed.registered_mail not in blocks:
                blocks.append(composed.registered_mail)
            fmt = LetterFormat(letter.language, letter.currency)
            for kind, text in composed.blocks:
                if kind == "text":
                    blocks.append(text)
                elif text == "payment":
                    blocks.extend(composed.values["payment_details"].split("\n"))
                elif text in ("invoices", "claim"):
                    blocks.append(
                        _invoice_table(letter, fmt)
                        if text == "invoices"
                        else _claim_table(letter, fmt)
                    )
            if composed.terms_note:
                blocks.append(composed.terms_note)
        recipient = built.recipient
        address = (
            recipient.name,
            *recipient.address_lines,
            " ".join(x for x in (recipient.postcode, recipient.city) if x),
        )
        if action.also_email and recipient.email:
            blocks.append(_("A copy goes by email to {email}.").format(email=recipient.email))
        paragraphs = tuple(b for b in blocks if isinstance(b, str))
        return Preview(
            action.channel.value,
            title,
            tuple(x for x in address if x),
            subject,
            paragraphs,
            True,
            tuple(blocks),
        )

    # --- doing --------------------------------------------------------------------------

    def write_letter(
        self, action: PlannedAction, as_of: date
    ) -> tuple[StoredDocument | None, ActionLetters]:
        """The PDF of a paper action (one per currency in one file), stored as evidence."""
        from app.adapters.pdf import render_batch, render_letter_bytes

        built = self.sources(action, as_of, "letters")
        if not built.letters:
            return None, built
        name = f"{as_of.isoformat()}_{_safe(action.client_code)}_{_safe(action.level_code)}.pdf"
        folder = self.folder(action.client_code, action.client_id)
        if len(built.letters) == 1:
            data = render_letter_bytes(built.letters[0], built.company, built.recipient)
            return store_document(data, folder, name), built
        with tempfile.TemporaryDirectory(prefix="relance-") as work:
            batch = [AddressedLetter(x, built.company, built.recipient) for x in built.letters]
            result = render_batch(batch, Path(work) / name, workers=1)
            return store_document(result.path, folder, name), built

    def draft_pdf(self, action: PlannedAction, as_of: date) -> Path | None:
        """The letter as it would print, in a scratch folder (not kept as evidence)."""
        from app.adapters.pdf import render_letter_bytes

        built = self.sources(action, as_of, "letters")
        if not built.letters:
            return None
        folder = Path(tempfile.mkdtemp(prefix="relance-preview-"))
        path = folder / f"{_safe(action.client_code)}_{_safe(action.level_code)}.pdf"
        path.write_bytes(
            b"".join(
                render_letter_bytes(x, built.company, built.recipient) for x in built.letters[:1]
            )
        )
        return path

    def send_letter(self, action: PlannedAction, as_of: date) -> Sent:
        """Write the letter; when the level asks for it, open its email copy with the PDF (kept
        as a .eml to send by hand when no mail program can be opened)."""
        document, built = self.write_letter(action, as_of)
        if document is None or not action.also_email or not built.recipient.email:
            return Sent(document)
        letter = replace(built.letters[0], posted=True)
        attached = document.path  # under the letter's subject, as the client will see it
        name = pdf_name(letter, built)
        if name:
            scratch = Path(tempfile.mkdtemp(prefix="relance-mail-", dir=self._drafts()))
            attached = scratch / name
            attached.write_bytes(document.path.read_bytes())
        try:
            draft = email_draft(letter, built, (attached,))
        except RelanceError as error:
            return Sent(document, None, str(error))
        name = f"{document.path.stem}.eml"
        try:
            return Sent(document, self.mail_opener(draft, self._drafts()))
        except (LaunchFailed, OSError) as error:
            kept = store_document(
                build_message(draft).as_bytes(),
                self.folder(action.client_code, action.client_id),
                name,
            )
            copy = copy_not_opened(kept, draft, str(error))
            return Sent(document, copy, copy.explanation)

    def send_email(self, action: PlannedAction, as_of: date) -> Sent:
        """Open the reminder email in the user's mail client, with the PDF of the same reminder
        and the invoices' PDFs attached; the message is kept as evidence (.eml). MailNotOpened
        (with the .eml's path) when no mail program could be opened. The level may add the
        client's statement of account (`statement_mail`)."""
        built = self.sources(action, as_of, "emails")
        if not built.recipient.email:
            raise InvalidInput(
                _(
                    "client {code} has no email address: add one, or skip or snooze this reminder"
                ).format(code=built.recipient.client_code)
            )
        if not built.letters:
            return Sent()
        scratch = Path(tempfile.mkdtemp(prefix="relance-mail-", dir=self._drafts()))
        statements = DocumentService(self._uow, self._dossier, self._claims)
        invoices = statement_pdfs(statements, action, built, as_of, scratch)
        invoices += self.attachments(action)
        prepared = []
        for index, letter in enumerate(built.letters):
            own = letter_pdf(letter, built, scratch)
            files = ((own,) if own else ()) + invoices
            suffix = f"-{letter.currency}" if index else ""
            name = (
                f"{as_of.isoformat()}_{_safe(action.client_code)}_"
                f"{_safe(action.level_code)}{suffix}.eml"
            )
            prepared.append(Prepared(email_draft(letter, built, files), name))
        stored, result = open_or_save(
            prepared,
            self.mail_opener,
            self._drafts(),
            self.folder(action.client_code, action.client_id),
        )
        return Sent(stored, result)

    def _drafts(self) -> Path:
        path = self.root() / "drafts"
        path.mkdir(parents=True, exist_ok=True)
        return path


def _invoice_table(letter, fmt: LetterFormat) -> PreviewTable:  # type: ignore[no-untyped-def]
    tr = fmt.tr
    rows = tuple(
        (
            x.number,
            fmt.day(x.issue_date),
            fmt.day(x.due_date) if x.due_date else "",
            fmt.money(x.total),
            fmt.money(x.paid),
            fmt.money(x.balance),
            str(x.days_late) if x.days_late > 0 else "",
        )
        for x in letter.lines
    )
    totals = letter.totals()
    sums = []
    if totals.unapplied_credit:
        sums.append((tr("Payments not yet allocated"), fmt.money(-totals.unapplied_credit)))
    sums.append((tr("Balance due"), fmt.money(totals.total_due)))
    return PreviewTable(
        (
            tr("Invoice"),
            tr("Date"),
            tr("Due date"),
            tr("Amount"),
            tr("Amount paid"),
            tr("Balance"),
            tr("Days late"),
        ),
        rows,
        tuple(sums),
        frozenset({3, 4, 5, 6}),
    )


def _claim_table(letter, fmt: LetterFormat) -> PreviewTable:  # type: ignore[no-untyped-def]
    tr = fmt.tr
    claim = letter.claim
    rows = [(tr("Principal: balance of the invoices"), fmt.money(claim.principal))]
    rows.extend(
        (
            tr("Late interest, invoice {number}").format(number=p.invoice_number),
            fmt.money(p.interest),
        )
        for p in claim.periods
    )
    if claim.fixed_indemnity:
        rows.append((tr("Recovery indemnity"), fmt.money(claim.fixed_indemnity)))
    if claim.fees:
        rows.append((tr("Fees"), fmt.money(claim.fees)))
    return PreviewTable(
        (tr("Claimed"), tr("Amount")),
        tuple(rows),
        ((tr("Total claimed"), fmt.money(letter.amount_to_pay)),),
        frozenset({1}),
    )
