"""kill -9 harness: interrupt Relance at random moments and check nothing is half written.

Each scenario runs the real program (`python -m app …`) in a subprocess, kills it with SIGKILL
at a random moment, then checks the dossier: `PRAGMA integrity_check` says ok and what it
holds is either the state before the command or the state after it, never in between.

    PYTHONPATH=. python3 bench/killnine.py                  # 10 kills per scenario
    PYTHONPATH=. python3 bench/killnine.py --runs 30 --rows 100000 --only import restore

Scenarios: import (a large invoices CSV), payments (a payments CSV: allocations recomputed),
restore (a bigger backup over the dossier), init and demo (a new dossier), letters (PDFs: each
file whole or absent, and the scratch files of a killed run removed by the next one). SQLite
only (the PostgreSQL server keeps its own transactions). POSIX only (SIGKILL).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-22"
ABSENT = "absent"


@dataclass
class Outcome:
    scenario: str
    runs: int = 0
    killed: int = 0
    finished: int = 0
    before: int = 0
    after: int = 0
    failures: list[str] = field(default_factory=list)


def _env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "RELANCE_HOME": str(home),
        "RELANCE_TODAY": AS_OF,
        "QT_QPA_PLATFORM": "offscreen",
    }


def relance(home: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "app", *args],
        env=_env(home),
        capture_output=True,
        text=True,
        check=False,
    )
    if check and done.returncode != 0:
        raise RuntimeError(f"relance {' '.join(args)}: {done.stderr.strip()}")
    return done


def _head() -> str:
    sys.path.insert(0, str(ROOT))
    from app.db.migrate import shipped_head

    head = shipped_head()
    assert head is not None
    return head


def dossier_state(path: Path, table: str = "invoices") -> str:
    """`absent`, or `<rows of table>` when the file is a sound, finished dossier; anything
    else raises AssertionError with what is wrong."""
    if not path.exists():
        return ABSENT
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        verdict = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        assert verdict == ["ok"], f"integrity_check: {verdict[:3]}"
        stamp = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        assert stamp == [(HEAD,)], f"schema stamp {stamp}"
        companies = conn.execute("SELECT count(*) FROM company").fetchone()[0]
        assert companies == 1, f"{companies} company rows"
        return str(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


HEAD = _head()


@dataclass
class Prepared:
    """The files every run starts from, made once."""

    folder: Path
    base: Path  # a small demo dossier, with letters due on AS_OF
    bigger: Path  # a backup of it with `rows` more invoices
    invoices_csv: Path
    payments_csv: Path
    rows: int


def prepare(folder: Path, rows: int) -> Prepared:
    home = folder / "home"
    base = folder / "base.relance"
    relance(home, "--database", str(base), "demo", "--clients", "30", "--invoices", "300")
    invoices = folder / "invoices.csv"
    lines = ["number,client_code,issue_date,due_date,total"]
    lines += [
        f"K{i:07d},C{i % 10 + 1:04d},2026-06-01,2026-07-01,{(i % 9000 + 100) / 100:.2f}"
        for i in range(rows)
    ]
    invoices.write_text("\n".join(lines) + "\n", encoding="utf-8")
    payments = folder / "payments.csv"
    lines = ["date,client_code,amount,reference"]
    lines += [f"2026-10-01,C{i % 10 + 1:04d},1.{i % 90 + 10:02d},K9-{i}" for i in range(rows // 4)]
    payments.write_text("\n".join(lines) + "\n", encoding="utf-8")
    grown = folder / "grown.relance"
    shutil.copy(base, grown)
    relance(home, "--database", str(grown), "import", "invoices", str(invoices))
    bigger = folder / "bigger.relance"
    relance(home, "--database", str(grown), "backup", str(bigger))
    return Prepared(folder, base, bigger, invoices, payments, rows)


@dataclass(frozen=True)
class Scenario:
    """`setup(work)` returns the command's arguments, the state before and the state after;
    `state(work)` reads the state now."""

    name: str
    setup: Callable[[Path], tuple[list[str], str, str]]
    state: Callable[[Path], str]


def scenarios(p: Prepared) -> list[Scenario]:
    base_invoices = dossier_state(p.base)
    base_payments = dossier_state(p.base, "payments")

    def copy_base(work: Path) -> Path:
        target = work / "d.relance"
        shutil.copy(p.base, target)
        return target

    def import_setup(work: Path) -> tuple[list[str], str, str]:
        db = copy_base(work)
        args = ["--database", str(db), "import", "invoices", str(p.invoices_csv)]
        return args, base_invoices, str(int(base_invoices) + p.rows)

    def payments_setup(work: Path) -> tuple[list[str], str, str]:
        db = copy_base(work)
        args = ["--database", str(db), "import", "payments", str(p.payments_csv)]
        return args, base_payments, str(int(base_payments) + p.rows // 4)

    def restore_setup(work: Path) -> tuple[list[str], str, str]:
        db = copy_base(work)
        args = ["--database", str(db), "restore", str(p.bigger)]
        return args, base_invoices, str(int(base_invoices) + p.rows)

    def init_setup(work: Path) -> tuple[list[str], str, str]:
        args = ["--database", str(work / "d.relance"), "init", "--company", "Neuve SARL"]
        return args, ABSENT, "0"

    def demo_setup(work: Path) -> tuple[list[str], str, str]:
        args = ["--database", str(work / "d.relance"), "demo", "--clients", "20"]
        return [*args, "--invoices", "600", "--as-of", AS_OF], ABSENT, "20"

    def letters_setup(work: Path) -> tuple[list[str], str, str]:
        db = copy_base(work)
        out = work / "out"
        out.mkdir(exist_ok=True)
        return ["--database", str(db), "letters", "--as-of", AS_OF, "--out", str(out)], "", ""

    def letters_state(work: Path) -> str:
        for pdf in (work / "out").glob("[!.]*.pdf"):
            data = pdf.read_bytes()
            assert data.startswith(b"%PDF-"), f"{pdf.name} is not a PDF"
            assert b"%%EOF" in data[-1024:], f"{pdf.name} is cut short"
        dossier_state(work / "d.relance")
        return ""

    def invoices(work: Path) -> str:
        return dossier_state(work / "d.relance")

    def payments(work: Path) -> str:
        return dossier_state(work / "d.relance", "payments")

    return [
        Scenario("import", import_setup, invoices),
        Scenario("payments", payments_setup, payments),
        Scenario("restore", restore_setup, invoices),
        Scenario("init", init_setup, lambda w: dossier_state(w / "d.relance", "clients")),
        Scenario("demo", demo_setup, lambda w: dossier_state(w / "d.relance", "clients")),
        Scenario("letters", letters_setup, letters_state),
    ]


def _duration(scenario: Scenario, work: Path) -> float:
    """One full run: how long the command takes, and that it ends in the `after` state."""
    args, _before, after = scenario.setup(work)
    started = time.monotonic()
    relance(work / "home", *args)
    took = time.monotonic() - started
    state = scenario.state(work)
    assert state == after, f"{scenario.name}: a full run ends with {state}, expected {after}"
    if scenario.name == "letters":
        assert list((work / "out").glob("[!.]*.pdf")), "a full run wrote no letter"
    return took


def run_scenario(
    scenario: Scenario, folder: Path, runs: int, rng: random.Random, window: tuple[float, float]
) -> Outcome:
    """`runs` kills, each at a moment drawn uniformly in `window` seconds after the start."""
    outcome = Outcome(scenario.name)
    carried: list[tuple[str, bytes]] = []  # the scratch files a killed `letters` left
    for index in range(runs):
        work = folder / f"{scenario.name}-{index}"
        work.mkdir()
        args, before, after = scenario.setup(work)
        for name, data in carried:
            (work / "out" / name).write_bytes(data)
        process = subprocess.Popen(
            [sys.executable, "-m", "app", *args],
            env=_env(work / "home"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(*window))
        outcome.runs += 1
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            outcome.killed += 1
        else:
            outcome.finished += 1
        process.wait()
        try:
            state = scenario.state(work)
            assert state in (before, after), f"state {state}: neither {before} nor {after}"
            if scenario.name == "letters" and process.returncode == 0:
                left = list((work / "out").glob(".relance-*"))
                assert not left, f"scratch files left after a full run: {left}"
            if state == before:
                outcome.before += 1
            else:
                outcome.after += 1
        except (AssertionError, sqlite3.DatabaseError) as error:
            outcome.failures.append(f"run {index}: {error}")
        if scenario.name == "letters":
            carried = [(f.name, f.read_bytes()) for f in (work / "out").glob(".relance-*")]
        shutil.rmtree(work, ignore_errors=True)
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="kills per scenario")
    parser.add_argument("--rows", type=int, default=20000, help="rows of the imported CSV")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", nargs="*", help="scenario names")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="relance-kill9-") as scratch:
        folder = Path(scratch)
        prepared = prepare(folder / "prepared", args.rows)
        failed = False
        print("| scenario | runs | killed | finished first | before | after | failures |")
        print("|---|---|---|---|---|---|---|")
        for scenario in scenarios(prepared):
            if args.only and scenario.name not in args.only:
                continue
            calibration = folder / f"{scenario.name}-full"
            calibration.mkdir()
            took = _duration(scenario, calibration)
            window = (0.25 * took, 1.1 * took)  # past the interpreter's start, and a bit beyond
            outcome = run_scenario(scenario, folder, args.runs, rng, window)
            failed = failed or bool(outcome.failures)
            print(
                f"| {scenario.name} (full run {took:.1f} s) | {outcome.runs} | {outcome.killed} "
                f"| {outcome.finished} | {outcome.before} | {outcome.after} "
                f"| {len(outcome.failures)} |",
                flush=True,
            )
            for failure in outcome.failures:
                print(f"    {failure}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
