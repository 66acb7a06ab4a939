"""A list as a spreadsheet that opens right: CSV for Excel in the user's locale, or XLSX.

CSV (the window's default): UTF-8 with a byte order mark (Excel then reads the accents), in
French `;` between cells, dates dd/mm/yyyy and a decimal comma; in English `,`, ISO dates and a
decimal point. XLSX: real date and number cells (two decimals for amounts), a bold header, the
first row frozen, columns as wide as their content. Text that a spreadsheet would take for a
formula (starting with =, +, -, @, a tab or a carriage return) stays text: a string cell in
XLSX, a leading apostrophe in CSV. `relance export` keeps its own format (exporters.py).
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.domain.errors import InvalidInput, Problem
from app.i18n import _

TEXT, DATE, MONEY, INTEGER = "text", "date", "money", "integer"
CSV, XLSX = "csv", "xlsx"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_ROWS = 1_048_575  # Excel's sheet, less the header
Cell = str | date | Decimal | int | None


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = TEXT


@dataclass
class Sheet:
    """One list as the screen shows it: a title (the sheet's name), columns and rows."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Cell]] = field(default_factory=list)


@dataclass(frozen=True)
class Locale:
    delimiter: str
    decimal: str
    date_format: str  # strftime for CSV
    excel_date: str  # number format of XLSX date cells


LOCALES = {
    "fr": Locale(";", ",", "%d/%m/%Y", "dd/mm/yyyy"),
    "en": Locale(",", ".", "%Y-%m-%d", "yyyy-mm-dd"),
}


def _unwritable(path: Path, error: OSError) -> InvalidInput:
    # Imported here: the window's File menu reads CSV and XLSX at start-up, not the exporters.
    from app.services.transfer.exporters import unwritable

    return unwritable(path, error)


def locale_of(lang: str) -> Locale:
    return LOCALES.get(lang[:2], LOCALES["en"])


def neutralised(text: str) -> str:
    """Text that would be read as a formula, prefixed so that it stays text."""
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_cell(value: Cell, kind: str, locale: Locale) -> str:
    if value is None:
        return ""
    if kind == DATE and isinstance(value, date):
        return value.strftime(locale.date_format)
    if kind == MONEY and isinstance(value, Decimal | int):
        text = f"{Decimal(value).quantize(Decimal('0.01')):f}"
        return text.replace(".", locale.decimal)
    if kind == INTEGER and isinstance(value, int | Decimal):
        return str(value)
    return neutralised(str(value))


def write_sheet(sheet: Sheet, path: Path, fmt: str, lang: str) -> int:
    """Write the list (the file appears whole or not at all); returns the data rows written."""
    path = Path(path)
    if fmt not in (CSV, XLSX):
        raise InvalidInput(_("unknown export format {format}").format(format=fmt))
    if fmt == XLSX and len(sheet.rows) > XLSX_MAX_ROWS:
        raise InvalidInput(
            Problem(
                _("{count} rows do not fit in an Excel sheet: export as CSV").format(
                    count=len(sheet.rows)
                ),
                file=str(path),
            )
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        os.close(handle)
    except OSError as error:
        raise _unwritable(path, error) from error
    temporary = Path(name)
    try:
        if fmt == CSV:
            _write_csv(sheet, temporary, locale_of(lang))
        else:
            _write_xlsx(sheet, temporary, locale_of(lang))
        os.replace(temporary, path)
    except OSError as error:
        raise _unwritable(path, error) from error
    finally:
        temporary.unlink(missing_ok=True)
    return len(sheet.rows)


def _write_csv(sheet: Sheet, path: Path, locale: Locale) -> None:
    kinds = [c.kind for c in sheet.columns]
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=locale.delimiter, lineterminator="\r\n")
        writer.writerow([neutralised(c.title) for c in sheet.columns])
        for row in sheet.rows:
            writer.writerow([csv_cell(v, k, locale) for v, k in zip(row, kinds, strict=True)])


def _width(value: Cell, kind: str) -> int:
    if value is None:
        return 0
    if kind == DATE:
        return 10
    if kind == MONEY and isinstance(value, Decimal | int):
        return len(f"{Decimal(value):,.2f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _write_xlsx(sheet: Sheet, path: Path, locale: Locale) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    page = book.create_sheet(_safe_title(sheet.title))
    kinds = [c.kind for c in sheet.columns]
    widths = [len(c.title) + 2 for c in sheet.columns]
    for row in sheet.rows[:2000]:  # a sample is enough to size the columns
        for index, (value, kind) in enumerate(zip(row, kinds, strict=True)):
            widths[index] = max(widths[index], _width(value, kind) + 2)
    for index, width in enumerate(widths, start=1):
        page.column_dimensions[get_column_letter(index)].width = min(max(width, 8), 60)
    page.freeze_panes = "A2"
    if sheet.columns:
        last = get_column_letter(len(sheet.columns))
        page.auto_filter.ref = f"A1:{last}{len(sheet.rows) + 1}"
    bold = Font(bold=True)
    header = []
    for column in sheet.columns:
        cell = WriteOnlyCell(page, value=column.title)
        cell.data_type = "s"
        cell.font = bold
        header.append(cell)
    page.append(header)
    formats = {DATE: locale.excel_date, MONEY: "#,##0.00", INTEGER: "0"}
    styles = {}  # one styled cell per kind; its style is shared (cells are written at once)
    for kind, number_format in formats.items():
        prototype = WriteOnlyCell(page, value=0)
        prototype.number_format = number_format
        styles[kind] = prototype._style
    for row in sheet.rows:
        cells: list[Any] = []
        for value, kind in zip(row, kinds, strict=True):
            if isinstance(value, str):
                if value.startswith("="):  # openpyxl would write a formula
                    cell = WriteOnlyCell(page, value=value)
                    cell.data_type = "s"
                    cells.append(cell)
                else:
                    cells.append(value)
            elif value is None or kind not in styles:
                cells.append(value)
            else:
                cell = WriteOnlyCell(page, value=value)
                cell._style = styles[kind]
                cells.append(cell)
        page.append(cells)
    book.save(path)


def _safe_title(title: str) -> str:
    """Excel refuses these characters in a sheet name and more than 31 of them."""
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return title.strip()[:31] or "Relance"
