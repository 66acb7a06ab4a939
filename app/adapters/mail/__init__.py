"""Reminder emails opened in the user's own mail client, ready to send (never sent silently)."""

from app.adapters.mail.launchers import (
    METHODS,
    Environment,
    LaunchFailed,
    LaunchResult,
    launcher_chain,
    open_draft,
)
from app.adapters.mail.message import (
    MailDraft,
    build_message,
    check_address,
    draft_for_letter,
    write_eml,
)

__all__ = [
    "METHODS",
    "Environment",
    "LaunchFailed",
    "LaunchResult",
    "MailDraft",
    "build_message",
    "check_address",
    "draft_for_letter",
    "launcher_chain",
    "open_draft",
    "write_eml",
]
