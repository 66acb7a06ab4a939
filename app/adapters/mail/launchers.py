"""Open a reminder email, ready to send, in the user's own mail client.

Relance never sends anything itself and keeps no mail password: each launcher hands the
message to a client and the user presses Send. The chain for the platform is tried in order
(a setting can put one method first); the mailto: link is the last resort everywhere.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from app.adapters.mail.message import MailDraft
from app.adapters.mail.runner import Runner, SubprocessRunner
from app.domain.errors import InvalidInput, RelanceError

log = logging.getLogger(__name__)

METHODS = ("auto", "mapi", "eml", "mail_app", "outlook_mac", "thunderbird", "xdg_email", "mailto")
PLATFORM_CHAINS = {
    "win32": ("mapi", "eml", "mailto"),
    "darwin": ("mail_app", "eml", "mailto"),
    "linux": ("thunderbird", "xdg_email", "mailto"),
}


class LaunchFailed(RelanceError):
    """This way of opening the message did not work; the next one is tried."""


@dataclass(frozen=True)
class LaunchResult:
    method: str  # the launcher that opened the message
    explanation: str = ""  # what the user must still do (mailto: attach the PDF by hand)
    eml_path: Path | None = None
    opened_folder: Path | None = None


class Launcher(Protocol):
    name: str

    def open(self, draft: MailDraft, workdir: Path) -> LaunchResult: ...


@dataclass
class Environment:
    """What launchers use from the system, injectable for tests."""

    platform: str = sys.platform
    runner: Runner | None = None
    which: Callable[[str], str | None] = shutil.which
    startfile: Callable[[str], None] | None = None  # os.startfile on Windows
    python: str = sys.executable
    script_dir: Path | None = None

    def run(self) -> Runner:
        return self.runner or SubprocessRunner()

    def open_path(self, target: str) -> None:
        """Open a file, folder or URL with the system's default program."""
        if self.platform == "win32":
            starter = self.startfile or getattr(os, "startfile", None)
            if starter is None:
                raise LaunchFailed("no os.startfile on this system")
            starter(target)
            return
        program = "open" if self.platform == "darwin" else "xdg-open"
        code = self.run()([program, target], timeout=10)
        if code not in (None, 0):
            raise LaunchFailed(f"{program} exited with {code}")


def launcher_chain(setting: str = "auto", environment: Environment | None = None) -> list[str]:
    """The methods to try, in order: the chosen one first, then the platform's fallbacks."""
    if setting not in METHODS:
        raise InvalidInput(f"unknown mail method {setting!r}; one of: {', '.join(METHODS)}")
    env = environment or Environment()
    key = env.platform if env.platform in PLATFORM_CHAINS else "linux"
    chain = list(PLATFORM_CHAINS[key])
    if setting != "auto":
        chain = [setting, *[m for m in chain if m != setting]]
    return chain


def open_draft(
    draft: MailDraft, workdir: Path, setting: str = "auto", environment: Environment | None = None
) -> LaunchResult:
    """Hand the draft to the first method that works; never sends it."""
    env = environment or Environment()
    failures = []
    for name in launcher_chain(setting, env):
        launcher = make_launcher(name, env)
        try:
            result = launcher.open(draft, workdir)
        except (LaunchFailed, OSError) as error:
            log.info("mail method %s failed: %s", name, error)
            failures.append(f"{name}: {error}")
            continue
        log.info("draft opened with %s", name)
        return result
    raise LaunchFailed("no way to open the email worked (" + "; ".join(failures) + ")")


def make_launcher(name: str, env: Environment) -> Launcher:
    from app.adapters.mail import linux, macos, mailto, windows

    factories: dict[str, Callable[[Environment], Launcher]] = {
        "mapi": windows.MapiLauncher,
        "eml": windows.EmlLauncher,
        "mail_app": macos.MailAppLauncher,
        "outlook_mac": macos.OutlookMacLauncher,
        "thunderbird": linux.ThunderbirdLauncher,
        "xdg_email": linux.XdgEmailLauncher,
        "mailto": mailto.MailtoLauncher,
    }
    return factories[name](env)
