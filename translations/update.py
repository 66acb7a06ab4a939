"""Refresh the catalogues: extract every _()/ngettext()/N_() string, merge into fr and en.

Run `python translations/update.py` after changing user-visible text; then fill the French
msgstr left empty (the test suite lists them). Files in translations/pending/*.po are merged
in first (msgid → msgstr) and deleted.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent
POT = ROOT / "relance.pot"


def main() -> int:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "_",
            "-k",
            "N_",
            "-k",
            "ngettext:1,2",
            "-k",
            "tr",
            "-k",
            "ntr:1,2",
            "--no-location",
            "--sort-output",
            "--project",
            "Relance",
            "-o",
            str(POT),
            str(ROOT.parent),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    pending: dict[str, object] = {}
    for extra in sorted((ROOT / "pending").glob("*.po")):
        with extra.open("rb") as handle:
            for message in read_po(handle, locale="fr"):
                if message.id and message.string:
                    pending[message.id if isinstance(message.id, str) else message.id[0]] = (
                        message.string
                    )
    for lang in ("fr", "en"):
        po = ROOT / lang / "LC_MESSAGES" / "relance.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        if po.exists():
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=lang)
        else:
            from babel.messages.catalog import Catalog

            catalog = Catalog(locale=lang, project="Relance")
        with POT.open("rb") as handle:
            template = read_po(handle)  # fresh per language: update() shares message objects
        catalog.update(template, no_fuzzy_matching=True)
        if lang == "en":
            for message in catalog:  # English text is the msgid itself
                if message.id:
                    message.string = "" if isinstance(message.id, str) else ("", "")
        if lang == "fr":
            for message in catalog:
                key = (
                    message.id
                    if isinstance(message.id, str)
                    else message.id[0]
                    if message.id
                    else None
                )
                if key in pending and not _filled(message.string):
                    message.string = pending[key]
        with po.open("wb") as handle:
            write_po(
                handle,
                catalog,
                width=100,
                omit_header=False,
                no_location=True,
                ignore_obsolete=True,
            )
    for extra in (ROOT / "pending").glob("*.po"):
        extra.unlink()
    return 0


def _filled(value: object) -> bool:
    if isinstance(value, str):
        return bool(value)
    return bool(value) and all(value)  # type: ignore[arg-type]


if __name__ == "__main__":
    raise SystemExit(main())
