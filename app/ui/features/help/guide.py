"""Help ▸ User guide: the guide of the window's language (resources/guide/<lang>/guide.md),
rendered from its Markdown with its pictures, with the list of its chapters beside it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.i18n import _
from app.paths import resources_dir

PICTURE_WIDTH = 720  # pictures are made 1100 px wide; shown smaller, sharp on dense screens


def guide_file(lang: str) -> Path:
    """The guide in `lang`, or the French one when that language has none."""
    folder = resources_dir() / "guide"
    path = folder / lang / "guide.md"
    return path if path.exists() else folder / "fr" / "guide.md"


def chapters(document: QTextDocument) -> list[tuple[str, int]]:
    """The level-2 headings of the guide, with the position of each."""
    found = []
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == 2:
            found.append((block.text(), block.position()))
        block = block.next()
    return found


def pictures(document: QTextDocument) -> list[str]:
    """The names of the pictures the document shows."""
    names = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().isImageFormat():
                names.append(fragment.charFormat().toImageFormat().name())
            it += 1
        block = block.next()
    return names


def fit_pictures(document: QTextDocument, width: int) -> None:
    """Every picture shown `width` pixels wide (its height follows)."""
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().isImageFormat():
                image = fragment.charFormat().toImageFormat()
                image.setWidth(width)
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                cursor.setPosition(
                    fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                )
                cursor.setCharFormat(image)
            it += 1
        block = block.next()


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, lang: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("user_guide")
        self.setWindowTitle(_("Relance user guide"))
        self.resize(1060, 760)
        self.path = guide_file(lang or i18n.current_language())
        self.browser = QTextBrowser()
        self.browser.setObjectName("guide_text")
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(self.path.parent)])
        document = self.browser.document()
        document.setBaseUrl(QUrl.fromLocalFile(str(self.path.parent) + "/"))
        document.setMarkdown(self.path.read_text(encoding="utf-8"))
        fit_pictures(document, PICTURE_WIDTH)
        self.contents = QListWidget()
        self.contents.setObjectName("guide_contents")
        self.contents.setFixedWidth(270)
        self.contents.setWordWrap(True)
        self.chapters = chapters(document)
        for title, _position in self.chapters:
            self.contents.addItem(title)
        self.contents.currentRowChanged.connect(self.show_chapter)
        body = QHBoxLayout()
        body.addWidget(self.contents)
        body.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)

    def show_chapter(self, row: int) -> None:
        if not 0 <= row < len(self.chapters):
            return
        document = self.browser.document()
        block = document.findBlock(self.chapters[row][1])
        top = document.documentLayout().blockBoundingRect(block).top()
        self.browser.verticalScrollBar().setValue(int(top))
