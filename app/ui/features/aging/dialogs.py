"""Bucket limits of the aging report: day counts such as 30, 60, 90, kept in the dossier."""

from __future__ import annotations

import re
from itertools import pairwise

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.ui.theme import set_tone

MAX_LIMITS = 6


def parse_limits(text: str) -> tuple[int, ...] | None:
    """'30, 60, 90' → (30, 60, 90); None unless 1 to 6 increasing whole numbers of days."""
    parts = [p for p in re.split(r"[\s,;/]+", text.strip()) if p]
    if not parts or len(parts) > MAX_LIMITS or not all(p.isdigit() for p in parts):
        return None
    limits = tuple(int(p) for p in parts)
    if limits[0] < 1 or any(b <= a for a, b in pairwise(limits)):
        return None
    return limits


class LimitsDialog(QDialog):
    def __init__(self, limits: tuple[int, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Aging buckets"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                _(
                    "Upper limit of each bucket, in days past the due date, separated by commas "
                    "(for example 30, 60, 90). Saved with the dossier."
                )
            )
        )
        self.text = QLineEdit(", ".join(str(n) for n in limits))
        self.error = QLabel()
        set_tone(self.error, "warning")
        layout.addWidget(self.text)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            lambda: self.text.setText("30, 60, 90")
        )
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(lambda _t: self.error.clear())

    def limits(self) -> tuple[int, ...] | None:
        return parse_limits(self.text.text())

    def _accept(self) -> None:
        if self.limits() is None:
            self.error.setText(
                _("Give 1 to {max} whole numbers of days, each larger than the one before.").format(
                    max=MAX_LIMITS
                )
            )
            return
        self.accept()
