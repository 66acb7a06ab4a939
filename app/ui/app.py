"""Start the window: Qt application, translators, the dossier, first-run company dialog."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from app import i18n
from app.domain.errors import DatabaseProblem, RelanceError
from app.i18n import _
from app.paths import Paths
from app.ui.errors import explain, install_excepthook

log = logging.getLogger(__name__)


class CompanyDialog(QDialog):
    """Asked once, when a new dossier has no company yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New dossier"))
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Atelier Dupont SARL"))
        self.country = QComboBox()
        self.country.addItem(_("France"), "FR")
        self.country.addItem(_("Belgium"), "BE")
        self.currency = QLineEdit("EUR")
        self.currency.setMaxLength(3)
        form.addRow(_("Company name"), self.name)
        form.addRow(_("Country (late-payment law)"), self.country)
        form.addRow(_("Currency"), self.currency)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.name.setFocus()
            self.name.setStyleSheet("border: 1px solid #c0392b;")
            self.name.setToolTip(_("the company name is required"))
            return
        self.accept()

    def settings(self):  # type: ignore[no-untyped-def]
        from app.services.dossier import CompanySettings

        return CompanySettings(
            name=self.name.text().strip(),
            country=self.country.currentData(),
            currency=self.currency.text().strip().upper() or "EUR",
            language=i18n.current_language(),
        )


def _install_translators(app: QApplication, lang: str) -> None:
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(QLocale(lang), name, "_", path):
            app.installTranslator(translator)


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
    if not services.dossier.is_initialised():
        dialog = CompanyDialog()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            services.close()
            return None
        services.dossier.init(dialog.settings())

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

    window = MainWindow(services, open_dossier=reopen, quiet=smoke_test)
    holder["window"] = window
    return window


def run_gui(database: str | None, lang: str | None, paths: Paths, smoke_test: bool = False) -> int:
    install_excepthook()
    language = i18n.set_language(lang)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Relance")
    app.setOrganizationName("Relance")
    _install_translators(app, language)  # type: ignore[arg-type]
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
        for problem in window.quiet_errors or []:
            print(explain(problem), file=sys.stderr)  # noqa: T201 - the check's report
        return 1 if window.quiet_errors else 0
    window.show()
    QTimer.singleShot(0, window.raise_)
    code = app.exec()
    window.services.close()
    return int(code)
