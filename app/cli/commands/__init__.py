"""The headless sub-commands, one module per topic; each handler takes the services and its args."""

from __future__ import annotations

from collections.abc import Callable

from app.cli.commands.aging import cmd_aging, cmd_forecast
from app.cli.commands.claims import cmd_claim
from app.cli.commands.documents import cmd_dossier, cmd_statement
from app.cli.commands.dossier import cmd_backup, cmd_demo, cmd_init, cmd_restore
from app.cli.commands.followup import cmd_agenda, cmd_letters, cmd_record
from app.cli.commands.transfer import cmd_export, cmd_import

COMMANDS: dict[str, Callable[..., int]] = {
    "init": cmd_init,
    "aging": cmd_aging,
    "import": cmd_import,
    "export": cmd_export,
    "demo": cmd_demo,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "claim": cmd_claim,
    "agenda": cmd_agenda,
    "record": cmd_record,
    "letters": cmd_letters,
    "forecast": cmd_forecast,
    "statement": cmd_statement,
    "dossier": cmd_dossier,
}
