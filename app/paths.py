"""Where things live: bundled resources (also when frozen) and the user's folders.

The user's folders come as one `Paths` value, made once by the program's entry (from
RELANCE_HOME or the platform's folders: `Paths.from_environment`) or by a test (`Paths.under`),
and handed to `app.bootstrap.build`; nothing else reads the environment for a folder.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "Relance"


def _bundle_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return _bundle_root() / "resources"


def translations_dir() -> Path:
    return _bundle_root() / "translations"


@dataclass(frozen=True)
class Paths:
    data: Path  # dossiers, the demo dossier, attached invoice PDFs, generated documents
    config: Path  # window layout, the user's rates, templates and logo
    log: Path
    documents: Path  # where the day's letters are written for printing

    @classmethod
    def under(cls, root: Path) -> Paths:
        """Every folder under one root (RELANCE_HOME, portable installs, tests)."""
        root = Path(root)
        return cls(root / "data", root / "config", root / "logs", root / "letters")

    @classmethod
    def from_environment(cls) -> Paths:
        """RELANCE_HOME when set, else the platform's folders (Documents/Relance for letters)."""
        home = os.environ.get("RELANCE_HOME")
        if home:
            return cls.under(Path(home))
        dirs = PlatformDirs(APP_NAME, appauthor=False, ensure_exists=False)
        return cls(
            Path(dirs.user_data_dir),
            Path(dirs.user_config_dir),
            Path(dirs.user_log_dir),
            Path(dirs.user_documents_dir) / APP_NAME,
        )

    def ensure(self) -> Paths:
        """Create the data, config and log folders (letters' folder when letters are written)."""
        for folder in (self.data, self.config, self.log):
            folder.mkdir(parents=True, exist_ok=True)
        return self

    @property
    def dossier(self) -> Path:
        """The dossier opened when none is named."""
        return self.data / "dossier.relance"

    @property
    def demo_dossier(self) -> Path:
        return self.data / "demo.relance"

    @property
    def attachments(self) -> Path:
        return self.data / "attachments"

    @property
    def backups(self) -> Path:
        """Automatic backups, one folder per dossier."""
        return self.data / "backups"

    @property
    def rates(self) -> Path:
        return self.config / "rates"

    @property
    def window_settings(self) -> Path:
        return self.config / "window.ini"

    @property
    def log_file(self) -> Path:
        return self.log / "relance.log"


# Kept for the modules not yet handed a `Paths` (company logo, rate tables, templates,
# follow-up documents): the same folders, read from the environment.
def user_data_dir() -> Path:
    return Paths.from_environment().ensure().data


def user_cache_dir() -> Path:
    """What can be rebuilt at will (compiled catalogues): RELANCE_HOME/cache when set."""
    home = os.environ.get("RELANCE_HOME")
    if home:
        return Path(home) / "cache"
    return Path(PlatformDirs(APP_NAME, appauthor=False, ensure_exists=False).user_cache_dir)


def user_config_dir() -> Path:
    return Paths.from_environment().ensure().config
