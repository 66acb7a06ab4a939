"""Reminder emails as standard messages: built with the `email` library, never sent by Relance.

The user's own mail client sends them (launchers.py); a .eml written here carries
`X-Unsent: 1`, so Outlook, new Outlook and Thunderbird open it as a draft ready to send.
"""

from __future__ import annotations

import mimetypes
import os
import tempfile
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from app.adapters.pdf.compose import compose_email
from app.adapters.pdf.model import CompanyInfo, Letter, Recipient
from app.domain.errors import InvalidInput

_FORBIDDEN = ("\r", "\n", "\x00")


@dataclass(frozen=True)
class MailDraft:
    """An email waiting for the user to send it; addresses and subject are checked on creation."""

    to: tuple[str, ...]
    subject: str
    body: str
    attachments: tuple[Path, ...] = ()
    cc: tuple[str, ...] = ()
    sender: str = ""
    language: str = "fr"  # of the body, for the note when a mailto link has to shorten it

    def __post_init__(self) -> None:
        if not self.to:
            raise InvalidInput("the email has no recipient")
        for address in (*self.to, *self.cc, *((self.sender,) if self.sender else ())):
            check_address(address)
        if any(ch in self.subject for ch in _FORBIDDEN):
            raise InvalidInput("the email subject may not contain line breaks")


def check_address(address: str) -> str:
    """One plain address ('name@example.com'); line breaks and lists are refused."""
    if any(ch in address for ch in _FORBIDDEN):
        raise InvalidInput(f"email address with a line break: {address!r}")
    try:
        parsed = Address(addr_spec=address.strip())
    except (ValueError, IndexError) as error:
        raise InvalidInput(f"not an email address: {address!r}") from error
    if not parsed.username or "." not in parsed.domain or parsed.addr_spec != address.strip():
        raise InvalidInput(f"not an email address: {address!r}")
    return parsed.addr_spec


def draft_for_letter(
    letter: Letter,
    company: CompanyInfo,
    recipient: Recipient,
    attachments: tuple[Path, ...] = (),
    to: tuple[str, ...] = (),
) -> MailDraft:
    """The email of the letter's level, in the client's language, with the PDFs attached."""
    subject, body = compose_email(letter, company, recipient)
    addresses = to or ((recipient.email,) if recipient.email else ())
    return MailDraft(
        addresses,
        subject,
        body,
        tuple(attachments),
        (),
        company.email if company.email and _is_address(company.email) else "",
        letter.language,
    )


def build_message(draft: MailDraft, unsent: bool = True) -> EmailMessage:
    """Plain-text message with its attachments; `X-Unsent: 1` marks it as a draft."""
    message = EmailMessage(policy=SMTP)
    if draft.sender:
        message["From"] = draft.sender
    message["To"] = ", ".join(draft.to)
    if draft.cc:
        message["Cc"] = ", ".join(draft.cc)
    message["Subject"] = draft.subject
    if unsent:
        message["X-Unsent"] = "1"
    message.set_content(draft.body)
    for path in draft.attachments:
        kind, _encoding = mimetypes.guess_type(path.name)
        maintype, subtype = (kind or "application/octet-stream").split("/", 1)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InvalidInput(f"attachment cannot be read: {path}") from error
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=path.name)
    return message


def write_eml(draft: MailDraft, path: Path) -> Path:
    """The draft as a .eml file (CRLF line ends), written whole or not at all."""
    data = build_message(draft).as_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".relance-", suffix=".eml", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _is_address(text: str) -> bool:
    try:
        check_address(text)
    except InvalidInput:
        return False
    return True
