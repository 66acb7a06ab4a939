"""Linux: Thunderbird's `-compose` command line, else `xdg-email` (freedesktop)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from app.adapters.mail.launchers import Environment, LaunchFailed, LaunchResult
from app.adapters.mail.message import MailDraft

GRACE = 5.0  # seconds: a client still running then is showing the message


def compose_value(value: str) -> str:
    """One value of Thunderbird's -compose list.

    Thunderbird reads `key='value'` literally and ends a quoted value only at a quote followed
    by a comma or the end; any other value is percent-decoded. So a value is quoted unless it
    holds "',", and then percent-encoded whole (commas and quotes included).
    """
    if "'," not in value:
        return f"'{value}'"
    return quote(value, safe="")


def thunderbird_compose_argument(draft: MailDraft) -> str:
    fields = [("to", ",".join(draft.to))]
    if draft.cc:
        fields.append(("cc", ",".join(draft.cc)))
    fields += [("subject", draft.subject), ("body", draft.body)]
    if draft.attachments:
        fields.append(("attachment", ",".join(file_url(p) for p in draft.attachments)))
    return ",".join(f"{key}={compose_value(value)}" for key, value in fields)


def file_url(path: Path) -> str:
    """file:/// URL with every unsafe character (comma and quote too) percent-encoded."""
    return path.resolve().as_uri()


class ThunderbirdLauncher:
    name = "thunderbird"

    def __init__(self, env: Environment) -> None:
        self.env = env

    def open(self, draft: MailDraft, workdir: Path) -> LaunchResult:
        program = self.env.which("thunderbird")
        if program is None:
            raise LaunchFailed("thunderbird is not installed")
        code = self.env.run()(
            [program, "-compose", thunderbird_compose_argument(draft)], timeout=GRACE
        )
        if code not in (None, 0):
            raise LaunchFailed(f"thunderbird exited with {code}")
        return LaunchResult(self.name)


def xdg_email_arguments(draft: MailDraft) -> list[str]:
    argv = ["--utf8", "--subject", draft.subject, "--body", draft.body]
    for address in draft.cc:
        argv += ["--cc", address]
    for path in draft.attachments:
        argv += ["--attach", str(path.resolve())]
    return [*argv, *draft.to]


class XdgEmailLauncher:
    name = "xdg_email"

    def __init__(self, env: Environment) -> None:
        self.env = env

    def open(self, draft: MailDraft, workdir: Path) -> LaunchResult:
        program = self.env.which("xdg-email")
        if program is None:
            raise LaunchFailed("xdg-email is not installed")
        code = self.env.run()([program, *xdg_email_arguments(draft)], timeout=GRACE)
        if code not in (None, 0):
            raise LaunchFailed(f"xdg-email exited with {code}")
        return LaunchResult(self.name)
