"""Reading an export as bookkeepers send them (CSV: encoding, delimiter and header detected;
XLSX: the first sheet); the one place import rows come from."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.errors import InvalidInput, Problem
from app.i18n import _
from app.services.transfer.importers import aliases, xlsx
from app.services.transfer.importers.source import decode, read_bytes

__all__ = ["CsvTable", "Record", "decode", "read_table", "sniff_delimiter"]

DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class Record:
    """One data row: its line number in the file and its cells by (lower-case) column name."""

    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()


@dataclass
class CsvTable:
    file: str
    encoding: str
    delimiter: str
    columns: list[str]
    records: list[Record]
    warnings: list[Problem] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # column → the file's own header
    headers: list[str] = field(default_factory=list)  # the header row as written


def sniff_delimiter(header_line: str) -> str:
    """The delimiter that splits the header into the most columns (outside quotes)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_table(
    path: Path,
    known: tuple[str, ...],
    required: tuple[str, ...],
    kind: str = "",
    mapping: dict[str, str] | None = None,
    sheet: str | None = None,
) -> CsvTable:
    """Read the whole file (CSV, or an XLSX's sheet called `sheet`, its first when None);
    headers are named through `aliases` and `mapping`; missing required columns or an
    unreadable file reject it."""
    file = str(path)
    data = read_bytes(path)
    spec = (known, required, kind, mapping)
    if xlsx.is_spreadsheet(path, data):
        line, header, rows = xlsx.read_sheet(data, file, sheet)

        def sheet_records(columns: list[str], problems: list[Problem]) -> Iterator[Record]:
            return _sheet_records(rows, columns, file, problems)

        return _table(file, ("xlsx", ""), header, spec, sheet_records, header_line=line)
    if sheet is not None:
        raise InvalidInput(
            Problem(_("this is not a spreadsheet: only a workbook has sheets to choose"), file=file)
        )
    text, encoding = decode(data, file)
    first_line = text.split("\n", 1)[0]
    if not text.strip():
        raise InvalidInput(Problem(_("the file is empty: a header row is expected"), file=file))
    delimiter = sniff_delimiter(first_line)
    lines = _Lines(text)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except csv.Error as error:
        raise InvalidInput(Problem(str(error), file=file, line=1)) from error

    def csv_records(columns: list[str], problems: list[Problem]) -> Iterator[Record]:
        return _records(reader, lines, columns, file, problems)

    header = [name.lstrip("\ufeff") for name in header]
    return _table(file, (encoding, delimiter), header, spec, csv_records)


_Spec = tuple[tuple[str, ...], tuple[str, ...], str, dict[str, str] | None]
_Reader = Callable[[list[str], list[Problem]], Iterator[Record]]


def _table(
    file: str,
    format_: tuple[str, str],
    header: list[str],
    spec: _Spec,
    read: _Reader,
    header_line: int = 1,
) -> CsvTable:
    """Name the header's columns, check the required ones, then read every row."""
    known, required, kind, mapping = spec
    named = aliases.resolve(kind, known, header, mapping, file, header_line)
    problems = list(named.problems)
    columns = named.columns
    for name in required:
        if name not in columns:
            problems.append(
                Problem(
                    _("required column missing from the header"),
                    file=file,
                    line=header_line,
                    column=name,
                )
            )
    if problems:
        raise InvalidInput(problems)
    records = list(read(columns, problems))
    if problems:
        raise InvalidInput(problems)
    table = CsvTable(file, *format_, columns, records, named.warnings)
    table.labels = named.labels
    table.headers = list(header)
    return table


def _sheet_records(
    rows: Iterator[tuple[int, list[str]]], columns: list[str], file: str, problems: list[Problem]
) -> Iterator[Record]:
    """A sheet's rows: empty trailing cells are simply not there; cells beyond the header's
    columns are an error when they hold something."""
    width = len(columns)
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            problems.append(
                Problem(
                    _(
                        "this row has {cells} cells but the header has {columns} columns "
                        "(an empty cell clears a value, a missing one is an error)"
                    ).format(cells=len(row), columns=width),
                    file=file,
                    line=line,
                )
            )
            continue
        yield Record(line, {name: value for name, value in zip(columns, row, strict=False) if name})


class _Lines:
    """The file's lines as the csv reader takes them, keeping those of the row being read."""

    def __init__(self, text: str) -> None:
        self._lines = iter(io.StringIO(text, newline=""))
        self.taken: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.taken.append(line)
        return line


def _records(
    reader: Iterator[list[str]],
    lines: _Lines,
    columns: list[str],
    file: str,
    problems: list[Problem],
) -> Iterator[Record]:
    width = len(columns)
    line = 1
    while True:
        start = line + 1
        lines.taken.clear()
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            problems.append(_quote_problem(lines.taken, start, file, str(error)))
            return
        line = reader.line_num  # type: ignore[attr-defined]
        if not any(cell.strip() for cell in row):
            continue
        swallowed = (
            _swallowed_row(row, start, width, reader.dialect.delimiter)  # type: ignore[attr-defined]
            if len(lines.taken) > 1  # only a row over several lines can hide another
            else None
        )
        if swallowed:
            problems.append(
                Problem(
                    _(
                        "the quoted cell opened on this line runs over line {line}, which "
                        "looks like a row of its own: is a closing quote missing?"
                    ).format(line=swallowed[1]),
                    file=file,
                    line=swallowed[0],
                )
            )
            continue
        if len(row) != width and (len(row) < width or any(c.strip() for c in row[width:])):
            problems.append(
                Problem(
                    _(
                        "this row has {cells} cells but the header has {columns} columns "
                        "(an empty cell clears a value, a missing one is an error)"
                    ).format(cells=len(row), columns=width),
                    file=file,
                    line=start,
                )
            )
            continue
        yield Record(
            start, {name: value for name, value in zip(columns, row, strict=False) if name}
        )


def _quote_problem(taken: list[str], start: int, file: str, detail: str) -> Problem:
    """Strict reading stopped: name the line where the faulty quoted cell opened."""
    quoted, opened, closed_at = False, start, (-1, -1)
    for offset, text in enumerate(taken):
        for index, char in enumerate(text):
            if char != '"':
                continue
            if quoted:
                quoted, closed_at = False, (offset, index)
            else:
                quoted = True
                if closed_at != (offset, index - 1):  # '""' inside a cell is a quote
                    opened = start + offset
    if quoted and "end of data" in detail:
        message = _("the quote opened on this line is never closed: a closing quote is missing")
    else:
        message = _(
            "the quoted cell opened on this line ends in the middle of a cell: a closing quote "
            "is missing, or a quote inside the cell is not doubled"
        )
    return Problem(message, file=file, line=opened)


def _swallowed_row(
    row: list[str], start: int, width: int, delimiter: str
) -> tuple[int, int] | None:
    """(opening line, swallowed line) when a multi-line cell holds a line shaped like a row."""
    line = start
    for cell in row:
        parts = cell.split("\n")
        for offset, text in enumerate(parts[1:], start=1):
            fields = text.rstrip("\r").split(delimiter)
            head = fields[0].strip()
            if width > 1 and len(fields) == width and head and not any(c.isspace() for c in head):
                return line, line + offset
        line += len(parts) - 1
    return None
