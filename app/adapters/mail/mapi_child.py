"""`python -m app.adapters.mail.mapi_child <json | @file>`: one MAPI call in its own process.

The exit code is the MAPI result (0 sent, 1 cancelled by the user, others: errors), or
NOT_AVAILABLE when there is no MAPI on this system.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app.adapters.mail.mapi import send_with_mapi

NOT_AVAILABLE = 90
BAD_INPUT = 91


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        return BAD_INPUT
    text = args[0]
    try:
        if text.startswith("@"):
            text = Path(text[1:]).read_text(encoding="utf-8")
        payload = json.loads(text)
    except (OSError, ValueError):
        return BAD_INPUT
    try:
        code = send_with_mapi(payload)
    except (OSError, AttributeError):
        return NOT_AVAILABLE
    return min(code, 255)


if __name__ == "__main__":
    raise SystemExit(main())
