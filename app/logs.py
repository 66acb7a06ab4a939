"""Logging: a rotating file in the user log folder; stderr warnings for the CLI."""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler

from app.paths import user_log_dir

_configured = False


def log_file() -> str:
    return str(user_log_dir() / "relance.log")


def setup_logging(to_stderr: bool = False) -> None:
    global _configured
    if _configured:
        return
    _configured = True
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    try:
        handler: logging.Handler = RotatingFileHandler(
            log_file(), maxBytes=1_000_000, backupCount=5, encoding="utf-8"
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
