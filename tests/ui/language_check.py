"""Visible texts of a widget tree, and those left in English in a French window (by catalogue)."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

ROOT = Path(__file__).resolve().parents[2]


def french_catalogue() -> Catalog:
    """The French catalogue as translations/update.py will leave it: the branch's pending
    translations (translations/pending/*.po) merged in, so texts added since count too."""
    with (ROOT / "translations" / "fr" / "LC_MESSAGES" / "relance.po").open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    for extra in sorted((ROOT / "translations" / "pending").glob("*.po")):
        with extra.open("rb") as handle:
            for message in read_po(handle, locale="fr"):
                if message.id and message.string:
                    catalog[message.id] = message
    return catalog


def french_translator() -> gettext.GNUTranslations:
    buffer = io.BytesIO()
    write_mo(buffer, french_catalogue())
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def english_only() -> dict[str, str]:
    """msgid → French for every msgid whose French differs (an English leak if shown)."""
    found = {}
    for message in french_catalogue():
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid, french in zip(ids, strings, strict=False):
            if "{" not in msgid and len(msgid) > 1 and french and french != msgid:
                found[msgid] = french
    return found


def _plain(text: str) -> str:
    return text.replace("&", "").strip()


def visible_texts(root: QWidget) -> list[str]:
    """Labels, buttons, titles, placeholders, menu entries, tabs and column headers."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QMenu):
            texts.append(widget.title())
            texts += [a.text() for a in widget.actions()]
        elif isinstance(widget, QHeaderView) and widget.model() is not None:
            model = widget.model()
            texts += [
                str(model.headerData(c, widget.orientation()) or "") for c in range(widget.count())
            ]
        texts.append(widget.windowTitle() if widget.isWindow() else "")
    return [_plain(t) for t in texts if t and _plain(t)]


ENDONYMS = {"English"}  # the client's letter languages are listed each in its own language


def english_leaks(root: QWidget) -> list[str]:
    leaks = {k: v for k, v in english_only().items() if k not in ENDONYMS}
    return sorted({t for t in visible_texts(root) if t in leaks})
