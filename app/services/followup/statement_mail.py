"""The client's statement of account, sent with the emails of the levels that ask for it
(`Level.attach_statement`): the same PDF as `relance statement`, named in the email's language,
and named in the email's text like every file it carries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.adapters.pdf.formatting import LetterFormat
from app.domain.followup.inputs import PlannedAction
from app.domain.followup.policy import Channel
from app.services.documents.service import DocumentService
from app.services.followup.evidence import safe_name
from app.services.followup.letters import ActionLetters


def carries_statement(action: PlannedAction, built: ActionLetters) -> bool:
    return action.attach_statement and action.channel is Channel.EMAIL and bool(built.letters)


def statement_names(action: PlannedAction, built: ActionLetters) -> tuple[str, ...]:
    """("Relevé de compte C001.pdf",) when the email carries the statement, else ()."""
    if not carries_statement(action, built):
        return ()
    title = LetterFormat(built.letters[0].language).tr("Statement of account")
    return (f"{title} {safe_name(action.client_code, fallback='client')}.pdf",)


def statement_pdfs(
    documents: DocumentService,
    action: PlannedAction,
    built: ActionLetters,
    as_of: date,
    folder: Path,
) -> tuple[Path, ...]:
    """The statement of the 12 months up to `as_of`, written in `folder` (or nothing)."""
    written = []
    for name in statement_names(action, built):
        written.append(documents.statement(action.client_code, folder / name, as_of))
    return tuple(written)
