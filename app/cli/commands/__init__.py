"""The headless sub-commands, one module per topic; each handler takes the services and its args.

Only the module of the command being run is imported (`handler`): `relance aging` does not
load what `letters` or `import` need (start-up time, see docs/performance.md)."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("dossier", "cmd_init"),
    "aging": ("aging", "cmd_aging"),
    "import": ("transfer", "cmd_import"),
    "export": ("transfer", "cmd_export"),
    "demo": ("dossier", "cmd_demo"),
    "backup": ("dossier", "cmd_backup"),
    "restore": ("dossier", "cmd_restore"),
    "claim": ("claims", "cmd_claim"),
    "agenda": ("followup", "cmd_agenda"),
    "record": ("followup", "cmd_record"),
    "letters": ("followup", "cmd_letters"),
    "forecast": ("aging", "cmd_forecast"),
    "statement": ("documents", "cmd_statement"),
    "dossier": ("documents", "cmd_dossier"),
}
"""Each command's module in `app.cli.commands` and its handler's name."""


def handler(command: str) -> Callable[..., int]:
    """The handler of `command`, its module imported now."""
    module, name = COMMANDS[command]
    found: Callable[..., int] = getattr(import_module(f"{__name__}.{module}"), name)
    return found
