"""The main window: navigation, menus and status bar only; views do the work."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from app.i18n import _
from app.ui.changes import ChangeBus
from app.ui.context import ViewContext
from app.ui.errors import explain
from app.ui.features.files.menu import install_file_actions
from app.ui.features.help.menu import install_appearance_menu, install_help_menu
from app.ui.tasks import TaskRunner
from app.ui.undo import WindowUndo
from app.ui.view_stack import ViewStack
from app.ui.views import VIEWS
from app.ui.widgets.header_memory import HeaderMemory

log = logging.getLogger(__name__)

FIRST_VIEW_LATEST_MS = 300


def window_settings(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    def __init__(self, services, open_dossier=None, quiet: bool = False, today=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.quiet_errors: list[Exception] | None = [] if quiet else None
        self.services = services
        self._open_dossier = open_dossier
        self.tasks = TaskRunner(self)
        self._statistics_asked = False
        self.bus = ChangeBus(self)
        self.context = ViewContext(
            self.tasks,
            self.bus,
            show_error=self.show_error,
            currency=services.dossier.settings().currency,
            window_settings=services.paths.window_settings,
        )
        if today is not None:  # a fixed day (the guide's pictures); else the computer's
            self.context.today = today
        self.setWindowTitle(_("Relance — {dossier}").format(dossier=services.name))
        self.setMinimumSize(900, 600)

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(180)
        self.sidebar.setIconSize(self.sidebar.iconSize() * 1.2)
        self.stack = QStackedWidget()
        # Each view is built when first shown or asked for: the frame opens at once.
        self.views = ViewStack(self.stack, lambda entry: entry.factory(services, self.context))
        for index, entry in enumerate(VIEWS):
            item = QListWidgetItem(self.style().standardIcon(entry.icon), _(entry.title))
            item.setToolTip(_("{view} (Ctrl+{n})").format(view=_(entry.title), n=index + 1))
            self.sidebar.addItem(item)
        hint = self.sidebar.sizeHintForColumn(0) + 2 * self.sidebar.frameWidth() + 12
        self.sidebar.setFixedWidth(max(180, hint))  # every view's name whole, in any font
        self.sidebar.currentRowChanged.connect(self._show_row)
        self.bus.navigate.connect(self._navigate)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_menus()
        from app.ui.features.imports.drop import FileDrop

        self.file_drop = FileDrop(self, self.import_files)
        self.status_dossier = QLabel(_("Dossier: {name}").format(name=services.name))
        self.statusBar().addPermanentWidget(self.status_dossier)
        self._restore_layout()
        self.sidebar.blockSignals(True)  # the first view is built once the frame is painted
        self.sidebar.setCurrentRow(0)
        self.sidebar.blockSignals(False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The first view is built once the frame is on screen (or soon, if no paint comes).
        QTimer.singleShot(FIRST_VIEW_LATEST_MS, self, self._show_current)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.views.is_built(self.current_view_key()):
            QTimer.singleShot(0, self, self._show_current)

    def _show_current(self) -> None:
        if not self.isVisible():  # closed before its first view was wanted
            return
        self._show_row(self.sidebar.currentRow())
        if not self._statistics_asked:
            self._statistics_asked = True
            QTimer.singleShot(0, self, self._refresh_statistics)

    def _refresh_statistics(self) -> None:
        invoices = self.services.invoices
        self.tasks.run(invoices.refresh_statistics, lambda _r: None, None, write=True)

    def _show_row(self, row: int) -> None:
        self.views.show(row)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self.action_new = QAction(
            _("&New dossier…"), self, shortcut=QKeySequence(QKeySequence.StandardKey.New)
        )
        self.action_new.triggered.connect(lambda: self._choose_dossier(new=True))
        self.action_open = QAction(
            _("&Open dossier…"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Open)
        )
        self.action_open.triggered.connect(lambda: self._choose_dossier(new=False))
        self.action_backup = QAction(_("&Backup…"), self, shortcut=QKeySequence("Ctrl+Shift+S"))
        self.action_backup.triggered.connect(self._backup)
        self.action_import = QAction(_("&Import…"), self, shortcut=QKeySequence("Ctrl+I"))
        self.action_import.triggered.connect(lambda: self.import_files())
        self.action_letters = QAction(
            _("&Print the day's letters…"),
            self,
            shortcut=QKeySequence("Ctrl+Shift+L"),  # Ctrl+P prints the list shown
        )
        self.action_letters.triggered.connect(self.print_letters)
        self.action_quit = QAction(
            _("&Quit"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit)
        )
        self.action_quit.triggered.connect(self.close)
        for action in (self.action_new, self.action_open, self.action_backup):
            file_menu.addAction(action)
        self.file_actions = install_file_actions(
            self, file_menu, self.action_backup, self._open_dossier
        )
        file_menu.addSeparator()
        file_menu.addAction(self.action_import)
        file_menu.addAction(self.action_letters)
        from app.ui.features.printing.menu import install_print

        self.list_printer, self.action_print = install_print(self, file_menu, self.action_letters)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        self.edit_undo = WindowUndo(self)
        from app.ui.features.search.menu import install_search

        self.action_search = install_search(self, self.edit_undo.menu)

        self.settings_menu = self.menuBar().addMenu(_("&Settings"))
        self.action_company = QAction(_("&Company details…"), self)
        self.action_company.triggered.connect(self.edit_company)
        self.action_templates = QAction(_("Letter and email &templates…"), self)
        self.action_templates.triggered.connect(self.edit_templates)
        self.action_rates = QAction(_("Late-payment &rates…"), self)
        self.action_rates.triggered.connect(self.edit_rates)
        for action in (self.action_company, self.action_templates, self.action_rates):
            self.settings_menu.addAction(action)
        self.settings_menu.addAction(self.file_actions.backup_settings)

        view_menu = self.menuBar().addMenu(_("&View"))
        for index, entry in enumerate(VIEWS):
            action = QAction(_(entry.title), self, shortcut=QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, row=index: self.show_view(row))
            view_menu.addAction(action)
            self.addAction(action)

        view_menu.addSeparator()
        self.appearance_group = install_appearance_menu(
            view_menu, self.services.paths.window_settings
        )
        self.action_guide = install_help_menu(self, self._about)

    def show_view(self, row: int | str) -> None:
        if isinstance(row, str):
            row = [e.key for e in VIEWS].index(row)
        self.sidebar.setCurrentRow(row)

    def current_view_key(self) -> str:
        return VIEWS[self.stack.currentIndex()].key

    def _navigate(self, key: str, payload: object) -> None:
        self.show_view(key)
        view = self.views[key]
        show = getattr(view, "show_filter", None)
        if show is not None and payload is not None:
            show(payload)

    def show_error(self, error: Exception) -> None:
        if self.quiet_errors is not None:  # smoke test: no one to click the message away
            log.error("error shown to the user: %s", explain(error))
            self.quiet_errors.append(error)
            return
        QMessageBox.warning(self, _("Relance"), explain(error))

    def _choose_dossier(self, new: bool) -> None:
        if new:
            path, _filter = QFileDialog.getSaveFileName(
                self, _("New dossier"), "", _("Relance dossiers (*.relance)")
            )
        else:
            path, _filter = QFileDialog.getOpenFileName(
                self, _("Open dossier"), "", _("Relance dossiers (*.relance);;All files (*)")
            )
        if path and self._open_dossier is not None:
            self._open_dossier(path)

    def _backup(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Backup"),
            f"{self.services.name}-backup.relance",
            _("Relance dossiers (*.relance)"),
        )
        if not path:
            return
        self.statusBar().showMessage(_("Backing up…"))
        self.tasks.run(
            lambda: self.services.backup.backup(path),
            lambda _result: self.statusBar().showMessage(
                _("Backup written to {path}").format(path=path), 8000
            ),
            self.show_error,
        )

    def import_files(self, files: list[Path] | None = None) -> QDialog:
        """The import wizard, on these files when some were dropped on the window."""
        from app.services.transfer.presets import MappingPresets
        from app.ui.features.imports.wizard import ImportWizard

        presets = MappingPresets(self.services.paths.config)
        wizard = ImportWizard(self.services.importer, presets, self.context, self, files)
        wizard.open()
        return wizard

    def print_letters(self) -> QDialog:
        from app.ui.features.letters.print_day import PrintLettersDialog

        dialog = PrintLettersDialog(self.services, self.context, self)
        dialog.open()
        return dialog

    def edit_rates(self) -> QDialog:
        from app.ui.features.rates.dialog import RatesDialog

        dialog = RatesDialog(self.services.rates, self.context, self)
        dialog.open()
        return dialog

    def edit_company(self) -> QDialog:
        from app.ui.features.settings.company_dialog import CompanyDialog

        dialog = CompanyDialog(self.services.dossier, self.context, self)
        dialog.open()
        return dialog

    def edit_templates(self) -> QDialog:
        from app.ui.features.settings.templates_dialog import TemplatesDialog

        dialog = TemplatesDialog(self.services.templates, self.context, self)
        dialog.open()
        return dialog

    def _about(self) -> QDialog:
        from app.ui.about import AboutDialog

        dialog = AboutDialog(self)
        dialog.open()
        return dialog

    def _restore_layout(self) -> None:
        settings = window_settings(self.services.paths.window_settings)
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = settings.value("main/state")
        if state is not None:
            self.restoreState(state)

    def save_layout(self) -> None:
        settings = window_settings(self.services.paths.window_settings)
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        settings.sync()
        for memory in self.findChildren(HeaderMemory):
            memory.save()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.tasks.wait(5000)
        self.services.close()  # the dossier's connections go with its window (switching too)
        super().closeEvent(event)


__all__ = ["MainWindow", "Qt"]
