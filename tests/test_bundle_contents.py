"""What the size trimming of the frozen app must never take away: the modules the code imports
by name, the chart backends of the export formats, the checks build.sh runs on the bundle."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from app.cli import commands
from app.services.analytics import export

ROOT = Path(__file__).resolve().parent.parent
BUILD_SH = ROOT / "packaging" / "build.sh"


def _bundle():
    spec = importlib.util.spec_from_file_location("bundle", ROOT / "packaging" / "bundle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bundle = _bundle()


@pytest.mark.parametrize("command", sorted(commands.COMMANDS))
def test_every_command_module_is_frozen(command: str) -> None:
    """`handler` imports the command's module by name: PyInstaller cannot see it."""
    module = f"{commands.__name__}.{commands.COMMANDS[command][0]}"
    assert module in bundle.HIDDEN_IMPORTS
    assert module not in bundle.EXCLUDES


def test_chart_exports_keep_their_matplotlib_backend() -> None:
    from matplotlib.backend_bases import _default_backends

    chart_formats = [kind for kind in export.FORMATS if kind in _default_backends]
    assert set(chart_formats) == {"png", "svg", "pdf"}
    for kind in chart_formats:
        if kind == "pdf":  # the aging PDF is drawn by ReportLab, with the chart as a PNG
            continue
        backend = _default_backends[kind]  # a module name, or its canvas once it was used
        module = backend if isinstance(backend, str) else backend.__module__
        assert module in bundle.HIDDEN_IMPORTS, kind  # imported by name
        assert _default_backends[kind] not in bundle.EXCLUDES, kind


def test_numpy_linear_algebra_is_kept() -> None:
    """numpy imports numpy.linalg itself and matplotlib inverts its transforms with it."""
    assert not [name for name in bundle.EXCLUDES if name.startswith("numpy.linalg")]
    assert bundle.keep("numpy/linalg/_umath_linalg.cpython-311-x86_64-linux-gnu.so")
    assert bundle.keep("numpy/linalg/lapack_lite.cpython-311-x86_64-linux-gnu.so")


def test_build_checks_size_numpy_window_and_letters() -> None:
    script = BUILD_SH.read_text(encoding="utf-8")
    assert re.search(r"MAX_MB=\$\{MAX_MB:-(\d+)\}", script).group(1) == "200"
    assert re.search(r"NUMPY_BLAS=\$\{NUMPY_BLAS:-(\w+)\}", script).group(1) == "none"
    assert "-Csetup-args=-Dblas=none" in script
    assert "-Csetup-args=-Dlapack=none" in script
    assert '-iname "*openblas*"' in script  # the built bundle carries no OpenBLAS
    assert '--database "$demo" --smoke-test' in script  # the window on the demo dossier
    assert "charts drawn" in script
    assert "letters --as-of 2026-12-05" in script
    assert "import facturx" in script
