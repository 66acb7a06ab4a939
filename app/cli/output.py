"""What every command shares: argument types, the day taken as today, tables and JSON out."""

from __future__ import annotations

import argparse
import json
from datetime import date
from decimal import Decimal, InvalidOperation

from app.i18n import format_number


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def column_map(text: str) -> dict[str, str]:
    """`--map 'N° facture=number,Divers='`: header → column; an empty column ignores it."""
    mapping: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        header, sign, column = part.rpartition("=")
        if not sign or not header.strip():
            raise argparse.ArgumentTypeError(f"expected HEADER=column, got {part!r}")
        mapping[header.strip()] = column.strip()
    return mapping


def percent(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation as exc:
        raise argparse.ArgumentTypeError(f"not a percentage: {text!r}") from exc
    return value


_today: date | None = None


def set_today(value: date | None) -> None:
    """The day `--today` (or RELANCE_TODAY) names; None: the computer's date."""
    global _today  # one process, one command, one "today"
    _today = value


def today() -> date:
    """The day the command takes as today: what is done, late or due is judged from it."""
    if _today is not None:
        return _today
    return date.today()  # noqa: DTZ011 - the user's calendar day is what they mean by today


def count_text(n: int) -> str:
    """'1 500' in French, '1,500' in English."""
    return format_number(Decimal(n), decimals=0)


def emit(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def print_table(headers: list[str], rows: list[list[str]], right: set[int] | None = None) -> None:
    """Aligned columns; numbers (by default every column after the first two) to the right."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(str(c))) for w, c in zip(widths, row, strict=False)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        cells = []
        for index, (cell, width) in enumerate(zip(row, widths, strict=False)):
            is_right = index >= 2 if right is None else index in right
            cells.append(str(cell).rjust(width) if is_right else str(cell).ljust(width))
        print("  ".join(cells))


_BREAKS = "\x7f\x85\u2028\u2029"
_CONTROL = {"\r": "\\r", "\n": "\\n", "\t": "\\t"}


def printable(text: str) -> str:
    """A value shown on one line of output: line breaks, tabs and other control characters
    are written as escapes, so a value can never forge a line or a column."""
    return "".join(
        _CONTROL.get(c, f"\\u{ord(c):04x}") if ord(c) < 32 or c in _BREAKS else c for c in text
    )
