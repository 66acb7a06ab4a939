"""Windows: Simple MAPI in a child process, else a .eml draft opened by its default program.

The .eml fallback (also used on macOS, opened with `open`) suits new Outlook and Thunderbird,
which open a message marked `X-Unsent: 1` as a draft.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from app.adapters.mail.launchers import Environment, LaunchFailed, LaunchResult
from app.adapters.mail.mapi import MAPI_USER_ABORT, SUCCESS_SUCCESS
from app.adapters.mail.message import MailDraft, write_eml

MAPI_GRACE = 15.0  # seconds: a child still running then has its compose window open
ARGUMENT_LIMIT = 30000  # longer payloads go through a file (Windows command lines ~32k)


def mapi_payload(draft: MailDraft) -> dict[str, object]:
    return {
        "to": list(draft.to),
        "cc": list(draft.cc),
        "subject": draft.subject,
        "body": draft.body,
        "attachments": [str(p.resolve()) for p in draft.attachments],
    }


def mapi_child_command(python: str, argument: str) -> list[str]:
    """`python -m app.adapters.mail.mapi_child …`; a frozen build routes `--mapi-child`."""
    if getattr(sys, "frozen", False):
        return [python, "--mapi-child", argument]
    return [python, "-m", "app.adapters.mail.mapi_child", argument]


class MapiLauncher:
    name = "mapi"

    def __init__(self, env: Environment) -> None:
        self.env = env

    def open(self, draft: MailDraft, workdir: Path) -> LaunchResult:
        text = json.dumps(mapi_payload(draft), ensure_ascii=False)
        argument = text
        if len(text) > ARGUMENT_LIMIT:
            workdir.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", suffix=".json", dir=workdir, delete=False
            ) as handle:
                handle.write(text)
            argument = f"@{handle.name}"
        code = self.env.run()(mapi_child_command(self.env.python, argument), timeout=MAPI_GRACE)
        if code not in (None, SUCCESS_SUCCESS, MAPI_USER_ABORT):
            raise LaunchFailed(f"Simple MAPI returned {code}")
        return LaunchResult(self.name)


class EmlLauncher:
    name = "eml"

    def __init__(self, env: Environment) -> None:
        self.env = env

    def open(self, draft: MailDraft, workdir: Path) -> LaunchResult:
        path = write_eml(draft, workdir / eml_name(draft))
        self.env.open_path(str(path))
        return LaunchResult(self.name, eml_path=path)


def eml_name(draft: MailDraft) -> str:
    base = draft.attachments[0].stem if draft.attachments else "message"
    return f"{base}.eml"
