"""Replace the bundle's libicudata with one holding only the data Relance's languages need.

Usage: python packaging/linux/slim_icu.py dist/Relance/_internal/PySide6/Qt/lib/libicudata.so.73
Needs objcopy and gcc (binutils, gcc) and icupkg (Debian: icu-devtools). The rule of what is
kept is `bundle.keep_icu_item` (tested); the new library exports the same `icudtNN_dat` symbol.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import bundle


def slim(library: Path) -> tuple[int, int]:
    symbols = subprocess.run(
        ["nm", "-D", "--defined-only", str(library)], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"\b(icudt(\d+)_dat)\b", symbols)
    if not match:
        raise SystemExit(f"{library}: no icudt*_dat symbol")
    symbol, version = match.group(1), match.group(2)
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        package = work / f"icudt{version}l.dat"
        subprocess.run(
            ["objcopy", "-O", "binary", "--only-section=.rodata", str(library), str(package)],
            check=True,
        )
        items = subprocess.run(
            ["icupkg", "-l", str(package)], capture_output=True, text=True, check=True
        ).stdout.split()
        dropped = [item for item in items if not bundle.keep_icu_item(item)]
        (work / "drop.txt").write_text("\n".join(dropped) + "\n", encoding="utf-8")
        slimmed = work / "slim" / package.name
        slimmed.parent.mkdir()
        subprocess.run(
            ["icupkg", "-r", str(work / "drop.txt"), str(package), str(slimmed)], check=True
        )
        source = work / "icudata.S"
        source.write_text(
            f".section .rodata\n.globl {symbol}\n.type {symbol},@object\n.balign 16\n"
            f'{symbol}:\n.incbin "{slimmed}"\n.size {symbol}, .-{symbol}\n'
            '.section .note.GNU-stack,"",@progbits\n',
            encoding="utf-8",
        )
        built = work / library.name
        subprocess.run(
            ["gcc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", str(built),
             str(source)],
            check=True,
        )  # fmt: skip
        before = library.stat().st_size
        shutil.copyfile(built, library)
    return before, library.stat().st_size


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)  # noqa: T201 - a build tool reports
        return 2
    before, after = slim(Path(argv[0]))
    print(f"ICU data: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
