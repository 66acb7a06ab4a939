"""File ▸ Import…: choose a file and what it holds, map its columns (auto-filled from the
headers, or a saved preset), see a dry run, then import it in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.domain.errors import InvalidInput
from app.i18n import N_, _
from app.services.transfer.importers import ImportResult, ImportService
from app.services.transfer.importers.service import Progress
from app.services.transfer.presets import MappingPresets, Preset
from app.services.transfer.preview import FilePreview, columns_of, preview, source_kind
from app.ui.context import ViewContext
from app.ui.features.imports.columns import column_label
from app.ui.features.imports.run_pages import ConfirmPage, DryRunPage
from app.ui.theme import set_tone

KINDS = {
    "clients": N_("Clients"),
    "invoices": N_("Invoices and credit notes"),
    "payments": N_("Payments"),
    "reminders": N_("Reminders already sent (history)"),
    "fec": N_("FEC (fichier des écritures comptables)"),
    "facturx": N_("Factur-X or CII e-invoices (PDF, XML)"),
}
SOURCES = ("fec", "facturx")  # read as they are: no columns to map
FILE_FILTER = N_(
    "Spreadsheets, CSV, FEC and e-invoices (*.xlsx *.xlsm *.csv *.txt *.pdf *.xml);;All files (*)"
)


class ImportWizard(QWizard):
    def __init__(
        self,
        importer: ImportService,
        presets: MappingPresets,
        context: ViewContext,
        parent: QWidget | None = None,
        files: list[Path] | None = None,
    ) -> None:
        super().__init__(parent)
        self.importer = importer
        self.presets = presets
        self.context = context
        self.preview: FilePreview | None = None
        self.setWindowTitle(_("Import"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setButtonText(QWizard.WizardButton.NextButton, _("Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Close"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        self.page_file = FilePage(self)
        self.page_mapping = MappingPage(self)
        self.page_dry_run = DryRunPage(self)
        self.page_confirm = ConfirmPage(self)
        for page in (self.page_file, self.page_mapping, self.page_dry_run, self.page_confirm):
            self.addPage(page)
        self.resize(900, 640)
        if files:
            self.page_file.set_paths(files)

    def reject(self) -> None:
        """Cancel: while the import runs, it stops before writing and the wizard stays open to
        say so; otherwise the wizard closes."""
        if self.page_confirm.running:
            self.page_confirm.cancel()
            return
        super().reject()

    @property
    def path(self) -> Path:
        return self.page_file.files[0] if self.page_file.files else Path()

    @property
    def kind(self) -> str:
        return str(self.page_file.kind_combo.currentData())

    def mapping(self) -> dict[str, str]:
        return self.page_mapping.mapping()

    def call(self, dry_run: bool) -> Callable[[Progress | None], ImportResult]:
        """The import to run (in the background), with what the pages chose now."""
        kind, files, importer = self.kind, list(self.page_file.files), self.importer
        if kind == "fec":
            return lambda progress: importer.import_fec(files[0], dry_run, progress)
        if kind == "facturx":
            return lambda progress: importer.import_facturx(files, dry_run, progress)
        mapping, today, sheet = self.mapping(), self.context.today(), self.page_file.sheet()
        # the dry run lists the clients the file would add; the import adds them if ticked
        create = kind == "invoices" and (dry_run or self.page_dry_run.create_clients.isChecked())
        return lambda progress: importer.import_file(
            kind,
            files[0],
            dry_run,
            progress,
            mapping=mapping,
            today=today,
            create_clients=create,
            sheet=sheet,
        )


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(_("Which file?"))
        self.setSubTitle(
            _(
                "A CSV export or a spreadsheet (choose its sheet when it has several). "
                "Nothing is written yet."
            )
        )
        self.files: list[Path] = []
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("import_path")
        self.path_edit.textEdited.connect(self._typed)
        self.path_edit.editingFinished.connect(self._guess_kind)
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.kind_combo = QComboBox()
        for key, title in KINDS.items():
            self.kind_combo.addItem(_(title), key)
        self.kind_combo.setCurrentIndex(1)
        self.sheet_label = QLabel(_("Sheet:"))
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("import_sheet")
        self.sheet_combo.activated.connect(self._sheet_chosen)
        self.error = QLabel()
        self.error.setObjectName("file_error")
        self.error.setWordWrap(True)
        set_tone(self.error, "warning")
        form = QFormLayout(self)
        form.addRow(_("File:"), row)
        form.addRow(self.sheet_label, self.sheet_combo)
        form.addRow(_("It holds:"), self.kind_combo)
        form.addRow(self.error)
        self._show_sheets([])

    def sheet(self) -> str | None:
        """The workbook sheet chosen (None: the first, or not a workbook)."""
        if self.sheet_combo.count() < 2:
            return None
        index = self.sheet_combo.currentIndex()
        return self.sheet_combo.currentText() if index > 0 else None

    def _show_sheets(self, names: list[str]) -> None:
        """The sheet drop-down, shown only for a workbook of several sheets."""
        current = self.sheet_combo.currentText()
        self.sheet_combo.clear()
        self.sheet_combo.addItems(names)
        if current in names:
            self.sheet_combo.setCurrentText(current)
        several = len(names) > 1
        self.sheet_label.setVisible(several)
        self.sheet_combo.setVisible(several)

    def _sheet_chosen(self, _index: int) -> None:
        self._read(self.sheet())

    def set_paths(self, files: list[Path]) -> None:
        """Several files are e-invoices; one file is read to guess what it holds."""
        self.files = [Path(f) for f in files]
        self.path_edit.setText(" ; ".join(str(f) for f in self.files))
        self._guess_kind()

    def _typed(self, text: str) -> None:
        self.files = [Path(text.strip())] if text.strip() else []
        self.completeChanged.emit()

    def _browse(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, _("Import a file"), "", _(FILE_FILTER))
        if names:
            self.set_paths([Path(name) for name in names])

    def _guess_kind(self) -> None:
        """Read the head of the file now: its headers say what it holds."""
        self.sheet_combo.clear()
        self._read(None)

    def _read(self, sheet: str | None) -> None:
        """Preview the file (the given sheet of a workbook) and guess what it holds."""
        self.wizard_.preview = None
        self.error.setText("")
        self.completeChanged.emit()
        path = self.wizard_.path
        if not path.is_file():
            self._show_sheets([])
            return
        source = source_kind(path)
        if source is not None or len(self.files) > 1:
            self._show_sheets([])
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(source or "facturx"))
            return
        try:
            self.wizard_.preview = preview(path, sheet=sheet)
        except InvalidInput as error:
            self.error.setText(str(error))
            return
        self._show_sheets(self.wizard_.preview.sheets)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(self.wizard_.preview.best_kind()))

    def isComplete(self) -> bool:
        return bool(self.files) and all(path.is_file() for path in self.files)

    def nextId(self) -> int:
        if self.wizard_.kind in SOURCES:  # a FEC or e-invoices say what each field is
            return self.wizard_.pageIds()[2]
        return super().nextId()

    def validatePage(self) -> bool:
        if self.wizard_.kind in SOURCES:
            return True
        if self.wizard_.preview is None or self.wizard_.preview.file != str(self.wizard_.path):
            kind = self.kind_combo.currentIndex()
            self._read(self.sheet())
            self.kind_combo.setCurrentIndex(kind)
        return self.wizard_.preview is not None


class MappingPage(QWizardPage):
    """One drop-down per header of the file, under a preview of its first rows."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.combos: list[QComboBox] = []
        self.headers: list[str] = []
        self.setTitle(_("Which column is which?"))
        self.setSubTitle(
            _(
                "Columns are matched from their headers; correct them where needed. "
                "Columns marked * are required."
            )
        )
        self.info = QLabel()
        self.info.setObjectName("file_info")
        self.preset_combo = QComboBox()
        self.preset_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.preset_combo.activated.connect(self._apply_preset)
        self.preset_name = QLineEdit()
        self.preset_name.setPlaceholderText(_("Name of this mapping"))
        self.save_preset_button = QPushButton(_("Save the mapping"))
        self.save_preset_button.clicked.connect(self.save_preset)
        presets = QHBoxLayout()
        presets.addWidget(QLabel(_("Saved mapping:")))
        presets.addWidget(self.preset_combo, 1)
        presets.addWidget(self.preset_name, 1)
        presets.addWidget(self.save_preset_button)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("mapping_table")
        self.table.setHorizontalHeaderLabels([_("In the file"), _("Read as"), _("First values")])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.sample = QTableWidget(0, 0)
        self.sample.setObjectName("preview_table")
        self.missing = QLabel()
        self.missing.setObjectName("missing_columns")
        set_tone(self.missing, "warning")
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(presets)
        layout.addWidget(self.table, 3)
        layout.addWidget(QLabel(_("The first rows:")))
        layout.addWidget(self.sample, 2)
        layout.addWidget(self.missing)

    def initializePage(self) -> None:
        found = self.wizard_.preview
        assert found is not None
        kind = self.wizard_.kind
        known, required = columns_of(kind)
        self.headers = list(found.headers)
        if found.encoding == "xlsx" and found.sheet:
            self.info.setText(
                _("Spreadsheet, sheet « {sheet} »; header on row {line}.").format(
                    sheet=found.sheet, line=found.header_line
                )
            )
        elif found.encoding == "xlsx":
            self.info.setText(
                _("Spreadsheet, first sheet; header on row {line}.").format(line=found.header_line)
            )
        else:
            delimiter = {"\t": _("tab")}.get(found.delimiter, found.delimiter)
            self.info.setText(
                _("Text file: encoding {encoding}, delimiter « {delimiter} ».").format(
                    encoding=found.encoding, delimiter=delimiter
                )
            )
        self.combos = []
        self.table.setRowCount(len(self.headers))
        for row, (header, guess) in enumerate(zip(self.headers, found.guesses(kind), strict=True)):
            self.table.setItem(row, 0, QTableWidgetItem(header))
            combo = QComboBox()
            combo.addItem(_("(not imported)"), "")
            for name in known:
                label = column_label(name)
                combo.addItem(f"{label} *" if name in required else label, name)
                combo.setItemData(combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(max(0, combo.findData(guess)))
            combo.currentIndexChanged.connect(self._check)
            self.table.setCellWidget(row, 1, combo)
            self.combos.append(combo)
            values = [r[row] for r in found.rows if row < len(r) and r[row].strip()]
            self.table.setItem(row, 2, QTableWidgetItem(" · ".join(values[:3])))
        self.table.resizeColumnToContents(0)
        widest = max((c.sizeHint().width() for c in self.combos), default=200)
        self.table.setColumnWidth(1, max(200, widest + 8))
        self.sample.setColumnCount(len(self.headers))
        self.sample.setHorizontalHeaderLabels(self.headers)
        self.sample.setRowCount(len(found.rows))
        for row, cells in enumerate(found.rows):
            for column, value in enumerate(cells[: len(self.headers)]):
                self.sample.setItem(row, column, QTableWidgetItem(value))
        self.sample.resizeColumnsToContents()  # the file's own headers, whole
        self.preset_combo.clear()
        self.preset_combo.addItem(_("(from the headers)"), None)
        fitting = self.wizard_.presets.for_file(kind, self.headers)
        for preset in fitting:
            self.preset_combo.addItem(preset.name, preset)
        self.preset_combo.setMinimumWidth(self.preset_combo.sizeHint().width())
        if fitting:
            self.preset_combo.setCurrentIndex(1)
            self._apply_preset(1)
        self._check()

    def _apply_preset(self, index: int) -> None:
        preset = self.preset_combo.itemData(index)
        if not isinstance(preset, Preset):
            guesses = self.wizard_.preview.guesses(self.wizard_.kind)  # type: ignore[union-attr]
            for combo, guess in zip(self.combos, guesses, strict=True):
                combo.setCurrentIndex(max(0, combo.findData(guess)))
            return
        self.preset_name.setText(preset.name)
        for header, combo in zip(self.headers, self.combos, strict=True):
            column = preset.mapping.get(header, "")
            combo.setCurrentIndex(max(0, combo.findData(column)))

    def mapping(self) -> dict[str, str]:
        return {
            header: str(combo.currentData() or "")
            for header, combo in zip(self.headers, self.combos, strict=True)
            if header.strip()
        }

    def save_preset(self) -> None:
        name = self.preset_name.text().strip()
        if not name:
            self.preset_name.setFocus()
            return
        preset = Preset(name, self.wizard_.kind, tuple(self.headers), self.mapping())
        self.wizard_.presets.save(preset)
        index = self.preset_combo.findText(name)
        if index < 0:
            self.preset_combo.addItem(name, preset)
            index = self.preset_combo.count() - 1
        self.preset_combo.setItemData(index, preset)
        self.preset_combo.setCurrentIndex(index)

    def _missing(self) -> list[str]:
        _known, required = columns_of(self.wizard_.kind)
        chosen = set(self.mapping().values())
        return [name for name in required if name not in chosen]

    def _check(self) -> None:
        missing = self._missing()
        self.missing.setText(
            _("Required columns not chosen yet: {columns}").format(
                columns=", ".join(column_label(m) for m in missing)
            )
            if missing
            else ""
        )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.combos) and not self._missing()
