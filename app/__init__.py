"""Relance: offline receivables manager."""

from __future__ import annotations


def _version() -> str:
    """pyproject's version: from the installed metadata (also in the frozen app), else the file."""
    from importlib import metadata

    try:
        return metadata.version("relance")
    except metadata.PackageNotFoundError:
        pass
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
    except (OSError, KeyError, ValueError):
        return "0+unknown"


def __getattr__(name: str) -> str:
    """`app.__version__`, read when first asked for: reading the installed metadata costs
    every command's start-up a few hundredths of a second (see docs/performance.md)."""
    if name == "__version__":
        version = _version()
        globals()["__version__"] = version
        return version
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
