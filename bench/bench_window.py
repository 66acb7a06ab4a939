"""Window start-up: time from launching the process to the first paint of the main window,
Relance on a dossier beside a bare PySide6 window holding a QTableView, in the same run.

    PYTHONPATH=$PWD python3 bench/bench_window.py [--database FILE] [--runs 3]

Each figure is a whole process (interpreter, imports, dossier, window), best of `--runs`,
measured from just before the process is started to the first paint event of its main
window (CLOCK_MONOTONIC is shared by the processes). The processes run offscreen and stop at
that first paint. Without --database a 100,000-invoice demo dossier is made in bench/out/."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
AS_OF = "2026-12-05"

CHILD = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            print(f"PAINT {time.monotonic():.6f}", flush=True)
            os._exit(0)
        return False

app = QApplication(sys.argv[:1])
spy = FirstPaint()
app.installEventFilter(spy)
if sys.argv[1] == "bare":
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QTableView
    window = QMainWindow()
    model = QStandardItemModel(0, 8)
    table = QTableView()
    table.setModel(model)
    window.setCentralWidget(table)
    window.resize(1280, 800)
    window.show()
    app.exec()
else:
    from app.main import main
    main(["--database", sys.argv[2], "--lang", "en"])
"""


def first_paint(mode: str, database: str, home: str) -> float:
    """Seconds from starting the process to its main window's first paint."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "RELANCE_HOME": home,
        "RELANCE_TODAY": AS_OF,
        "PYTHONPATH": str(ROOT),
    }
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, database],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    for line in done.stdout.splitlines():
        if line.startswith("PAINT "):
            return float(line.split()[1]) - start
    raise RuntimeError(f"{mode}: no paint\n{done.stdout}\n{done.stderr}")


def demo_dossier(clients: int, invoices: int) -> Path:
    path = OUT / f"window-{clients}c-{invoices}i.relance"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                *(sys.executable, "-m", "app", "--database", str(path), "demo"),
                *("--clients", str(clients), "--invoices", str(invoices)),
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "RELANCE_TODAY": AS_OF, "PYTHONPATH": str(ROOT)},
        )
    return path


def measure(database: str, runs: int) -> tuple[float, float]:
    """(best Relance seconds, best bare seconds), the two interleaved run by run."""
    with tempfile.TemporaryDirectory(prefix="relance-bench-window-") as home:
        relance, bare = [], []
        for _ in range(runs):
            bare.append(first_paint("bare", database, home))
            relance.append(first_paint("relance", database, home))
    return min(relance), min(bare)


def cli() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="an existing dossier (default: a 100k demo)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    database = args.database or str(demo_dossier(2000, 100_000))
    relance, bare = measure(database, args.runs)
    print(f"Dossier: {database}, best of {args.runs}")
    print(f"Load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'bare PySide6 window + QTableView':<40} {bare:>7.3f} s")
    print(f"{'Relance main window':<40} {relance:>7.3f} s")
    print(f"{'ratio':<40} {relance / bare:>7.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(cli())
