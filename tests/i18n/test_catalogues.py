"""Every catalogue keeps the placeholders of its msgids, and French is complete."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}")


def _catalog(lang: str):  # type: ignore[no-untyped-def]
    with (ROOT / "translations" / lang / "LC_MESSAGES" / "relance.po").open("rb") as handle:
        return read_po(handle, locale=lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_placeholders_match(lang: str) -> None:
    bad = []
    for message in _catalog(lang):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            if text and set(PLACEHOLDER.findall(text)) - expected:
                bad.append((ids[0], text))
            if text and len(ids) == 1 and set(PLACEHOLDER.findall(text)) != expected:
                bad.append((ids[0], text))
    assert bad == []


def test_french_catalogue_is_complete_and_current(tmp_path: Path) -> None:
    """Extract the sources again: every msgid must be in the French catalogue, translated."""
    pot = tmp_path / "relance.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(ROOT / "translations" / "babel.cfg"),
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
            "-o",
            str(pot),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    french = {
        (m.id if isinstance(m.id, str) else m.id[0]): m.string for m in _catalog("fr") if m.id
    }
    missing = sorted(
        w
        for w in wanted
        if not french.get(w) or (isinstance(french[w], tuple) and not all(french[w]))
    )
    assert missing == [], "run python translations/update.py and translate: " + "; ".join(
        missing[:20]
    )


def test_runtime_translation_and_formats() -> None:
    from datetime import date
    from decimal import Decimal

    from app import i18n

    assert i18n.format_money(Decimal("1234.5"), "EUR", "fr") == "1\u202f234,50\xa0€"
    assert i18n.format_money(Decimal("1234.5"), "EUR", "en") == "€1,234.50"
    assert i18n.format_date(date(2026, 11, 22), "fr") == "22/11/2026"
    assert i18n.format_date(date(2026, 11, 22), "fr", "long") == "22 novembre 2026"


def test_english_is_the_msgid_itself() -> None:
    from app import i18n

    i18n.set_language("en")
    assert i18n.ngettext("{count} client", "{count} clients", 2) == "{count} clients"
    assert i18n._("Dossier ready: {name}") == "Dossier ready: {name}"
    i18n.set_language("fr")
    assert i18n._("Dossier ready: {name}") == "Dossier prêt : {name}"
