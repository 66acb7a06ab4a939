"""Last resort: a mailto: link (it cannot carry an attachment) and the PDF's folder opened
beside it, with a word to the user to attach the file."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from app import i18n
from app.adapters.mail.launchers import Environment, LaunchResult
from app.adapters.mail.message import MailDraft
from app.i18n import _

MAX_LENGTH = 2000  # characters: what every browser, OS and mail client accepts


def mailto_url(draft: MailDraft, limit: int = MAX_LENGTH) -> str:
    """The link, its body shortened (with a note saying so) to stay within `limit`."""
    url = _url(draft, draft.body)
    if len(url) <= limit:
        return url
    note = "\n[…]\n" + i18n.translator(draft.language).gettext(
        "(Message shortened: the full text is in the PDF file to attach.)"
    )
    low, high = 0, len(draft.body)
    while low < high:  # the longest beginning of the body that still fits
        middle = (low + high + 1) // 2
        if len(_url(draft, draft.body[:middle].rstrip() + note)) <= limit:
            low = middle
        else:
            high = middle - 1
    return _url(draft, draft.body[:low].rstrip() + note)


def _url(draft: MailDraft, body: str) -> str:
    to = ",".join(quote(a, safe="@") for a in draft.to)
    lines = body.replace("\r\n", "\n").replace("\n", "\r\n")  # RFC 6068: CRLF in bodies
    query = [f"subject={quote(draft.subject, safe='')}", f"body={quote(lines, safe='')}"]
    if draft.cc:
        query.insert(0, "cc=" + ",".join(quote(a, safe="@") for a in draft.cc))
    return f"mailto:{to}?{'&'.join(query)}"


class MailtoLauncher:
    name = "mailto"

    def __init__(self, env: Environment) -> None:
        self.env = env

    def open(self, draft: MailDraft, workdir: Path) -> LaunchResult:
        self.env.open_path(mailto_url(draft))
        folder = draft.attachments[0].resolve().parent if draft.attachments else None
        if folder is not None:
            self.env.open_path(str(folder))
            explanation = _(
                "Your mail client could not receive the attachment: the message "
                "is open without it, and the folder holding {files} is open beside "
                "it. Attach the file to the message before sending it."
            ).format(files=", ".join(p.name for p in draft.attachments))
        else:
            explanation = ""
        return LaunchResult(self.name, explanation=explanation, opened_folder=folder)
