"""Time the reminder plan on a big dossier: the planner's inputs, the plan, the calendar view,
`relance agenda`.

    python -m bench.bench_reminders                        # builds 20,000 clients / 1M invoices
    python -m bench.bench_reminders --database big.relance  # a dossier made by `relance demo`
    python -m bench.bench_reminders --database postgresql+psycopg://…

Everything goes through the same services and Qt view the window uses (offscreen). Wall times,
best of `--runs`; the calendar is timed from the view's creation until its first plan is shown
(the window itself appears at once: the plan is computed on a worker thread).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

CPU: list[float] = []  # this process's CPU time of the last `best` (SQLite: the queries too)


def best(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """Best wall time of `runs` calls; CPU[-1] is the CPU time of that best run."""
    times, result = [], None
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append((time.perf_counter() - start, time.process_time() - cpu))
    wall, cpu = min(times)
    CPU.append(cpu)
    return wall, result


def calendar_seconds(services: Any, today: date) -> tuple[float, float, int]:
    """(view built and shown, first plan on screen, actions shown) for the month view."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.ui.changes import ChangeBus
    from app.ui.context import ViewContext
    from app.ui.features.reminders.view import RemindersView
    from app.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    start = time.perf_counter()
    context = ViewContext(
        TaskRunner(),
        ChangeBus(),
        today=lambda: today,
        show_error=lambda error: print(error, file=sys.stderr),
    )
    view = RemindersView(services, context)
    view.resize(1300, 800)
    view.show()
    app.processEvents()
    shown = time.perf_counter() - start
    while view.controller.plan is None or view.controller.busy:
        app.processEvents()
        time.sleep(0.005)
    app.processEvents()
    loaded = time.perf_counter() - start
    count = len(view.controller.plan.items)
    view.close()
    context.tasks.wait(30000)
    return shown, loaded, count


def cli() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", help="an existing demo dossier (file or URL)")
    parser.add_argument("--clients", type=int, default=20_000)
    parser.add_argument("--invoices", type=int, default=1_000_000)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 12, 3))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = args.database or str(Path(folder) / "reminders.relance")
        if not args.database:
            from app.cli import main

            code = main(
                [
                    "--database",
                    database,
                    "demo",
                    "--clients",
                    str(args.clients),
                    "--invoices",
                    str(args.invoices),
                    "--as-of",
                    args.today.isoformat(),
                ]
            )
            if code:
                return code
        measure(database, args.today, args.runs)
    return 0


def measure(database: str, today: date, runs: int) -> None:
    from app.bootstrap import build
    from app.services.followup.service import week_of

    services = build(database, "fr")
    monday, sunday = week_of(today)
    month_end = date(today.year + today.month // 12, today.month % 12 + 1, 1)
    month_end += timedelta(days=6 - month_end.weekday())
    forget = services.reminders._kept.clear  # cold timings: nothing kept

    def cold(fn: Callable[[], Any]) -> Callable[[], Any]:
        return lambda: (forget(), fn())[1]

    seconds, inputs = best(cold(lambda: services.reminders.inputs(today)), runs)
    print(
        f"planner inputs: {seconds:.2f} s, cpu {CPU[-1]:.2f} s "
        f"({len(inputs.invoices):,} open invoices followed, "
        f"{len(inputs.clients):,} clients)"
    )
    seconds, _inputs = best(lambda: services.reminders.inputs(today), runs)
    print(f"planner inputs kept while the dossier is unchanged: {seconds:.3f} s")
    for label, until in (
        ("the whole plan", None),
        ("plan to the month grid's end", month_end),
        ("plan of this week", sunday),
    ):
        seconds, plan = best(cold(lambda until=until: services.reminders.plan(today, until)), runs)
        print(
            f"{label}: {seconds:.2f} s, cpu {CPU[-1]:.2f} s ({len(plan.items):,} actions, "
            f"{len(plan.catch_up()):,} to catch up)"
        )
    seconds, _plan = best(lambda: services.reminders.plan(today, month_end), runs)
    print(f"plan to the month grid's end, inputs kept: {seconds:.2f} s")
    seconds, entries = best(cold(lambda: services.reminders.agenda(monday, sunday, today)), runs)
    print(f"agenda of this week, in process: {seconds:.2f} s ({len(entries):,} entries)")
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "--database",
            database,
            "agenda",
            "--from",
            monday.isoformat(),
            "--to",
            sunday.isoformat(),
            "--format",
            "json",
        ],
        check=True,
        capture_output=True,
    )
    print(f"relance agenda --format json, whole command: {time.perf_counter() - start:.2f} s")
    forget()
    shown, loaded, count = calendar_seconds(services, today)
    print(
        f"calendar (month): shown in {shown:.2f} s, plan on screen after {loaded:.2f} s "
        f"({count:,} actions)"
    )
    services.close()


if __name__ == "__main__":
    sys.exit(cli())
