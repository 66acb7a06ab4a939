"""Start the window: Qt application, translators, the dossier, the first-run assistant."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
)

from app import i18n
from app.domain.errors import DatabaseProblem, RelanceError
from app.i18n import _
from app.paths import Paths
from app.ui.errors import explain, install_excepthook

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
        else:
            log.info("no Qt translation %s for %s in %s", name, lang, path)
    return installed


def remove_translators(app: QApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)


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


def run_gui(database: str | None, lang: str | None, paths: Paths, smoke_test: bool = False) -> int:
    install_excepthook()
    language = i18n.set_language(lang)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Relance")
    app.setOrganizationName("Relance")
    install_translators(app, language)  # type: ignore[arg-type]
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
            app.processEvents()
        window.tasks.wait(30000)
        app.processEvents()
        window.save_layout()
        window.services.close()
        for error in window.quiet_errors or []:
            print(explain(error), file=sys.stderr)  # noqa: T201 - the check's report
        return 1 if window.quiet_errors else 0
    window.show()
    QTimer.singleShot(0, window.raise_)
    code = app.exec()
    window.services.close()
    return int(code)
