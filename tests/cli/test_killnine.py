"""A reduced run of the kill -9 harness (bench/killnine.py): one kill per scenario.

The real program is killed with SIGKILL during an import, a payments import, a restore, an
init, a demo and a letters run; each time the dossier passes `integrity_check` and holds the
state before or after the command, never in between.
"""

from __future__ import annotations

import importlib.util
import os
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.killnine,
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX"),
]


def _harness():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("killnine", ROOT / "bench" / "killnine.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["killnine"] = module
    spec.loader.exec_module(module)
    return module


def test_killed_at_random_moments_nothing_is_half_written(tmp_path: Path) -> None:
    harness = _harness()
    prepared = harness.prepare(tmp_path / "prepared", rows=2000)
    rng = random.Random(17)
    outcomes = []
    for scenario in harness.scenarios(prepared):
        calibration = tmp_path / f"{scenario.name}-full"
        calibration.mkdir()
        took = harness._duration(scenario, calibration)  # this machine's pace, not a guess
        window = (0.3 * took, 0.8 * took)
        outcome = harness.run_scenario(scenario, tmp_path, 1, rng, window)
        outcomes.append(outcome)
        assert outcome.failures == [], (scenario.name, outcome.failures)
    assert sum(o.runs for o in outcomes) == 6
    assert sum(o.killed for o in outcomes) >= 3
