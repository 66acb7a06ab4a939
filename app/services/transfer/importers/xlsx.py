"""One sheet of an XLSX workbook (the first unless named) as rows of text cells, numbered as the
spreadsheet shows them: date cells become YYYY-MM-DD, number cells exact decimals (a float cell
holding 0.30000000000000004 reads 0.3: amounts are never rounded through binary floats)."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Context, Decimal
from pathlib import Path
from typing import IO, Any
from zipfile import ZipFile

from app.domain.errors import InvalidInput, Problem
from app.i18n import _

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls
SUFFIXES = (".xlsx", ".xlsm")
log = logging.getLogger(__name__)
HEADER_SEARCH = 20  # a title above the header is skipped, up to this many rows

Rows = Iterator[tuple[int, list[str]]]


class UnsavedFormula(str):
    """A formula cell whose result the workbook does not keep (a file written by a program and
    never opened and saved by a spreadsheet): it reads as empty, and a value required there
    says why it is missing."""


UNSAVED = UnsavedFormula("")


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


def _check_archive(data: bytes, file: str) -> None:
    if data.startswith(OLE_MAGIC):
        raise InvalidInput(
            Problem(_("this is an old Excel .xls workbook: save it as .xlsx or CSV"), file=file)
        )
    if not data.startswith(ZIP_MAGIC):
        raise InvalidInput(
            Problem(_("not an XLSX spreadsheet: the file is not a zip archive"), file=file)
        )


def sheet_names(data: bytes, file: str) -> list[str]:
    """The names of the workbook's worksheets, in the order of its tabs (chart sheets left out)."""
    _check_archive(data, file)
    try:
        from openpyxl.reader.excel import ExcelReader

        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
        reader.read_manifest()
        reader.read_workbook()
        return [
            sheet.name
            for sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type
        ]
    except Exception as error:  # a damaged archive fails in many ways: zip, XML, keys
        raise InvalidInput(
            Problem(
                _("cannot read this spreadsheet ({detail})").format(detail=_detail(error)),
                file=file,
            )
        ) from error


def read_sheet(data: bytes, file: str, name: str | None = None) -> tuple[int, list[str], Rows]:
    """The header's row number, the header (the first row with two cells or more: a title
    above it is skipped) and an iterator over the rows below it, from the sheet called `name`
    (the first sheet when None)."""
    _check_archive(data, file)
    if name is not None:
        names = sheet_names(data, file)
        if name not in names:
            raise InvalidInput(
                Problem(
                    _("the workbook has no sheet named '{name}'; its sheets: {names}").format(
                        name=name, names=", ".join(f"'{n}'" for n in names)
                    ),
                    file=file,
                )
            )
    import openpyxl  # a second of start-up the other commands do not pay

    try:
        workbook, sheet = _open(openpyxl, data, name)
        rows = _rows(workbook, sheet, file)
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
                (row for row in _rows(workbook, sheet, file) if row[0] > first[0]),
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
    empty = (
        _("the first sheet is empty: a header row is expected")
        if name is None
        else _("the sheet '{name}' is empty: a header row is expected").format(name=name)
    )
    raise InvalidInput(Problem(empty, file=file, line=1))


@dataclass(frozen=True)
class _SheetPart:
    """One worksheet's XML in the archive, for `_sheet_rows`."""

    archive: ZipFile
    path: str
    _shared_strings: list[str]

    def _get_source(self) -> IO[bytes]:
        return self.archive.open(self.path)


def _open(openpyxl: Any, data: bytes, name: str | None = None) -> tuple[Any, Any]:
    """(the workbook, its sheet called `name` or its first). The workbook's parts are read one
    by one, because opening the whole workbook measures every sheet, which reads a sheet
    without a declared size (as some programs write them) from end to end. openpyxl opens it
    when that fails."""
    try:
        from openpyxl.reader.excel import ExcelReader
        from openpyxl.styles.stylesheet import apply_stylesheet

        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        for found, rel in reader.parser.find_sheets():
            worksheet = rel.target in reader.valid_files and "chartsheet" not in rel.Type
            if worksheet and (name is None or found.name == name):
                return reader.wb, _SheetPart(reader.archive, rel.target, reader.shared_strings)
    except Exception as error:  # noqa: BLE001 - openpyxl's own opening below says why
        log.debug("workbook parts unreadable one by one (%s): opened whole", error)
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = workbook.worksheets[0] if name is None else workbook[name]
    sheet.reset_dimensions()  # some programs write a wrong sheet size
    return workbook, sheet


