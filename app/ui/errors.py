"""Turn errors into sentences for the user; anything unexpected is logged with its path."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from app.domain.errors import InvalidInput, RelanceError
from app.i18n import _

log = logging.getLogger(__name__)


def explain(error: BaseException) -> str:
    if isinstance(error, InvalidInput):
        return "\n".join(str(p) for p in error.problems[:20])
    if isinstance(error, RelanceError):
        return str(error)
    if getattr(error, "orig", None) is not None:  # the database driver's: one sentence, no SQL
        from app.bootstrap import database_message

        return database_message(error)
    from app.logs import log_file

    return _("Something went wrong ({error}). Details are in the log file: {path}").format(
        error=type(error).__name__, path=log_file()
    )


UNEXPECTED: list[BaseException] = []  # what the hook saw when not shown: the smoke test fails


def install_excepthook(show: bool = True) -> None:
    """Log every unexpected error; with `show`, also tell the user (not in the smoke test, where
    a modal box would wait for a click that never comes)."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, value, tb)))
        if not show:
            UNEXPECTED.append(value)
            return
        try:
            from PySide6.QtCore import QThread
            from PySide6.QtWidgets import QApplication, QMessageBox

            app = QApplication.instance()
            # never from a worker thread: a modal box there waits for a click that cannot come
            if app is not None and QThread.currentThread() is app.thread():
                QMessageBox.critical(None, _("Relance"), explain(value))
        except Exception:
            log.exception("could not show the error")

    sys.excepthook = hook
