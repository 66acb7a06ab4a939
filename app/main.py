"""The program: the window by default, a headless command when one is named (`app.cli`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["--mapi-child"]:  # the installers' executable sending one email
        from app.adapters.mail.mapi_child import main as mapi_child

        return mapi_child(args_list[1:])
    from app.cli import main as cli_main

    return cli_main(args_list, open_window=_open_window)


def _open_window(args: argparse.Namespace) -> int:
    from app.ui.app import run_gui

    return run_gui(args.database, args.lang, args.paths, smoke_test=args.smoke_test)
