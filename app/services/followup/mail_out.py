"""Reminder emails as the client receives them: the PDF of the same reminder and the invoices'
own PDFs attached, the text naming only what is attached; and, when no mail program can be
opened, the message saved as a .eml the user can always send by hand."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from app.adapters.mail import LaunchFailed, LaunchResult, MailDraft, build_message
from app.adapters.mail import draft_for_letter as _draft
from app.adapters.pdf import Letter, compose_letter, render_letter_bytes
from app.domain.errors import RelanceError
from app.i18n import _
from app.services.followup.evidence import StoredDocument, store_document
from app.services.followup.letters import ActionLetters

log = logging.getLogger(__name__)

MailOpener = Callable[[MailDraft, Path], LaunchResult]

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class MailNotOpened(RelanceError):
    """No mail program could open the email. Nothing is lost: each message is saved as a .eml
    (`documents`, the first one's path in `eml_path`), and `to`, `subject` and `body` are there
    to copy; the reminder is not recorded until the user says it was sent."""

    def __init__(self, documents: tuple[StoredDocument, ...], draft: MailDraft, reason: str):
        self.documents = documents
        self.eml_path = documents[0].path
        self.to = ", ".join(draft.to)
        self.subject = draft.subject
        self.body = draft.body
        self.reason = reason
        super().__init__(
            _(
                "No mail program could be opened on this computer. The email is saved as {path}."
            ).format(path=self.eml_path)
        )


@dataclass(frozen=True)
class Prepared:
    """One email ready to open: the draft and the name its .eml is kept under."""

    draft: MailDraft
    name: str


def pdf_name(letter: Letter, built: ActionLetters) -> str | None:
    """The attached reminder's file name, after its subject ("Relance — facture F1.pdf"); None
    when the level has no letter template."""
    try:
        subject = compose_letter(letter, built.company, built.recipient).subject
    except RelanceError as error:
        log.info("no PDF for the %s email: %s", letter.template, error)
        return None
    return (_UNSAFE.sub(" ", subject).strip(" .")[:90] or letter.template) + ".pdf"


def letter_pdf(letter: Letter, built: ActionLetters, folder: Path) -> Path | None:
    """The reminder itself as a PDF in `folder`, under pdf_name."""
    name = pdf_name(letter, built)
    if name is None:
        return None
    path = folder / name
    path.write_bytes(render_letter_bytes(letter, built.company, built.recipient))
    return path


def email_draft(letter: Letter, built: ActionLetters, files: tuple[Path, ...]) -> MailDraft:
    """The email of the letter's level, its text told which files it carries."""
    told = replace(letter, attachments=tuple(p.name for p in files))
    return _draft(told, built.company, built.recipient, files)


def open_or_save(
    prepared: list[Prepared],
    opener: Callable[[MailDraft, Path], LaunchResult],
    drafts: Path,
    folder: Path,
) -> tuple[StoredDocument | None, LaunchResult | None]:
    """Keep each message as a .eml in the client's folder and open it in the mail program;
    MailNotOpened (after every .eml is kept) when no program could open them."""
    stored: list[StoredDocument] = []
    result = None
    failure = ""
    for one in prepared:
        stored.append(store_document(build_message(one.draft).as_bytes(), folder, one.name))
        if failure:
            continue
        try:
            result = opener(one.draft, drafts)
        except (LaunchFailed, OSError) as error:
            log.warning("no mail program could open the email: %s", error)
            failure = str(error)
    if failure:
        for path in {p for one in prepared for p in one.draft.attachments}:
            if path.parent != folder:  # beside the .eml, to attach from a webmail
                store_document(path, folder, path.name)
        raise MailNotOpened(tuple(stored), prepared[0].draft, failure)
    return (stored[0] if stored else None), result


def copy_not_opened(document: StoredDocument, draft: MailDraft, reason: str) -> LaunchResult:
    """The email copy of a posted letter could not be opened: where its .eml is kept."""
    log.warning("the email copy could not be opened: %s", reason)
    return LaunchResult("saved", MailNotOpened((document,), draft, reason).args[0], document.path)


def default_mail_opener(draft: MailDraft, workdir: Path) -> LaunchResult:
    from app.adapters.mail import open_draft

    return open_draft(draft, workdir)
