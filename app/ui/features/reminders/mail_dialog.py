"""When no mail program can be opened: the email is kept as a .eml; the user opens its folder,
copies the address, the subject and the text into any webmail, and says when it was sent."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _


def open_location(path: Path) -> bool:
    """Show a folder in the file manager, or open a file with its program."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def read_eml(path: Path) -> tuple[str, str, str, tuple[str, ...]]:
    """(to, subject, plain text, attached file names) of a kept .eml."""
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    part = message.get_body(("plain",))
    text = part.get_content().replace("\r\n", "\n") if part is not None else ""
    names = tuple(name for name in (p.get_filename() for p in message.iter_attachments()) if name)  # type: ignore[union-attr]
    return str(message.get("To", "")), str(message.get("Subject", "")), text, names


class NoMailClientDialog(QDialog):
    """The way out that always works. `SENT` when the user says the email went out (only
    offered when the reminder waits for it: not for the email copy of a posted letter)."""

    SENT = 2

    def __init__(
        self, eml_path: Path, explanation: str, can_mark_sent: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Send the email yourself"))
        self.eml_path = eml_path
        to, subject, text, names = read_eml(eml_path)
        layout = QVBoxLayout(self)
        self.intro = intro = QLabel(
            explanation
            + "\n\n"
            + _(
                "Open the folder and double-click the .eml file; or copy the address, the "
                "subject and the text into your webmail and attach the files listed below, "
                "which are in the same folder."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.to = QLineEdit(to)
        self.subject = QLineEdit(subject)
        for field in (self.to, self.subject):
            field.setReadOnly(True)
        form.addRow(_("To:"), self.to)
        form.addRow(_("Subject:"), self.subject)
        form.addRow(_("Attached files:"), QLabel(", ".join(names) or _("none")))
        layout.addLayout(form)
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        self.text.setMinimumSize(520, 220)
        layout.addWidget(self.text, 1)
        grid = QGridLayout()
        self.folder_button = QPushButton(_("Show the email in its folder"))
        self.copy_address = QPushButton(_("Copy the address"))
        self.copy_subject = QPushButton(_("Copy the subject"))
        self.copy_text = QPushButton(_("Copy the text"))
        grid.addWidget(self.folder_button, 0, 0)
        grid.addWidget(self.copy_address, 0, 1)
        grid.addWidget(self.copy_subject, 1, 0)
        grid.addWidget(self.copy_text, 1, 1)
        layout.addLayout(grid)
        self.done_note = QLabel("")
        layout.addWidget(self.done_note)
        buttons = QDialogButtonBox()
        self.sent_button: QPushButton | None = None
        if can_mark_sent:
            self.sent_button = buttons.addButton(
                _("I have sent it"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.sent_button.clicked.connect(lambda: self.done(self.SENT))
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.folder_button.clicked.connect(self.show_folder)
        self.copy_address.clicked.connect(lambda: self._copy(to, _("Address copied.")))
        self.copy_subject.clicked.connect(lambda: self._copy(subject, _("Subject copied.")))
        self.copy_text.clicked.connect(lambda: self._copy(text, _("Text copied.")))

    def show_folder(self) -> None:
        if not open_location(self.eml_path.parent):
            self.done_note.setText(
                _("The folder could not be opened: {path}").format(path=self.eml_path.parent)
            )
            return
        self.done_note.setText(_("Folder opened: {path}").format(path=self.eml_path.parent))

    def _copy(self, value: str, note: str) -> None:
        QGuiApplication.clipboard().setText(value)
        self.done_note.setText(note)
