"""The first sheet of an XLSX workbook as rows of text cells, numbered as the spreadsheet shows
them: date cells become YYYY-MM-DD, number cells exact decimals (a float cell holding
0.30000000000000004 reads 0.3: amounts are never rounded through binary floats)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from app.domain.errors import InvalidInput, Problem
from app.i18n import _

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls
SUFFIXES = (".xlsx", ".xlsm")
HEADER_SEARCH = 20  # a title above the header is skipped, up to this many rows

Rows = Iterator[tuple[int, list[str]]]


def is_spreadsheet(path: Path, data: bytes) -> bool:
    """A zip archive, an old .xls or a file named .xlsx: read as a workbook (or refused as one)."""
    return data.startswith((ZIP_MAGIC, OLE_MAGIC)) or path.suffix.lower() in SUFFIXES


def cell_text(value: object) -> str:
    """One cell as the text a CSV would have held."""
    if value is None:
        return ""
    kind = type(value)
    if kind is str:
        return value  # type: ignore[return-value]
    if kind is float:
        return exact(value)  # type: ignore[arg-type]
    if kind is int:
        return str(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def exact(value: float) -> str:
    """The decimal a person typed: 15 significant digits, the precision a spreadsheet shows."""
    return format(Decimal(format(value, ".15g")), "f")


def read_sheet(data: bytes, file: str) -> tuple[int, list[str], Rows]:
    """The header's row number, the header (the first row with two cells or more: a title
    above it is skipped) and an iterator over the rows below it."""
    if data.startswith(OLE_MAGIC):
        raise InvalidInput(
            Problem(_("this is an old Excel .xls workbook: save it as .xlsx or CSV"), file=file)
        )
    if not data.startswith(ZIP_MAGIC):
        raise InvalidInput(
            Problem(_("not an XLSX spreadsheet: the file is not a zip archive"), file=file)
        )
    import openpyxl  # a second of start-up the other commands do not pay

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some programs write a wrong sheet size
        rows = _numbered(sheet.iter_rows(values_only=True), file)
        first: tuple[int, list[str]] | None = None
        for line, cells in rows:
            filled = sum(1 for cell in cells if cell.strip())
            if filled >= 2:
                return line, [cell.strip() for cell in cells], rows
            if filled and first is None:
                first = line, cells
            if line >= HEADER_SEARCH:
                break
        if first is not None:  # one column only: the sheet's first filled row is the header
            return (
                first[0],
                [cell.strip() for cell in first[1]],
                _numbered_after(sheet, first[0], file),
            )
    except InvalidInput:
        raise
    except Exception as error:  # a damaged archive fails in many ways: zip, XML, keys
        raise InvalidInput(
            Problem(
                _("cannot read this spreadsheet ({detail})").format(detail=_detail(error)),
                file=file,
            )
        ) from error
    raise InvalidInput(
        Problem(_("the first sheet is empty: a header row is expected"), file=file, line=1)
    )


def _numbered_after(sheet: object, line: int, file: str) -> Rows:
    values = sheet.iter_rows(min_row=line + 1, values_only=True)  # type: ignore[attr-defined]
    for number, cells in _numbered(values, file):
        yield line + number, cells


def _numbered(values: Iterator[tuple[object, ...]], file: str) -> Rows:
    line = 0
    try:
        for line, row in enumerate(values, start=1):
            yield line, [cell_text(value) for value in row]
    except Exception as error:
        raise InvalidInput(
            Problem(
                _("cannot read this spreadsheet ({detail})").format(detail=_detail(error)),
                file=file,
                line=line + 1,
            )
        ) from error


def _detail(error: Exception) -> str:
    return str(error) or type(error).__name__
