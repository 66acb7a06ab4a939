"""Start-up of the command line: whole-process time (best of N) of a few commands on a
10,000-invoice demo dossier, beside the interpreter's own floor and a bare PySide6 import,
then the heaviest imports of `relance aging` as `python -X importtime` reports them.

    PYTHONPATH=$PWD python3 bench/bench_startup.py [--runs 5] [--invoices 10000]

The dossier is made once in bench/out/ and reused (delete it to rebuild)."""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
AS_OF = "2026-11-22"


def best_of(command: list[str], runs: int) -> float:
    """The fastest of `runs` whole runs of `command` (the least disturbed by the machine)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def demo_dossier(clients: int, invoices: int) -> Path:
    path = OUT / f"startup-{clients}c-{invoices}i.relance"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        relance = [sys.executable, "-m", "app", "--database", str(path)]
        subprocess.run(
            [*relance, "demo", "--clients", str(clients), "--invoices", str(invoices)],
            check=True,
            capture_output=True,
            env={**os.environ, "RELANCE_TODAY": AS_OF},
        )
    return path


def any_invoice(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        row = connection.execute("SELECT number FROM invoices ORDER BY id LIMIT 1").fetchone()
    return str(row[0])


def heaviest_imports(command: list[str], count: int) -> list[tuple[int, int, str]]:
    """(cumulative µs, own µs, module) of the `count` imports that cost the most in all;
    `command` starts with the interpreter."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *command[1:]],
        capture_output=True,
        text=True,
        check=True,
    )
    found = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line[13:]:
            continue
        own, total, name = line[len("import time:") :].split("|", 2)
        if own.strip().isdigit():
            found.append((int(total), int(own), name.rstrip()))
    return sorted(found, reverse=True)[:count]


def cli() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=400)
    parser.add_argument("--invoices", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()

    path = demo_dossier(args.clients, args.invoices)
    app = [sys.executable, "-m", "app"]
    on = [*app, "--database", str(path), "--today", AS_OF]
    cases = [
        ("python3 -c pass (floor)", [sys.executable, "-c", "pass"]),
        (
            "python3 -c 'import PySide6.QtWidgets'",
            [sys.executable, "-c", "import PySide6.QtWidgets"],
        ),
        ("relance --version", [*app, "--version"]),
        ("relance aging --format json", [*on, "aging", "--format", "json"]),
        ("relance agenda", [*on, "agenda"]),
        ("relance claim INVOICE", [*on, "claim", any_invoice(path)]),
    ]
    print(f"Dossier: {path.name} ({args.invoices} invoices), best of {args.runs}")
    print(f"Load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'command':<40} {'seconds':>8}")
    for label, command in cases:
        print(f"{label:<40} {best_of(command, args.runs):>8.3f}")
    print()
    print(f"Heaviest imports of `relance aging` (python -X importtime, top {args.top})")
    print(f"{'cumulative ms':>13} {'own ms':>7}  module")
    for total, own, name in heaviest_imports([*on, "aging", "--format", "json"], args.top):
        print(f"{total / 1000:>13.1f} {own / 1000:>7.1f}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(cli())
