"""macOS: Mail.app or Outlook through `osascript`, the values passed as arguments.

The AppleScript is fixed text that reads `item N of argv`; subject, body, addresses and file
paths never become script text, so no quote or backslash in them can change what runs.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from app.adapters.mail.launchers import Environment, LaunchFailed, LaunchResult
from app.adapters.mail.message import MailDraft

OSASCRIPT_TIMEOUT = 60.0

MAIL_APP_SCRIPT = """on run argv
	set theSubject to item 1 of argv
	set theBody to item 2 of argv
	set recipientCount to (item 3 of argv) as integer
	tell application "Mail"
		set theMessage to make new outgoing message with properties {subject:theSubject, content:theBody & return, visible:true}
		tell theMessage
			repeat with i from 1 to recipientCount
				make new to recipient at end of to recipients with properties {address:(item (3 + i) of argv)}
			end repeat
		end tell
		repeat with i from (4 + recipientCount) to (count of argv)
			tell content of theMessage
				make new attachment with properties {file name:(POSIX file (item i of argv))} at after last paragraph
			end tell
		end repeat
		activate
	end tell
end run
"""  # noqa: E501 - AppleScript lines

OUTLOOK_SCRIPT = """on run argv
	set theSubject to item 1 of argv
	set theBody to item 2 of argv
	set recipientCount to (item 3 of argv) as integer
	tell application "Microsoft Outlook"
		set theMessage to make new outgoing message with properties {subject:theSubject, plain text content:theBody}
		repeat with i from 1 to recipientCount
			make new to recipient at theMessage with properties {email address:{address:(item (3 + i) of argv)}}
		end repeat
		repeat with i from (4 + recipientCount) to (count of argv)
			make new attachment at theMessage with properties {file:(POSIX file (item i of argv))}
		end repeat
		open theMessage
		activate
	end tell
end run
"""  # noqa: E501


def osascript_arguments(draft: MailDraft) -> list[str]:
    """subject, body, number of recipients, the recipients, then the attachment paths."""
    return [
        draft.subject,
        draft.body,
        str(len(draft.to)),
        *draft.to,
        *(str(p.resolve()) for p in draft.attachments),
    ]


class _ScriptLauncher:
    name = ""
    script = ""

    def __init__(self, env: Environment) -> None:
        self.env = env

    def script_path(self) -> Path:
        folder = self.env.script_dir or Path(tempfile.gettempdir()) / "relance-scripts"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.name}.applescript"
        if not path.is_file() or path.read_text(encoding="utf-8") != self.script:
            path.write_text(self.script, encoding="utf-8")
        return path

    def open(self, draft: MailDraft, workdir: Path) -> LaunchResult:
        argv = ["osascript", str(self.script_path()), *osascript_arguments(draft)]
        code = self.env.run()(argv, timeout=OSASCRIPT_TIMEOUT)
        if code not in (None, 0):
            raise LaunchFailed(f"osascript exited with {code}")
        return LaunchResult(self.name)


class MailAppLauncher(_ScriptLauncher):
    name = "mail_app"
    script = MAIL_APP_SCRIPT


class OutlookMacLauncher(_ScriptLauncher):
    name = "outlook_mac"
    script = OUTLOOK_SCRIPT