def _rows(workbook: object, sheet: object, file: str) -> Rows:
    """The sheet's rows; read straight from its XML when openpyxl exposes what that needs (a
    quarter of the time), else through openpyxl's own reader."""
    needed = ("_date_formats", "_timedelta_formats", "epoch")
    if hasattr(sheet, "_get_source") and all(hasattr(workbook, name) for name in needed):
        return _guarded(_sheet_rows(workbook, sheet), file)
    values = sheet.iter_rows(values_only=True)  # type: ignore[attr-defined]
    return _numbered(values, file)


def _guarded(rows: Rows, file: str) -> Rows:
    line = 0
    try:
        for line, cells in rows:
            yield line, cells
    except Exception as error:
        raise InvalidInput(
            Problem(
                _("cannot read this spreadsheet ({detail})").format(detail=_detail(error)),
                file=file,
                line=line + 1,
            )
        ) from error


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _VALUE, _INLINE, _TEXT = f"{_MAIN}row", f"{_MAIN}v", f"{_MAIN}is", f"{_MAIN}t"
_FORMULA = f"{_MAIN}f"


def _sheet_rows(workbook: Any, sheet: Any) -> Rows:
    """Each <row> of the sheet's XML as text cells, the same values openpyxl would give."""
    from xml.etree.ElementTree import iterparse

    strings = sheet._shared_strings
    dates, durations, epoch = workbook._date_formats, workbook._timedelta_formats, workbook.epoch
    columns: dict[str, int] = {}
    seen_dates: dict[str, str] = {}  # serial → day: a sheet has few distinct days
    expected = 1
    with sheet._get_source() as source:
        for _event, element in iterparse(source):
            if element.tag != _ROW:
                continue
            number = int(element.get("r") or expected)
            while expected < number:  # rows the file leaves out are empty rows
                yield expected, []
                expected += 1
            cells: list[str] = []
            for cell in element:
                ref = cell.get("r")
                if ref:
                    letters = ref.rstrip("0123456789")
                    index = columns.get(letters)
                    if index is None:
                        index = columns[letters] = _column_index(letters)
                    if index > len(cells):
                        cells.extend([""] * (index - len(cells)))
                kind = cell.get("t", "n")
                if kind == "inlineStr":
                    node = cell.find(_INLINE)
                    text = "" if node is None else "".join(t.text or "" for t in node.iter(_TEXT))
                    cells.append(text)
                    continue
                value = cell.findtext(_VALUE)
                if not value:
                    cells.append(UNSAVED if cell.find(_FORMULA) is not None else "")
                elif kind == "n":
                    style = cell.get("s")
                    if style and int(style) in dates and int(style) not in durations:
                        day = seen_dates.get(value)
                        if day is None:
                            day = seen_dates[value] = serial_day(value, epoch)
                        cells.append(day)
                    else:
                        cells.append(number_text(value))
                elif kind == "s":
                    cells.append(cell_text(strings[int(value)]))
                elif kind == "b":
                    cells.append(str(bool(int(value))))
                elif kind == "d":
                    cells.append(value[:10])
                else:  # str (a formula's text), e (an error such as #N/A)
                    cells.append(value)
            element.clear()
            yield number, cells
            expected = number + 1


def number_text(text: str) -> str:
    """A number cell's stored text as the decimal the spreadsheet shows: integers as they
    are, others to 15 significant digits ('0.30000000000000004' → '0.3')."""
    if "." not in text and "E" not in text and "e" not in text:
        return str(int(text))
    value = _SHOWN.plus(Decimal(text)).normalize(_SHOWN)
    return format(value, "f")


def serial_day(text: str, epoch: Any) -> str:
    """A date cell's serial number as YYYY-MM-DD (its time of day left aside), counted as
    the workbook counts: from 1899-12-30 (with Excel's 29 February 1900), or from 1904."""
    serial = Decimal(text)
    base = epoch.date() if isinstance(epoch, datetime) else epoch
    if 0 <= serial < 1:  # a time of day alone
        return number_text(text)
    days = int(serial)
    if base == _WINDOWS_EPOCH and 0 < serial < _EXCEL_LEAP_DAY:
        days += 1  # Excel counts a 29 February 1900 that never was (not before 1900)
    return (base + timedelta(days=days)).isoformat()


_SHOWN = Context(prec=15)
_WINDOWS_EPOCH = date(1899, 12, 30)
_EXCEL_LEAP_DAY = 60


def _column_index(letters: str) -> int:
    """'A' → 0, 'Z' → 25, 'AA' → 26."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


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
