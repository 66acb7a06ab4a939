"""Start the window: Qt application, translators, the dossier, the first-run assistant."""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QSize, QTimer, QTranslator
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
)

from app import i18n
from app.domain.errors import DatabaseProblem, RelanceError
from app.i18n import _
from app.paths import Paths, resources_dir
from app.ui.errors import UNEXPECTED, explain, install_excepthook
from app.ui.widgets.fit import install_dialog_fit

log = logging.getLogger(__name__)


def install_translators(app: QApplication, lang: str) -> list[QTranslator]:
    """Qt's own texts (file dialogs, standard buttons) in `lang`, from the Qt translations."""
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for name in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(QLocale(lang), name, "_", path):
            app.installTranslator(translator)
            installed.append(translator)
            log.info("Qt translation %s_%s loaded from %s", name, lang, path)
        else:
            log.info("no Qt translation %s for %s in %s", name, lang, path)
    return installed


def remove_translators(app: QApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)


def _window_icon() -> QIcon:
    """The application icon (title bar, task bar, dialogs), from resources/icons."""
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addFile(str(resources_dir() / "icons" / f"relance-{size}.png"), QSize(size, size))
    return icon


class FileOpenHandler(QObject):
    """macOS hands a double-clicked `.relance` dossier to the running app as an event, not argv."""

    def __init__(self, open_dossier, parent: QObject | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._open_dossier = open_dossier

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        is_open = event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent)
        if is_open and event.file():  # type: ignore[attr-defined]
            self._open_dossier(event.file())  # type: ignore[attr-defined]
            return True
        return super().eventFilter(watched, event)


def open_window(  # type: ignore[no-untyped-def]
    database: str | None,
    lang: str | None,
    app: QApplication,
    paths: Paths,
    smoke_test: bool = False,
):
    from app.bootstrap import build
    from app.services.dossier import CompanySettings
    from app.ui.main_window import MainWindow

    services = build(database, lang, paths)
    if smoke_test and not services.dossier.is_initialised():
        services.dossier.init(CompanySettings(name="Relance"))

    holder: dict[str, object] = {}

    def reopen(path: str) -> None:
        try:
            window = open_window(path, lang, app, paths)
        except RelanceError as error:
            QMessageBox.warning(None, _("Relance"), explain(error))
            return
        if window is not None:
            old = holder["window"]
            old.close()  # type: ignore[attr-defined]  # closing it closes its dossier
            holder["window"] = window  # the next switch closes this one
            window.show()

    def make_window() -> MainWindow:
        window = MainWindow(services, open_dossier=reopen, quiet=smoke_test)
        holder["window"] = window
        return window

    if not services.dossier.is_initialised():
        from app.ui.features.firstrun.start import first_run, open_demo

        return first_run(services, make_window, lambda: open_demo(paths, lang, reopen))
    return make_window()


def settle(app: Any, window: Any, seconds: float = 60) -> None:
    """Let every background task finish and deliver, and the tasks they start in turn (the
    dashboard's charts come after its figures)."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        window.tasks.wait(30000)
        app.processEvents()
        if window.tasks.idle():
            return
        time.sleep(0.01)


def render_charts(window: QObject) -> int:
    """Draw now, in this thread, the charts the views were given (the smoke test runs with no
    window on screen: matplotlib, numpy and FreeType really run in the frozen app)."""
    from app.ui.features.aging.chart import ChartWidget

    charts = [c for c in window.findChildren(ChartWidget) if c.pending() or c.drawing]
    for chart in charts:
        chart.draw_now()
    return len(charts)


def run_gui(database: str | None, lang: str | None, paths: Paths, smoke_test: bool = False) -> int:
    install_excepthook(show=not smoke_test)
    language = i18n.set_language(lang)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Relance")
    app.setOrganizationName("Relance")
    QApplication.setWindowIcon(_window_icon())
    from app.ui.theme import appearance, saved_mode

    appearance().set_mode(saved_mode(paths.window_settings))  # light, dark or the system's
    install_translators(app, language)  # type: ignore[arg-type]
    install_dialog_fit(app)  # type: ignore[arg-type]
    if smoke_test and database is None:
        import tempfile
        from pathlib import Path

        database = str(Path(tempfile.mkdtemp(prefix="relance-smoke-")) / "smoke.relance")
    try:
        window = open_window(database, lang, app, paths, smoke_test)  # type: ignore[arg-type]
    except DatabaseProblem as error:
        if not smoke_test:
            QMessageBox.critical(None, _("Relance"), explain(error))
        print(str(error), file=sys.stderr)  # noqa: T201 - also useful when started from a shell
        return 4
    if window is None:
        return 0
    if smoke_test:
        for row in range(window.stack.count()):
            window.show_view(row)
            window.views.show(row)  # built even when already the current row (the first)
            app.processEvents()
        settle(app, window)
        log.info("smoke test: %d charts drawn", render_charts(window))
        window.save_layout()
        window.services.close()
        failures = [*(window.quiet_errors or []), *UNEXPECTED]
        for failure in failures:
            print(explain(failure), file=sys.stderr)  # noqa: T201 - the check's report
        return 1 if failures else 0
    app.installEventFilter(FileOpenHandler(window._open_dossier, app))
    window.show()
    QTimer.singleShot(0, window.raise_)
    code = app.exec()
    window.services.close()
    return int(code)
