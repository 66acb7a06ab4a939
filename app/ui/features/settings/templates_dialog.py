"""Settings ▸ Letter and email templates: edit the text of each level with its placeholders,
see a sample letter or email refresh as you type, save your copy or restore the original."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import InvalidInput, Problem
from app.i18n import N_, _
from app.services.dossier import CompanySettings
from app.services.followup.labels import LEVEL_NAMES
from app.services.templates.editing import TemplateService, TemplateText
from app.ui.context import ViewContext
from app.ui.errors import explain
from app.ui.features.settings.placeholder_help import condition_help, placeholder_help
from app.ui.features.settings.template_preview import Preview, PreviewPane, build_preview
from app.ui.widgets.forms import message_label, sentence

REFRESH_MS = 400
TEMPLATE_NAMES = {
    **LEVEL_NAMES,
    "statement": N_("Statement of account"),
    "payment_plan": N_("Payment plan"),
}


class TemplatesDialog(QDialog):
    def __init__(
        self,
        templates: TemplateService,
        context: ViewContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("templates_dialog")
        self.setWindowTitle(_("Letter and email templates"))
        self.resize(1200, 780)
        self.templates = templates
        self.context = context
        self.tasks = context.tasks
        self.company: CompanySettings | None = None
        self.loaded = TemplateText("letters", "fr", "reminder_1", "", False)
        self.problems: list[Problem] = []
        self.generation = 0
        self.refreshed = 0  # generation of the last preview shown
        self._loading = False

        layout = QVBoxLayout(self)
        layout.addLayout(self._choosers())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._editor_side())
        self.preview = PreviewPane()
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 600])
        layout.addWidget(splitter, 1)
        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton(
            _("Restore the original…"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.restore_button.clicked.connect(self.restore)
        self.save_button = self.buttons.addButton(_("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.clicked.connect(self.save)
        close = self.buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(self.buttons)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.editor.textChanged.connect(self._edited)
        self._update_buttons()
        self.tasks.run(templates.settings, self._company_loaded, self._show_error)

    def _choosers(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.addItem(_("Letter"), "letters")
        self.kind.addItem(_("Email"), "emails")
        self.language = QComboBox()
        self.language.addItem(_("French"), "fr")
        self.language.addItem(_("English"), "en")
        self.code = QComboBox()
        for code in self.templates.codes("letters"):
            self.code.addItem(_(TEMPLATE_NAMES.get(code, code)), code)
        self.code.setCurrentIndex(max(self.code.findData("reminder_1"), 0))
        self.state = QLabel()
        self.state.setObjectName("template_state")
        for label, combo in (
            (_("Kind"), self.kind),
            (_("Language"), self.language),
            (_("Template"), self.code),
        ):
            row.addWidget(QLabel(label))
            row.addWidget(combo)
            combo.currentIndexChanged.connect(self._choice_changed)
            row.addSpacing(12)
        row.addWidget(self.state, 1)
        self._shown_choice = self.choice()
        return row

    def _editor_side(self) -> QWidget:
        side = QWidget()
        box = QVBoxLayout(side)
        box.setContentsMargins(0, 0, 0, 0)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("template_editor")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        box.addWidget(self.editor, 3)
        self.problem_label = message_label("template_problems")
        box.addWidget(self.problem_label)
        hint = QLabel(
            _(
                "Placeholders and conditions (double-click to insert at the cursor); a "
                "paragraph that is only [invoices], [claim], [payment] or [instalments] "
                "places that table; text between [if name] and [end] is kept only when "
                "true ([else] gives the other case)."
            )
        )
        hint.setWordWrap(True)
        box.addWidget(hint)
        self.placeholders = QListWidget()
        self.placeholders.setObjectName("placeholders")
        self.placeholders.setWordWrap(True)
        self.placeholders.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for name in self.templates.placeholders():
            item = QListWidgetItem(f"{{{name}}}  —  {placeholder_help(name)}")
            item.setData(Qt.ItemDataRole.UserRole, f"{{{name}}}")
            self.placeholders.addItem(item)
        for name in self.templates.conditions():
            item = QListWidgetItem(f"[if {name}]…[end]  —  {condition_help(name)}")
            item.setData(Qt.ItemDataRole.UserRole, f"[if {name}][end]")
            self.placeholders.addItem(item)
        self.placeholders.itemDoubleClicked.connect(self._insert)
        box.addWidget(self.placeholders, 1)
        return side

    def choice(self) -> tuple[str, str, str]:
        return (self.kind.currentData(), self.language.currentData(), self.code.currentData())

    def _company_loaded(self, settings: CompanySettings) -> None:
        self.company = settings
        self.language.setCurrentIndex(max(self.language.findData(settings.language), 0))
        self.load()

    def load(self) -> None:
        kind, language, code = self.choice()
        self.tasks.run(
            lambda: self.templates.read(kind, language, code),
            self._read,
            self._show_error,
            key="template_read",
        )

    def _read(self, loaded: TemplateText) -> None:
        if (loaded.kind, loaded.language, loaded.code) == self.choice():  # else superseded
            self._loaded(loaded)

    def _loaded(self, loaded: TemplateText) -> None:
        self.loaded = loaded
        self._shown_choice = (loaded.kind, loaded.language, loaded.code)
        self._loading = True
        self.editor.setPlainText(loaded.text)
        self._loading = False
        self.state.setText(
            _("Your own version (saved in your settings folder)")
            if loaded.is_customised
            else _("Original bundled with Relance")
        )
        self._update_buttons()
        self.refresh()

    def is_modified(self) -> bool:
        return self.editor.toPlainText() != self.loaded.text

    def _choice_changed(self) -> None:
        if self.sender() is self.kind:
            current = self.code.currentData()
            self.code.blockSignals(True)
            self.code.clear()
            for code in self.templates.codes(self.kind.currentData()):
                self.code.addItem(_(TEMPLATE_NAMES.get(code, code)), code)
            self.code.setCurrentIndex(max(self.code.findData(current), 0))
            self.code.blockSignals(False)
        if self.choice() == self._shown_choice:
            return
        if self.is_modified() and not self._confirm(
            _("Your changes to this template are not saved. Discard them?")
        ):
            self._select(*self._shown_choice)
            return
        self.load()

    def _select(self, kind: str, language: str, code: str) -> None:
        for combo, value in ((self.kind, kind), (self.language, language), (self.code, code)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)

    def _edited(self) -> None:
        if not self._loading:
            self._update_buttons()
            self.timer.start()

    def _insert(self, item: QListWidgetItem) -> None:
        """A placeholder, or a condition's [if name][end] with the cursor between the two."""
        text = item.data(Qt.ItemDataRole.UserRole)
        self.editor.insertPlainText(text)
        if text.endswith("[end]"):
            cursor = self.editor.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.Left, n=len("[end]"))
            self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def refresh(self) -> None:
        """Check and render the text as it is now, off the UI thread; older results are
        dropped when they arrive after a newer one."""
        if self.company is None:
            return
        self.timer.stop()
        self.generation += 1
        generation, company, text = self.generation, self.company, self.editor.toPlainText()
        kind, language, code = self._shown_choice
        today = self.context.today()
        self.tasks.run(
            lambda: build_preview(
                self.templates, generation, company, kind, language, code, text, today
            ),
            lambda result: self._previewed(kind, result),
            self._preview_failed,
            key="template_preview",
        )

    def _previewed(self, kind: str, result: Preview) -> None:
        if result.generation != self.generation:
            return
        self.refreshed = result.generation
        self.problems = list(result.problems)
        if self.problems:
            self.problem_label.setText(
                "\n".join(
                    _("Line {line}: {problem}").format(
                        line=p.line or 1, problem=sentence(p.message)
                    )
                    for p in self.problems
                )
            )
            self.problem_label.show()
            self.preview.show_stale()
        else:
            self.problem_label.hide()
            self.preview.show_fresh()
            self.preview.show_preview(kind, result)
        self._update_buttons()

    def _preview_failed(self, error: Exception) -> None:
        self.refreshed = self.generation
        self.problem_label.setText(explain(error))
        self.problem_label.show()
        self.preview.show_stale()

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(not self.problems and self.is_modified())
        self.restore_button.setEnabled(self.loaded.is_customised)

    def save(self) -> None:
        text = self.editor.toPlainText()
        kind, language, code = self._shown_choice
        if self.templates.problems(text, kind, language, code):
            self.refresh()  # shows the problems; nothing is written
            return
        self.save_button.setEnabled(False)
        self.tasks.run(
            lambda: self.templates.save(kind, language, code, text),
            self._written,
            self._show_error,
            write=True,
        )

    def restore(self) -> None:
        kind, language, code = self._shown_choice
        if not self._confirm(
            _("Restore the original template? Your version of “{name}” will be deleted.").format(
                name=_(TEMPLATE_NAMES.get(code, code))
            )
        ):
            return
        self.tasks.run(
            lambda: self.templates.restore(kind, language, code),
            self._written,
            self._show_error,
            write=True,
        )

    def _written(self, loaded: TemplateText) -> None:
        self._read(loaded)  # the runner published the template's Changes

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, _("Letter and email templates"), question)
        return answer == QMessageBox.StandardButton.Yes

    def _show_error(self, error: Exception) -> None:
        self.problem_label.setText(
            explain(error)
            if not isinstance(error, InvalidInput)
            else "\n".join(sentence(p.message) for p in error.problems)
        )
        self.problem_label.show()
        self._update_buttons()

    def reject(self) -> None:
        if self.is_modified() and not self._confirm(
            _("Your changes to this template are not saved. Discard them?")
        ):
            return
        super().reject()
