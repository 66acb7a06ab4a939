"""Standing rules of the project, checked mechanically."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^    (python3 .+)$", readme, flags=re.MULTILINE)
    assert len(commands) >= 2
    install, run = commands[1].split(" && ", 1)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install in ci
    env, pytest_command = run.split(" ", 1)
    assert f"export {env}" in ci
    assert pytest_command in ci


def test_layers_are_respected() -> None:
    script = (
        "from importlinter.cli import lint_imports; raise SystemExit(lint_imports(no_cache=True))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 4 kept, 0 broken" in done.stdout


def test_no_float_in_money_layers() -> None:
    offenders = []
    for layer in ("domain", "db", "services"):
        for path in (ROOT / "app" / layer).rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if re.search(r"\bfloat\(", line) and "chart" not in line:
                    offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == []


def test_no_module_is_too_long() -> None:
    long = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "app").rglob("*.py")
        if p.parent.name != "versions" and len(p.read_text(encoding="utf-8").splitlines()) > 450
    ]
    assert long == []


def test_no_folder_holds_more_than_fifteen_modules() -> None:
    crowded = []
    for folder in (ROOT / "app").rglob("*"):
        if folder.is_dir() and folder.name not in ("versions", "__pycache__"):
            modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
            if len(modules) > 15:
                crowded.append(f"{folder.relative_to(ROOT)}: {len(modules)}")
    assert crowded == []


@pytest.mark.parametrize(
    "command",
    [["ruff", "check", "."], ["ruff", "format", "--check", "."]],
    ids=["lint", "format"],
)
def test_ruff_is_clean(command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_is_clean() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "app"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
