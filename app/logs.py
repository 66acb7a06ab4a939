"""Logging: a rotating file in the user log folder; stderr warnings for the CLI."""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

_configured = False
_file = ""


def log_file() -> str:
    """The file the log goes to ("" until `setup_logging` was given one)."""
    return _file


def setup_logging(file: Path, to_stderr: bool = False) -> None:
    global _configured, _file
    if _configured:
        return
    _configured = True
    _file = str(file)
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            file, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if to_stderr:
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(logging.ERROR)
        console.setFormatter(logging.Formatter("%(message)s"))
        root.addHandler(console)
    for noisy in ("alembic", "sqlalchemy", "matplotlib", "PIL"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
