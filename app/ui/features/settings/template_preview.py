"""The preview beside the template editor: page 1 of a sample letter, or a sample email."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import Problem
from app.i18n import _
from app.services.dossier import CompanySettings
from app.services.templates.editing import TemplateService
from app.ui.features.settings.pdf_image import first_page

_RENDERING = threading.Lock()  # one preview at a time: the previous one may still be running
PREVIEW_DPI = 110  # sharp enough once scaled to the pane's width


@dataclass(frozen=True)
class Preview:
    """What one refresh produced; `problems` non-empty means nothing was rendered."""

    generation: int
    problems: tuple[Problem, ...] = ()
    image: QImage | None = None
    pdf_size: int = 0
    subject: str = ""
    body: str = ""


def build_preview(
    templates: TemplateService,
    generation: int,
    settings: CompanySettings,
    kind: str,
    language: str,
    code: str,
    text: str,
    as_of: date,
) -> Preview:
    """Runs in a worker thread: check, then render (QImage may be made off the UI thread)."""
    problems = templates.problems(text, kind, language, code)
    if problems:
        return Preview(generation, tuple(problems))
    if kind == "emails":
        subject, body = templates.preview_email(settings, code, language, text, as_of)
        return Preview(generation, subject=subject, body=body)
    with _RENDERING:
        pdf = templates.preview_letter(settings, code, language, text, as_of)
        return Preview(generation, image=first_page(pdf, PREVIEW_DPI), pdf_size=len(pdf))


class PreviewPane(QStackedWidget):
    """Page 0: the letter's first page as a picture; page 1: the email's subject and body."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = QLabel()
        self.page.setObjectName("preview_page")
        self.page.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.page.setWordWrap(True)
        self.page_scroll = QScrollArea()
        self.page_scroll.setWidget(self.page)
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.addWidget(self.page_scroll)
        self.image: QImage | None = None
        email = QWidget()
        box = QVBoxLayout(email)
        box.setContentsMargins(0, 0, 0, 0)
        self.subject = QLabel()
        self.subject.setObjectName("preview_subject")
        self.subject.setWordWrap(True)
        self.subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body = QPlainTextEdit()
        self.body.setObjectName("preview_body")
        self.body.setReadOnly(True)
        box.addWidget(self.subject)
        box.addWidget(self.body, 1)
        self.addWidget(email)
        self.shown: Preview | None = None

    def show_preview(self, kind: str, preview: Preview) -> None:
        self.shown = preview
        if kind == "emails":
            self.setCurrentIndex(1)
            bold = QFont(self.subject.font())
            bold.setBold(True)
            self.subject.setFont(bold)
            self.subject.setText(_("Subject: {subject}").format(subject=preview.subject))
            self.body.setPlainText(preview.body)
            return
        self.setCurrentIndex(0)
        self.image = preview.image
        if preview.image is None:
            self.page.setPixmap(QPixmap())
            self.page.setText(
                _(
                    "The letter is ready ({size} KB) but cannot be shown here: "
                    "install poppler-utils (pdftoppm) to see the page."
                ).format(size=preview.pdf_size // 1024)
            )
            return
        self.page.setText("")
        self._fit()

    def _fit(self) -> None:
        """The page as wide as the pane (a letter is read whole, not scrolled sideways)."""
        if self.image is None:
            return
        width = max(self.page_scroll.viewport().width() - 24, 200)
        scaled = self.image.scaledToWidth(
            min(width, self.image.width()), Qt.TransformationMode.SmoothTransformation
        )
        self.page.setPixmap(QPixmap.fromImage(scaled))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def show_stale(self) -> None:
        """The text has problems: the last good preview stays, greyed out."""
        self.setEnabled(False)

    def show_fresh(self) -> None:
        self.setEnabled(True)
