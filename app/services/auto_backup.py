"""Automatic backups: a copy of the dossier in the user's backups folder, the last N kept.

One folder per dossier (its name and a short fingerprint of where it lives, so that two dossiers
with the same name never share one), files named `NAME-YYYYMMDD-HHMMSS.relance`; each is a
standalone SQLite dossier that `relance restore` and File ▸ Restore… take as is.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import URL

if TYPE_CHECKING:  # the window's File menu reads DEFAULT_KEEP without the backup stack
    from app.services.backup import BackupService

from app.db.engine import display_name

log = logging.getLogger(__name__)

DEFAULT_KEEP = 10
STAMP = "%Y%m%d-%H%M%S"


def folder_for(root: Path, url: URL) -> Path:
    """`root/NAME-abcdef12`: the dossier's name, and a fingerprint of its URL (no password)."""
    name = re.sub(r"[^\w.-]+", "_", display_name(url)).strip("._") or "dossier"
    where = url.render_as_string(hide_password=True)
    return root / f"{name}-{hashlib.sha256(where.encode()).hexdigest()[:8]}"


class AutoBackupService:
    def __init__(self, backup: Callable[[], BackupService], folder: Path, name: str) -> None:
        self._backup = backup  # built when a backup is written: the check costs no import
        self.folder = folder
        self._stem = re.sub(r"[^\w.-]+", "_", name).strip("._") or "dossier"
        self._name = re.compile(
            rf"^{re.escape(self._stem)}-(?P<stamp>\d{{8}}-\d{{6}})(?:-(?P<n>\d+))?\.relance$"
        )

    def backups(self) -> list[Path]:
        """This dossier's automatic backups, newest first."""
        if not self.folder.is_dir():
            return []
        found = [p for p in self.folder.iterdir() if p.is_file() and self._name.match(p.name)]
        return sorted(found, key=self._order, reverse=True)

    def _order(self, path: Path) -> tuple[str, int]:
        """By time, then by the counter of two backups in the same second."""
        found = self._name.match(path.name)
        assert found is not None  # only names that matched are listed
        return found["stamp"], int(found["n"] or 1)

    def last_day(self) -> date | None:
        newest = self.backups()
        if not newest:
            return None
        stamp = self._order(newest[0])[0]
        return datetime.strptime(stamp, STAMP).date()  # noqa: DTZ007 - a local file name

    def automatic(self, now: datetime, keep: int = DEFAULT_KEEP) -> Path | None:
        """On opening: one backup a day at most; None when today's exists already."""
        if self.last_day() == now.date():
            return None
        return self.back_up_now(now, keep)

    def back_up_now(self, now: datetime, keep: int = DEFAULT_KEEP) -> Path:
        """A backup at once, then only the `keep` newest are kept."""
        target = self.folder / f"{self._stem}-{now.strftime(STAMP)}.relance"
        counter = 1
        while target.exists():
            counter += 1
            target = self.folder / f"{self._stem}-{now.strftime(STAMP)}-{counter}.relance"
        written = self._backup().backup(target)
        self.rotate(keep)
        log.info("automatic backup written, %d kept", min(keep, len(self.backups())))
        return written

    def rotate(self, keep: int) -> list[Path]:
        """Delete all but the `keep` newest backups (at least one is always kept)."""
        removed = self.backups()[max(keep, 1) :]
        for path in removed:
            path.unlink(missing_ok=True)
        return removed
