"""Start-up budget by modules: a command loads only what it needs. `relance aging` printing
one table must not load the letter stack, the charts, the spreadsheets, Alembic, the
calendar export, Qt nor the Factur-X reader (each is a share of a second at every launch).
The real program runs in a subprocess under `python -X importtime`; no time is asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app.cli import main

NEVER_FOR_AGING = (
    "reportlab",
    "matplotlib",
    "openpyxl",
    "alembic",
    "icalendar",
    "PySide6",
    "facturx",
    "lxml",
    "holidays",
)


def imported_modules(argv: list[str], cwd: Path) -> tuple[set[str], str]:
    """The modules `relance argv` imported (as importtime lists them) and its output."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "app", *argv],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    modules = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            name = line.rsplit("|", 1)[1].strip()
            if name != "package":  # the header line
                modules.add(name)
    return modules, done.stdout


def roots(modules: set[str]) -> set[str]:
    return {name.split(".", 1)[0] for name in modules}


def test_aging_loads_no_heavy_library(tmp_path: Path) -> None:
    db = str(tmp_path / "tiny.relance")
    assert main(["--database", db, "demo", "--clients", "4", "--invoices", "20"]) == 0
    modules, out = imported_modules(
        ["--database", db, "--today", "2026-11-22", "aging", "--format", "json"], tmp_path
    )
    assert json.loads(out)  # the command did its work
    assert {"app.bootstrap", "sqlalchemy"} <= modules  # the list was read right
    assert roots(modules).isdisjoint(NEVER_FOR_AGING), sorted(
        name for name in modules if name.split(".", 1)[0] in NEVER_FOR_AGING
    )
    # Nor the services it does not call: letters, documents, imports, exports, backups.
    unused = [
        name
        for name in modules
        if name.startswith(
            (
                "app.adapters.pdf",
                "app.adapters.mail",
                "app.services.followup",
                "app.services.documents",
                "app.services.transfer",
                "app.services.backup",
                "app.cli.commands.transfer",
                "app.cli.commands.followup",
            )
        )
    ]
    assert unused == []


def test_version_opens_no_database_layer(tmp_path: Path) -> None:
    modules, out = imported_modules(["--version"], tmp_path)
    assert out.startswith("Relance ")
    assert "app.cli" in modules
    assert roots(modules).isdisjoint({"sqlalchemy", *NEVER_FOR_AGING})


def test_catalogue_is_compiled_once_and_follows_the_po(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app import i18n

    po = tmp_path / "fr" / "LC_MESSAGES" / "relance.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Total"\nmsgstr "Total dû"\n', "utf-8")
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    monkeypatch.setenv("RELANCE_HOME", str(tmp_path / "home"))
    i18n.translator.cache_clear()
    try:
        assert i18n.translator("fr").gettext("Total") == "Total dû"
        cached = list((tmp_path / "home" / "cache").glob("relance-fr-*.mo"))
        assert len(cached) == 1
        i18n.translator.cache_clear()  # the next command reads the compiled copy
        assert i18n.translator("fr").gettext("Total") == "Total dû"
        po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Total"\nmsgstr "Reste dû"\n', "utf-8")
        i18n.translator.cache_clear()  # an edited .po is compiled again, never stale
        assert i18n.translator("fr").gettext("Total") == "Reste dû"
        assert len(list((tmp_path / "home" / "cache").glob("relance-fr-*.mo"))) == 2
    finally:
        i18n.translator.cache_clear()


def test_agenda_and_claim_load_no_holiday_calendar_nor_letters(tmp_path: Path) -> None:
    """The public holidays are computed by Relance (app.domain.workdays): `relance agenda` and
    `relance claim` never load the `holidays` package; the agenda loads no letter, PDF or
    mail code either (the `email` module itself comes with SQLAlchemy's metadata reading)."""
    db = str(tmp_path / "tiny.relance")
    assert main(["--database", db, "demo", "--clients", "4", "--invoices", "20"]) == 0
    modules, out = imported_modules(
        ["--database", db, "--today", "2026-11-22", "agenda", "--format", "json"], tmp_path
    )
    assert "actions" in json.loads(out)
    assert {"app.domain.workdays", "app.services.followup.plan"} <= modules
    assert roots(modules).isdisjoint(NEVER_FOR_AGING), sorted(
        name for name in modules if name.split(".", 1)[0] in NEVER_FOR_AGING
    )
    letters = ("app.adapters.mail", "app.adapters.pdf", "app.services.followup.documents")
    assert [name for name in modules if name.startswith(letters)] == []
    number = "F2025-0001"
    modules, out = imported_modules(
        ["--database", db, "--today", "2026-11-22", "claim", number], tmp_path
    )
    assert number in out
    assert "app.domain.workdays" in modules
    assert "holidays" not in roots(modules)


FIRST_PAINT = r"""
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            print("PAINTED", flush=True)
            sys.stderr.flush()
            os._exit(0)
        return False

app = QApplication(sys.argv[:1])
spy = FirstPaint()
app.installEventFilter(spy)
from app.main import main
main(["--database", sys.argv[1], "--lang", "en"])
"""

NEVER_BEFORE_THE_WINDOW = ("reportlab", "matplotlib", "openpyxl", "icalendar", "facturx", "lxml")


def test_the_window_paints_before_loading_letters_charts_or_spreadsheets(tmp_path: Path) -> None:
    """Printing, letters, search, exports and charts load their code when first used."""
    import os

    db = str(tmp_path / "tiny.relance")
    assert main(["--database", db, "demo", "--clients", "4", "--invoices", "20"]) == 0
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", FIRST_PAINT, db],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[1],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "RELANCE_HOME": str(tmp_path / "home")},
        timeout=120,
    )
    assert "PAINTED" in done.stdout, done.stderr[-2000:]
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }
    assert {"app.ui.main_window", "PySide6.QtWidgets"} <= modules
    assert roots(modules).isdisjoint(NEVER_BEFORE_THE_WINDOW), sorted(
        name for name in modules if name.split(".", 1)[0] in NEVER_BEFORE_THE_WINDOW
    )
    assert "app.adapters.pdf" not in modules  # the letters' composition: 0.1 s
    assert "app.ui.features.search.popup" not in modules
