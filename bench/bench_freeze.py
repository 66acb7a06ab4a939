"""The window on a large dossier: memory with the invoice list open, and the longest freeze
of the event loop while scrolling, sorting and switching views (tests/ui/freeze.py).

    PYTHONPATH=$PWD python3 bench/bench_freeze.py [--database FILE] [--pages 10] [--json]

Offscreen, in this process: the window opens on the invoice list (as if it were the first
view: the dashboard is not built), the first page comes in, and the resident memory is read
(VmRSS, its anonymous and file-backed parts: the database's memory map counts in the second;
VmHWM the peak). Then the gestures of tests/ui/freeze.py run under the watchdog (every view
is opened) and the memory is read again. Default dossier: bench/out/demo-1m.relance, made
with `relance demo --clients 20000 --invoices 1000000` when missing (about 2–5 minutes). A
backup dated today is put in the bench's own backup folder, so the daily backup on opening
does not copy the dossier while it is measured."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"


def memory() -> dict[str, float]:
    """VmRSS, RssAnon, RssFile and VmHWM of this process, in MB."""
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "RssAnon", "RssFile", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found


def dossier(given: str | None) -> str:
    if given:
        return given
    path = OUT / "demo-1m.relance"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        made = path.with_name("demo-1m.making.relance")
        made.unlink(missing_ok=True)
        command = [sys.executable, "-m", "app", "--database", str(made), "demo"]
        subprocess.run([*command, "--clients", "20000", "--invoices", "1000000"], check=True)
        made.rename(path)
    return str(path)


def no_backup_today(services) -> None:  # type: ignore[no-untyped-def]
    folder = services.backups.folder
    folder.mkdir(parents=True, exist_ok=True)
    stem = services.backups._stem
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")  # noqa: DTZ005 - a local file name
    (folder / f"{stem}-{stamp}.relance").touch()


def run(database: str, pages: int) -> dict[str, object]:
    from PySide6.QtCore import QCoreApplication, QEventLoop
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import build
    from app.paths import Paths
    from app.ui.main_window import MainWindow
    from tests.ui.freeze import FreezeWatchdog, drive

    app = QApplication.instance() or QApplication([])

    def wait_until(condition, timeout_ms: int) -> None:  # type: ignore[no-untyped-def]
        end = time.perf_counter() + timeout_ms / 1000
        while not condition():
            if time.perf_counter() > end:
                raise TimeoutError("the window did not settle")
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            time.sleep(0.001)

    with tempfile.TemporaryDirectory(prefix="relance-bench-freeze-") as home:
        services = build(database, "en", Paths.under(Path(home)))
        no_backup_today(services)
        dog = FreezeWatchdog().start()
        started = time.perf_counter()
        with dog.phase("window on the invoice list"):
            window = MainWindow(services)
            window.show_view("invoices")  # opened on the list: the dashboard is not built
            window.show()
            model = window.views["invoices"].model
            wait_until(lambda: model.rowCount() > 0, 600_000)
            wait_until(window.tasks.idle, 600_000)
        opened = time.perf_counter() - started
        on_list = memory()
        rows = drive(window, dog, wait_until, pages)
        dog.stop()
        after = memory()
        window.tasks.wait()
        window.close()
        app.processEvents()
    return {
        "database": database,
        "load": os.getloadavg(),
        "invoice_list_s": opened,
        "memory_on_invoice_list_mb": on_list,
        "memory_after_gestures_mb": after,
        "invoice_rows_loaded": rows,
        "longest_gap_ms": dog.longest * 1000,
        "longest_gap_phase": dog.longest_phase,
        "gaps_ms": {k: v * 1000 for k, v in dog.phases.items()},
        "turns": dog.ticks,
    }


def cli() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database")
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="one JSON object (bench_targets)")
    args = parser.parse_args()
    result = run(dossier(args.database), args.pages)
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"Dossier: {result['database']}")
    print(f"Load average: {' '.join(f'{x:.2f}' for x in result['load'])}")  # type: ignore[attr-defined]
    print(f"Window open on the invoice list, first page in: {result['invoice_list_s']:.1f} s")
    for label, key in (
        ("Memory, invoice list open", "memory_on_invoice_list_mb"),
        ("Memory, after the gestures (every view opened)", "memory_after_gestures_mb"),
    ):
        m = result[key]
        print(
            f"{label}: VmRSS {m['VmRSS']:.0f} MB (anonymous {m['RssAnon']:.0f}, "  # type: ignore[index]
            f"file-backed {m['RssFile']:.0f}), peak {m['VmHWM']:.0f} MB"  # type: ignore[index]
        )
    print(f"Invoice rows loaded by scrolling: {result['invoice_rows_loaded']}")
    print(
        f"Longest freeze: {result['longest_gap_ms']:.0f} ms ({result['longest_gap_phase']}), "
        f"{result['turns']} turns"
    )
    for name, gap in result["gaps_ms"].items():  # type: ignore[attr-defined]
        print(f"  {name:<24} {gap:7.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(cli())
