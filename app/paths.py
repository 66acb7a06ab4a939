"""Where things live: bundled resources (also when frozen) and the user's folders."""

from __future__ import annotations

import os
import sys
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


def _dirs() -> PlatformDirs:
    return PlatformDirs(APP_NAME, appauthor=False, ensure_exists=False)


def _user_dir(home_sub: str, platform_dir: str) -> Path:
    """RELANCE_HOME/<home_sub> (tests, portable installs), else the platform's folder."""
    home = os.environ.get("RELANCE_HOME")
    path = Path(home) / home_sub if home else Path(getattr(_dirs(), platform_dir))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_data_dir() -> Path:
    """Dossiers live here; RELANCE_HOME overrides it (tests, portable installs)."""
    return _user_dir("data", "user_data_dir")


def user_config_dir() -> Path:
    return _user_dir("config", "user_config_dir")


def user_log_dir() -> Path:
    return _user_dir("logs", "user_log_dir")


def letters_dir() -> Path:
    """Where the day's letters are written for printing: Documents/Relance by default."""
    home = os.environ.get("RELANCE_HOME")
    return Path(home) / "letters" if home else Path(_dirs().user_documents_dir) / APP_NAME


def default_dossier() -> Path:
    return user_data_dir() / "dossier.relance"
