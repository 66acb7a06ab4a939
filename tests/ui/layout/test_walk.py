"""Every view and every dialog, in French and in English, at 100 % and 150 %: no text is
clipped and none is of the other language (tests/ui/layout/checks.py; docs/testing.md)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QWidget, QWizard

from app import i18n
from app.ui.views import VIEWS
from app.ui.widgets.fit import install_dialog_fit
from tests.ui.language_check import french_translator
from tests.ui.layout.checks import problems
from tests.ui.layout.walk import (
    AS_OF,
    DIALOGS,
    WALKED,
    Env,
    dialog_classes,
    settle,
    tabs_shown,
    wizard_pages,
)
from tests.ui.ledger_fixtures import make_context

LOOKS = [("fr", 1.0), ("fr", 1.5), ("en", 1.0), ("en", 1.5)]
REMINDER_MODES = ("month", "week", "agenda", "review", "policies")
SHOTS = Path("/tmp/relance-layout")  # RELANCE_LAYOUT_SHOTS=1 saves each walked dialog here


def _dossier(folder: Path, demo: bool) -> Any:
    from app.bootstrap import build
    from app.paths import Paths
    from app.services.dossier import CompanySettings

    built = build(str(folder / "walk.relance"), "en", Paths.under(folder / "home"))
    built.dossier.init(CompanySettings(name="Atelier Dupont SARL", country="FR"))
    if demo:
        built.demo.generate(clients=8, invoices=60, seed=4, as_of=AS_OF)
    return built


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    built = _dossier(tmp_path_factory.mktemp("demo"), demo=True)
    yield built
    built.close()


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    built = _dossier(tmp_path_factory.mktemp("empty"), demo=False)
    yield built
    built.close()


@pytest.fixture(scope="module")
def catalogues() -> dict[str, Any]:
    return {"fr": french_translator(), "en": i18n.translator("en")}


@pytest.fixture(params=LOOKS, ids=[f"{lang}-{int(scale * 100)}" for lang, scale in LOOKS])
def look(request, qapp, monkeypatch, catalogues) -> Iterator[tuple[str, float]]:  # type: ignore[no-untyped-def]
    """The language (our catalogue with this branch's pending French, and Qt's own) and the
    scale: 150 % is the application font 1.5 times larger (docs/testing.md says why)."""
    from app.ui.app import install_translators, remove_translators

    lang, scale = request.param
    monkeypatch.setattr(i18n, "translator", catalogues.__getitem__)
    i18n.set_language(lang)
    installed = install_translators(qapp, lang)
    fit = install_dialog_fit(qapp)  # as run_gui does
    original = QFont(qapp.font())
    if scale != 1.0:
        bigger = QFont(original)
        bigger.setPointSizeF(original.pointSizeF() * scale)
        qapp.setFont(bigger)
    yield lang, scale
    qapp.setFont(original)
    qapp.removeEventFilter(fit)
    remove_translators(qapp, installed)
    i18n.set_language("en")


def _report(found: list[str]) -> str:
    return "\n".join(["", *sorted(set(found))])


def test_screen_is_a_laptop(qapp) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.layout.conftest import SCREEN

    size = qapp.primaryScreen().size()
    assert (size.width(), size.height()) == SCREEN, "the QApplication was made before conftest"


def test_every_dialog_class_is_walked() -> None:
    """A new dialog or wizard page must be added to walk.DIALOGS and walk.WALKED."""
    assert sorted(dialog_classes() - set(WALKED)) == []
    assert sorted(set(WALKED.values()) - set(DIALOGS)) == []


def _check_tabs(root: QWidget, lang: str, where: str) -> list[str]:
    found = []
    for tab in tabs_shown(root):
        found += [f"{where}{f' [{tab}]' if tab else ''}: {fault}" for fault in problems(root, lang)]
        if tab:
            _shoot(root, f"{where}-{tab}-{lang}".replace(" ", "_"))
    return found


def _walk_wizard(qtbot, wizard: QWizard, context: Any, lang: str) -> list[str]:  # type: ignore[no-untyped-def]
    found: list[str] = []
    if wizard.objectName() == "first_run":  # each page from the start, nothing typed
        for page_id in wizard.pageIds():
            wizard.setStartId(page_id)
            wizard.restart()
            settle()
            name = type(wizard.currentPage()).__name__
            found += _check_tabs(wizard, lang, name)
            _shoot(wizard, f"{name}-{lang}")
        return found

    def advance() -> bool:
        qtbot.waitUntil(context.tasks.idle, timeout=20000)
        page = wizard.currentPage()
        if not page.isComplete() or wizard.currentId() == wizard.pageIds()[-1]:
            return False
        wizard.next()
        qtbot.waitUntil(context.tasks.idle, timeout=20000)
        settle()
        return True

    for name in wizard_pages(wizard, advance):
        found += _check_tabs(wizard, lang, name)
        _shoot(wizard, f"{name}-{lang}")
    return found


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_dialog_fits_in_its_language(qtbot, demo, look, name, tmp_path) -> None:  # type: ignore[no-untyped-def]
    context = make_context(AS_OF)
    dialog: QDialog = DIALOGS[name](Env(demo, context, tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(context.tasks.idle, timeout=20000)
    settle()
    if isinstance(dialog, QWizard):
        found = _walk_wizard(qtbot, dialog, context, look[0])
    else:
        found = _check_tabs(dialog, look[0], name)
    screen = dialog.screen().availableGeometry()
    if dialog.width() > screen.width() or dialog.height() > screen.height():
        size = f"{dialog.width()}×{dialog.height()}"
        found.append(
            f"{name}: larger than the screen ({size} on {screen.width()}×{screen.height()})"
        )
    _shoot(dialog, f"{name}-{look[0]}-{int(look[1] * 100)}")
    context.tasks.wait()
    dialog.hide()
    assert found == [], _report(found)


def _shoot(widget: QWidget, name: str) -> None:
    import os

    if os.environ.get("RELANCE_LAYOUT_SHOTS"):
        SHOTS.mkdir(exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


def _first_client(services: Any) -> int | None:
    from app.db.models import Client

    with services.uow() as uow:
        found = uow.session.query(Client.id).order_by(Client.code).first()
    return None if found is None else int(found[0])


def _walk_window(qtbot, services: Any, look: tuple[str, float], label: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Each view (and each mode of the reminders) in a window of the default size; at 150 %
    the window is 1.5 times larger too, as the font (a proportionally larger screen)."""
    from app.ui.main_window import MainWindow

    services.paths.window_settings.unlink(missing_ok=True)  # the default widths, each time
    window = MainWindow(services)
    window.context.today = lambda: AS_OF
    lang, scale = look
    window.resize(int(1280 * scale), int(800 * scale))
    window.show()
    found: list[str] = []
    try:
        for index, entry in enumerate(VIEWS):
            window.show_view(index)
            view = window.views[entry.key]
            modes = {"reminders": REMINDER_MODES, "clients": ("", "client page")}
            for mode in modes.get(entry.key, ("",)):
                if mode == "client page":
                    client = _first_client(services)
                    if client is None:
                        continue
                    view.show_client(client)  # type: ignore[attr-defined]
                elif mode:
                    view.set_mode(mode)  # type: ignore[attr-defined]
                qtbot.waitUntil(window.tasks.idle, timeout=20000)
                settle()
                where = f"{label} {entry.key}{f' ({mode})' if mode else ''}"
                found += _check_tabs(view, lang, where)
                _shoot(window, f"{label}-{entry.key}{mode}-{lang}-{int(scale * 100)}")
        found += [f"{label} menus: {p}" for p in problems(window.menuBar(), lang)]
    finally:
        window.tasks.wait()
        window.hide()
        window.deleteLater()
    return found


def test_every_view_of_the_demo_fits(qtbot, demo, look) -> None:  # type: ignore[no-untyped-def]
    found = _walk_window(qtbot, demo, look, "demo")
    assert found == [], _report(found)


def test_every_view_of_a_new_dossier_fits(qtbot, empty, look) -> None:  # type: ignore[no-untyped-def]
    found = _walk_window(qtbot, empty, look, "new dossier")
    assert found == [], _report(found)
