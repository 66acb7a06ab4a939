"""Time the analytics a user waits for: the aging view, the dashboard and the 12-month trend.

The dashboard shows its first key figures (database sums) at once; the amount at risk and the
forecast follow from the snapshot, in another worker. Every step is timed cold (the results
kept for an unchanged dossier forgotten first), then the kept results are timed too.

Generates a demo dossier (`relance demo`) unless --database names one, then runs each step
in process, as the window's worker threads do. Wall time and this process's CPU time are both
printed: on a shared machine the CPU time is the steadier figure (PostgreSQL's own work is
not in it).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from app.bootstrap import Services, build
from app.services.analytics.week import week_bounds

AS_OF = date(2026, 11, 23)


def measure(
    label: str, step: Callable[[], object], runs: int, forget: Callable[[], None] = lambda: None
) -> object:
    walls, cpus, result = [], [], None
    for _ in range(runs):
        forget()
        wall, cpu = time.perf_counter(), time.process_time()
        result = step()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    print(
        f"{label:<48} wall median {statistics.median(walls):6.2f} s (min {min(walls):.2f})"
        f"   cpu median {statistics.median(cpus):6.2f} s"
    )
    return result


def dashboard(analytics: Any) -> object:
    """What the dashboard waits for before every figure is on screen (issue 15: < 2 s)."""
    snapshot = analytics.snapshot(AS_OF)
    return analytics.key_figures(AS_OF, snapshot), analytics.forecast(AS_OF, 12, snapshot=snapshot)


def steps(services: Services) -> list[tuple[str, Callable[[], object]]]:
    analytics = services.analytics
    first, last = week_bounds(AS_OF)
    snapshot = analytics.snapshot(AS_OF)
    return [
        ("aging view (aging_rows + chart data)", lambda: analytics.aging(AS_OF)),
        ("dashboard: first key figures (database sums)", lambda: analytics.figures(AS_OF)),
        ("dashboard: snapshot (histories, grades)", lambda: analytics.snapshot(AS_OF)),
        (
            "dashboard: key figures from the snapshot",
            lambda: analytics.key_figures(AS_OF, snapshot),
        ),
        (
            "dashboard: 12-week forecast from the snapshot",
            lambda: analytics.forecast(AS_OF, 12, snapshot=snapshot),
        ),
        (
            "dashboard: promises and disputes",
            lambda: (analytics.week.promises(AS_OF, first, last), analytics.week.disputes(AS_OF)),
        ),
        ("dashboard: reminders due (follow-up plan)", lambda: analytics.week.reminders(AS_OF)),
        ("12-month overdue trend", lambda: analytics.overdue_trend(AS_OF)),
        ("client register risk grades", lambda: analytics.risk_grades(AS_OF)),
        ("complete dashboard (snapshot, key figures, forecast)", lambda: dashboard(analytics)),
        (
            "one client's risk (client page)",
            lambda: analytics.client_risk(next(iter(snapshot.risks)), AS_OF),
        ),
    ]


def cli() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20_000)
    parser.add_argument("--invoices", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database", help="an existing demo dossier (file or URL) to time")
    parser.add_argument("--skip", nargs="*", default=[], help="steps to leave out (substring)")
    args = parser.parse_args()
    print("load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    with tempfile.TemporaryDirectory() as folder:
        database = args.database or str(Path(folder) / "analytics.relance")
        services = build(database, "en")
        try:
            if not args.database:
                started = time.perf_counter()
                services.demo.generate(args.clients, args.invoices, as_of=AS_OF)
                print(
                    f"demo {args.clients} clients, {args.invoices} invoices: "
                    f"{time.perf_counter() - started:.1f} s"
                )
            for label, step in steps(services):
                if not any(s in label for s in args.skip):
                    measure(label, step, args.runs, services.analytics.forget_results)
            analytics = services.analytics
            for label, step in (
                ("again, dossier unchanged: aging view", lambda: analytics.aging(AS_OF)),
                ("again, dossier unchanged: snapshot", lambda: analytics.snapshot(AS_OF)),
                (
                    "again, dossier unchanged: 12-month trend",
                    lambda: analytics.overdue_trend(AS_OF),
                ),
            ):
                step()  # the first call may compute (a step above forgot the results)
                measure(label, step, args.runs)
            print("load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(cli())
