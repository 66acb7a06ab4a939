"""Compile translations/<lang>/LC_MESSAGES/relance.po into OUT/<lang>/LC_MESSAGES/relance.mo.

The frozen app ships the compiled catalogues only (app.i18n reads a .mo when no .po is there).
Usage: python packaging/compile_catalogues.py [OUT]   (default: build/catalogues)
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent


def compile_all(source: Path, out: Path) -> list[Path]:
    written = []
    for po in sorted(source.glob("*/LC_MESSAGES/relance.po")):
        lang = po.parent.parent.name
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        target = out / lang / "LC_MESSAGES" / "relance.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            write_mo(handle, catalog)
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "build" / "catalogues"
    written = compile_all(ROOT / "translations", out)
    if not written:
        print("no catalogue found under translations/", file=sys.stderr)  # noqa: T201 - a build tool reports
        return 1
    for path in written:
        print(f"compiled {path.relative_to(out)}")  # noqa: T201 - a build tool reports
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
