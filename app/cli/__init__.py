"""`relance` entry point: the window by default, headless sub-commands for scripts."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from app import i18n
from app.cli.output import column_map, iso_date, percent, set_today, today
from app.domain.errors import Conflict, DatabaseProblem, InvalidInput, NotFound, RelanceError
from app.i18n import _
from app.paths import Paths

log = logging.getLogger(__name__)

EXIT_OK, EXIT_USAGE, EXIT_REJECTED, EXIT_DATABASE = 0, 2, 3, 4
_COMMAND_NAMES = {
    "init",
    "demo",
    "import",
    "export",
    "aging",
    "agenda",
    "record",
    "claim",
    "letters",
    "forecast",
    "backup",
    "restore",
    "statement",
    "dossier",
}


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


class _Version(argparse._VersionAction):  # argparse's own, its help text included
    """`--version`, the version read only when asked for (start-up time)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        from app import __version__

        self.version = f"Relance {__version__}"
        super().__call__(parser, namespace, values, option_string)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="relance", description=_("Receivables and reminders, offline."))
    parser.add_argument("--database", help=_("SQLite file or database URL"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES)
    parser.add_argument(
        "--today", type=iso_date, help=_("the day taken as today (default: the computer's date)")
    )
    parser.add_argument("--smoke-test", action="store_true", help=_("build every view and exit"))
    parser.add_argument("--version", action=_Version)
    parser.add_argument(
        "--demo", action="store_true", help=_("open the demo dossier, creating it if needed")
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("init", help=_("create the dossier and its company settings"))
    p.add_argument("--company", required=True)
    p.add_argument("--country", default="FR", choices=("FR", "BE"))
    p.add_argument("--currency", default="EUR")
    p.add_argument("--lang", dest="company_lang", default="fr", choices=i18n.LANGUAGES)
    p.add_argument("--terms-days", type=int, default=30)
    p.add_argument("--late-interest-rate", type=percent)

    p = sub.add_parser("demo", help=_("fill the dossier with demo data"))
    p.add_argument("--clients", type=int, default=60)
    p.add_argument("--invoices", type=int, default=1500)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--as-of", type=iso_date)

    for name in ("import", "export"):
        p = sub.add_parser(name)
        kinds = ("clients", "invoices", "payments")
        p.add_argument(
            "kind", choices=(*kinds, "reminders", "fec", "facturx") if name == "import" else kinds
        )
        p.add_argument("file")
        if name == "import":
            p.add_argument("more_files", nargs="*", metavar="FILE")  # facturx: several files
            p.add_argument("--dry-run", action="store_true")
            p.add_argument("--map", dest="mapping", type=column_map, metavar="HEADER=column,…")
            p.add_argument("--sheet", metavar="NAME")
            p.add_argument("--allow-duplicates", action="store_true")
            p.add_argument("--create-clients", action="store_true")

    p = sub.add_parser("aging", help=_("aged receivables per client"))
    p.add_argument("--as-of", type=iso_date)
    p.add_argument("--format", default="table", choices=("table", "json", "csv"))

    p = sub.add_parser("agenda", help=_("planned follow-up actions"))
    p.add_argument("--from", dest="date_from", type=iso_date)
    p.add_argument("--to", dest="date_to", type=iso_date)
    p.add_argument("--format", default="table", choices=("table", "json", "ics"))

    p = sub.add_parser("record", help=_("record what became of one planned action"))
    p.add_argument("key")
    p.add_argument("outcome", choices=("done", "skipped", "snoozed"))
    p.add_argument("--date", dest="on", type=iso_date)
    p.add_argument("--until", type=iso_date)
    p.add_argument("--reason", default="")

    p = sub.add_parser("claim", help=_("what can be claimed on one invoice"))
    p.add_argument("invoice")
    p.add_argument("--as-of", type=iso_date)
    p.add_argument("--format", default="table", choices=("table", "json"))

    p = sub.add_parser("letters", help=_("the PDF letters due on a date"))
    p.add_argument("--as-of", type=iso_date, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--level")

    p = sub.add_parser("forecast", help=_("expected cash in per week"))
    p.add_argument("--weeks", type=int, default=12)
    p.add_argument("--as-of", type=iso_date)
    p.add_argument("--format", default="table", choices=("table", "json", "csv"))

    p = sub.add_parser("statement", help=_("statement of account of one client (PDF)"))
    p.add_argument("client", nargs="+")
    p.add_argument("--from", dest="date_from", type=iso_date)
    p.add_argument("--as-of", type=iso_date)
    p.add_argument("--out", required=True)
    p = sub.add_parser("dossier", help=_("collection file of one client (zip)"))
    p.add_argument("client")
    p.add_argument("--as-of", type=iso_date)
    p.add_argument("--out", required=True)

    p = sub.add_parser("backup", help=_("consistent copy of the dossier"))
    p.add_argument("file")
    p = sub.add_parser("restore", help=_("restore a backup after checking it"))
    p.add_argument("file")
    return parser


def main(
    argv: Sequence[str] | None = None,
    open_window: Callable[[argparse.Namespace], int] | None = None,
) -> int:
    """Run one headless command; with none, `open_window` (given by `app.main`) opens the UI."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(_peek_lang(args_list))
    try:
        args = build_parser().parse_args(args_list)
    except UsageError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exit_:  # --help
        return int(exit_.code or 0)
    if args.today is None and os.environ.get("RELANCE_TODAY"):
        try:
            args.today = iso_date(os.environ["RELANCE_TODAY"])
        except argparse.ArgumentTypeError as error:
            print(f"RELANCE_TODAY: {error}", file=sys.stderr)
            return EXIT_USAGE
    set_today(args.today)
    # The program's surroundings, read here once: the user's folders and the default dossier.
    args.paths = Paths.from_environment()
    if args.database is None:
        args.database = os.environ.get("RELANCE_DATABASE_URL") or None
    from app.logs import setup_logging

    setup_logging(args.paths.log_file, to_stderr=args.command is not None)
    if args.command is None:
        if open_window is None:
            build_parser().print_usage(sys.stderr)
            return EXIT_USAGE
        if args.demo:
            try:
                args.database = ensure_demo_dossier(args.lang, args.paths)
            except RelanceError as error:
                print(str(error), file=sys.stderr)
                return EXIT_DATABASE
        return open_window(args)
    try:
        return _dispatch(args)
    except InvalidInput as error:
        for problem in error.problems:
            print(str(problem), file=sys.stderr)
        return EXIT_REJECTED
    except (NotFound, Conflict) as error:
        print(str(error), file=sys.stderr)
        return EXIT_REJECTED
    except DatabaseProblem as error:
        print(str(error), file=sys.stderr)
        return EXIT_DATABASE
    except RelanceError as error:
        print(str(error), file=sys.stderr)
        return EXIT_REJECTED
    except UsageError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `relance agenda | head`: the reader went away, nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:  # a file or folder the system refused: one line, no traceback
        where = error.filename or args.database or ""
        print(f"{where}: {error.strerror or error}", file=sys.stderr)
        return EXIT_DATABASE


def _peek_lang(argv: list[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg in _COMMAND_NAMES:
            break
    return None


def _dispatch(args: argparse.Namespace) -> int:
    from app.cli.commands import handler
    from app.cli.opening import run

    return run(args, handler(args.command))


def ensure_demo_dossier(lang: str | None, paths: Paths) -> str:
    """The demo dossier in the user data folder, filled at first use."""
    from app.bootstrap import build

    path = paths.demo_dossier
    if path.exists():
        return str(path)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    services = build(str(partial), lang, paths)
    try:
        services.demo.generate(as_of=today())
    finally:
        services.close()
    for suffix in ("-wal", "-shm"):
        path.with_name(partial.name + suffix).unlink(missing_ok=True)
    partial.rename(path)
    return str(path)
