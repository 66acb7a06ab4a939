"""Time `relance demo --clients 20000 --invoices 1000000` into a fresh SQLite dossier."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from app.cli import main


def run(clients: int, invoices: int, path: Path) -> float:
    start = time.perf_counter()
    code = main(
        [
            "--database",
            str(path),
            "demo",
            "--clients",
            str(clients),
            "--invoices",
            str(invoices),
            "--as-of",
            "2026-11-22",
        ]
    )
    if code != 0:
        raise SystemExit(code)
    return time.perf_counter() - start


def cli() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20_000)
    parser.add_argument("--invoices", type=int, default=1_000_000)
    parser.add_argument("--keep", help="write the dossier here instead of a temporary folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(args.keep) if args.keep else Path(folder) / "bench.relance"
        seconds = run(args.clients, args.invoices, path)
        size = path.stat().st_size / 1e6
    print(f"demo {args.clients} clients, {args.invoices} invoices: {seconds:.1f} s ({size:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(cli())
