"""The user guide's pictures, taken from the real window so they never go stale.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python3 docs/guide/make_screenshots.py \
        [--today 2026-12-07] [--lang fr en] [--scheme light dark] [--out resources/guide]

Builds a demo dossier as of `--today` in a temporary folder, opens the window in each language
and scheme, shows each view and the main dialogs, and writes
`OUT/<lang>/img/<name>.png` (light) or `OUT/<lang>/img/dark/<name>.png` (dark), 1100 × 700 at
most, reduced to a palette of 128 colours so that the set stays small. The guide
(resources/guide/<lang>/guide.md) shows the light ones.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIZE = (1100, 700)
CLIENTS, INVOICES = 40, 700
TODAY = date(2026, 12, 7)  # a Monday: the week the guide walks through
SAMPLE_CSV = (  # an invoicing tool's export, as the import assistant first sees it
    "N° facture;Code client;Date facture;Date d'échéance;Montant TTC;Reste à payer\n"
    "F2026-0901;C0001;02/11/2026;02/12/2026;1 250,00;1 250,00\n"
    "F2026-0902;C0002;05/11/2026;05/12/2026;480,00;180,00\n"
    "F2026-0903;C0003;09/11/2026;09/12/2026;2 310,40;2 310,40\n"
)


def _catalogue(lang: str):  # type: ignore[no-untyped-def]
    """The language's catalogue with the pending translations of branches merged in."""
    import gettext

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    source = ROOT / "translations" / lang / "LC_MESSAGES" / "relance.po"
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    if lang == "fr":
        for extra in sorted((ROOT / "translations" / "pending").glob("*.po")):
            with extra.open("rb") as handle:
                for message in read_po(handle, locale="fr"):
                    if message.id and message.string:
                        catalog[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def save_small(image, path: Path) -> None:  # type: ignore[no-untyped-def]
    """A QImage written as an optimised PNG of 128 colours."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    picture = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    picture.thumbnail(SIZE)
    small = picture.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    path.parent.mkdir(parents=True, exist_ok=True)
    small.save(path, "PNG", optimize=True)


def _settle(app, window) -> None:  # type: ignore[no-untyped-def]
    for _round in range(3):
        window.tasks.wait(60000)
        app.processEvents()


def _dialog(app, window, make: Callable[[], object]):  # type: ignore[no-untyped-def]
    """Opens the dialog `make` returns (or the one the window keeps), settled and sized."""
    dialog = make()
    _settle(app, window)
    if dialog is None:
        dialog = window.views["reminders"].controller.dialog
    dialog.show()
    _settle(app, window)
    if dialog is not window:  # let fading parts (a line edit's clear button) finish appearing
        from PySide6.QtTest import QTest

        QTest.qWait(400)
    return dialog


def captures(window, today: date) -> dict[str, Callable[[], object]]:  # type: ignore[no-untyped-def]
    """Picture name → what to show (a view of the window, or a dialog)."""
    services = window.services
    ahead = services.reminders.plan(today, until=today + timedelta(days=45)).items
    if not ahead:
        raise SystemExit("the demo dossier has no reminder to show: more invoices are needed")
    items = [i for i in ahead if i.action.date <= today] or list(ahead)
    emails = [i for i in items if i.action.channel.value == "email"]
    notices = sorted(  # a business client's: the notice then claims the €40 indemnity too
        (i for i in ahead if i.action.level_code == "formal_notice"),
        key=lambda i: (i.client.client_type != "business", i.action.date),
    )
    chosen = max(items, key=lambda i: i.amount_at_risk)
    late = notices[0] if notices else chosen  # a late client: page, payment, payment plan
    invoice_id = late.action.invoice_ids[0]
    reminders = window.views["reminders"]

    def view(key: str, then: Callable[[], None] | None = None) -> Callable[[], object]:
        def show() -> object:
            window.show_view(key)
            if then is not None:
                then()
            return window

        return show

    def preview(item) -> Callable[[], object]:  # type: ignore[no-untyped-def]
        def show() -> object:
            window.show_view("reminders")
            reminders.controller.preview(item)
            return None

        return show

    def payment() -> object:
        from app.ui.features.payments.dialogs import PaymentDialog

        dialog = PaymentDialog(services, window.context, window)
        dialog.client.set_client(late.client.id, late.client.code, late.client.name)
        dialog.preselect(invoice_id)
        return dialog

    def payment_plan() -> object:
        from app.ui.features.invoices.plan_dialog import PaymentPlanDialog

        return PaymentPlanDialog(services, window.context, invoice_id, window)

    def import_file() -> object:
        sample = services.paths.data / "factures.csv"
        sample.write_text(SAMPLE_CSV, encoding="utf-8")
        wizard = window.import_files([sample])
        wizard.next()  # from the file to the columns' mapping
        return wizard

    def backups() -> object:
        window.file_actions.backup_settings.trigger()
        found = [w for w in window.findChildren(object) if type(w).__name__.startswith("Backup")]
        dialogs = [w for w in found if hasattr(w, "exec")]
        return dialogs[-1]

    return {
        "dashboard": view("dashboard"),
        "client": view("clients", lambda: window.views["clients"].show_client(late.client.id)),
        "aging": view("aging"),
        "calendar": view("reminders", lambda: reminders.set_mode("month")),
        "review": view("reminders", lambda: reminders.set_mode("review")),
        "email": preview(emails[0] if emails else chosen),
        "notice": preview(notices[0] if notices else chosen),
        "payment": payment,
        "payment_plan": payment_plan,
        "import": import_file,
        "company": lambda: window.edit_company(),
        "backups": backups,
    }


def make_screenshots(
    out: Path,
    langs: tuple[str, ...] = ("fr", "en"),
    schemes: tuple[str, ...] = ("light",),
    today: date = TODAY,
    clients: int = CLIENTS,
    invoices: int = INVOICES,
    only: tuple[str, ...] | None = None,
    scratch: Path | None = None,
) -> list[Path]:
    """Writes the pictures; returns their paths."""
    from PySide6.QtWidgets import QApplication

    from app import i18n
    from app.bootstrap import build
    from app.paths import Paths
    from app.ui import theme
    from app.ui.app import install_translators, remove_translators
    from app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(["relance"])
    flash = app.cursorFlashTime()
    app.setCursorFlashTime(0)  # a steady text cursor: the same picture at every run
    written: list[Path] = []
    known = {lang: _catalogue(lang) for lang in langs}
    real, language = i18n.translator, i18n.current_language()
    i18n.translator = lambda lang: known.get(lang) or real(lang)  # type: ignore[assignment]
    try:
        for lang in langs:
            # a fixed folder, so that the folders shown (backups) are the same at every run
            work = (scratch or Path(tempfile.gettempdir())) / f"relance-guide-{lang}"
            shutil.rmtree(work, ignore_errors=True)
            try:
                paths = Paths.under(work).ensure()
                services = build(str(work / "demo.relance"), lang, paths)
                services.demo.generate(clients=clients, invoices=invoices, seed=7, as_of=today)
                i18n.set_language(lang)
                translators = install_translators(app, lang)
                for scheme in schemes:
                    theme.appearance().set_mode(scheme)
                    window = MainWindow(services, today=lambda: today)
                    window.resize(*SIZE)
                    window.show()
                    _settle(app, window)
                    folder = out / lang / "img" / ("" if scheme == theme.LIGHT else scheme)
                    for name, show in captures(window, today).items():
                        if only is not None and name not in only:
                            continue
                        shown = _dialog(app, window, show)
                        window.statusBar().clearMessage()  # no temporary folder in the picture
                        app.processEvents()
                        target = folder / f"{name}.png"
                        save_small(shown.grab().toImage(), target)
                        written.append(target)
                        if shown is not window:
                            shown.close()
                            app.processEvents()
                    window.close()
                    app.processEvents()
                remove_translators(app, translators)
                services.close()
            finally:
                shutil.rmtree(work, ignore_errors=True)
    finally:
        i18n.translator = real  # type: ignore[assignment]
        i18n.set_language(language)
        theme.appearance().set_mode(theme.SYSTEM)
        app.setCursorFlashTime(flash)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", type=date.fromisoformat, default=TODAY)
    parser.add_argument("--lang", nargs="+", default=["fr", "en"])
    parser.add_argument("--scheme", nargs="+", default=["light"], choices=["light", "dark"])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "guide")
    parser.add_argument("--only", nargs="+", default=None)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    paths = make_screenshots(
        args.out,
        tuple(args.lang),
        tuple(args.scheme),
        args.today,
        only=tuple(args.only) if args.only else None,
    )
    for path in paths:
        print(path)  # noqa: T201 - the script's report
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
