"""Window tests never wait on a message box nobody can click: an unexpected warning fails the
test with its text (a test that expects one patches QMessageBox itself)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox


def _unexpected(kind: str):  # type: ignore[no-untyped-def]
    def box(_parent, _title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError(f"unexpected {kind} message box: {text}")

    return box


@pytest.fixture(autouse=True)
def _no_modal_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    for kind in ("warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, _unexpected(kind))
