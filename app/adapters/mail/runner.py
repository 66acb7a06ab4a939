"""Starting the user's mail programs: one injectable runner, so tests use fake executables."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from typing import Any, Protocol


class Runner(Protocol):
    def __call__(self, argv: Sequence[str], *, timeout: float) -> int | None:
        """Run argv; its exit code, or None when it is still running after `timeout` seconds
        (a mail client that stays open with the new message is a success, and is left alone)."""


class SubprocessRunner:
    """Runs programs detached from Relance's console, with no input and no output kept."""

    def __call__(self, argv: Sequence[str], *, timeout: float) -> int | None:
        options: dict[str, Any] = {}
        if sys.platform == "win32":
            options["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0)
        else:
            options["start_new_session"] = True
        process = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            **options,
        )
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
