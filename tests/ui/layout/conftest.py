"""The walk runs on a 1366 × 768 offscreen screen (the smallest common laptop), not on the
800 × 800 one the offscreen platform makes up: dialogs are capped at the screen's size.

The screen is chosen before the QApplication exists (collection comes before any test runs);
when the application was made earlier, test_screen_is_a_laptop says so."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

SCREEN = (1366, 768)

if (
    QApplication.instance() is None
    and os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen"
):
    _config = Path(tempfile.gettempdir()) / "relance-layout-screen.json"
    width, height = SCREEN
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}
    _config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_config}"
