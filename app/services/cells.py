"""Cells written for a spreadsheet: text that a spreadsheet would run as a formula is defused.

Per OWASP (CSV injection): a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
return is prefixed with `'` in a CSV meant to be opened in a spreadsheet, and written as a
string cell (never a formula) in an XLSX file. Plain numbers (`-12.50`) stay numbers. The
round-trip CSV of `relance export` is a data file read back by the importer: it keeps raw
values (docs/exports.md).
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
# What XML 1.0 cannot hold (an XLSX file is XML): control characters but tab and line breaks.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def spreadsheet_text(value: str) -> str:
    """A text for a CSV meant for spreadsheets: a formula-looking text gets a leading `'`."""
    if value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
        return "'" + value
    return value


def spreadsheet_row(values: list[Any]) -> list[Any]:
    return [spreadsheet_text(v) if isinstance(v, str) else v for v in values]


def xml_text(value: str) -> str:
    """The text without the characters XML cannot hold (a NUL in a name would break the file)."""
    return _NOT_XML.sub("\ufffd", value)


def append_row(sheet: Any, values: list[Any]) -> None:
    """`sheet.append` where every text is a string cell (data type `s`), never a formula."""
    sheet.append([xml_text(v) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
