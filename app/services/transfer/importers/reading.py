"""Reading an export as bookkeepers send them (CSV: encoding, delimiter and header detected;
XLSX: the first sheet); the one place import rows come from."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.errors import InvalidInput, Problem
from app.i18n import _
from app.services.transfer.importers import aliases, xlsx

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


def decode(data: bytes, file: str) -> tuple[str, str]:
    """UTF-8 (with or without BOM), else Windows-1252; UTF-16 with a BOM is accepted too."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        raise InvalidInput(
            Problem(
                _("cannot read the file: it is neither UTF-8 nor Windows-1252 text"),
                file=file,
                line=data[: error.start].count(b"\n") + 1,
            )
        ) from error


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
) -> CsvTable:
    """Read the whole file (CSV, or the first sheet of an XLSX); headers are named through
    `aliases` and `mapping`; missing required columns or an unreadable file reject it."""
    file = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InvalidInput(
            Problem(_("cannot read the file ({detail})").format(detail=error.strerror), file=file)
        ) from error
    if xlsx.is_spreadsheet(path, data):
        line, header, rows = xlsx.read_sheet(data, file)
        spec = (known, required, kind, mapping)
        return _table(file, "xlsx", "", header, rows, spec, header_line=line)
    text, encoding = decode(data, file)
    first_line = text.split("\n", 1)[0]
    if not text.strip():
        raise InvalidInput(Problem(_("the file is empty: a header row is expected"), file=file))
    delimiter = sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as error:
        raise InvalidInput(Problem(str(error), file=file, line=1)) from error
    header = [name.lstrip("\ufeff") for name in header]
    problems: list[Problem] = []
    rows = _csv_rows(reader, file, problems)
    spec = (known, required, kind, mapping)
    return _table(file, encoding, delimiter, header, rows, spec, problems)


_Spec = tuple[tuple[str, ...], tuple[str, ...], str, dict[str, str] | None]


def _table(
    file: str,
    encoding: str,
    delimiter: str,
    header: list[str],
    rows: Iterator[tuple[int, list[str]]],
    spec: _Spec,
    problems: list[Problem] | None = None,
    header_line: int = 1,
) -> CsvTable:
    known, required, kind, mapping = spec
    problems = [] if problems is None else problems
    named = aliases.resolve(kind, known, header, mapping, file, header_line)
    problems.extend(named.problems)
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
    records = list(_records(rows, columns, file, problems))
    if problems:
        raise InvalidInput(problems)
    table = CsvTable(file, encoding, delimiter, columns, records, named.warnings)
    table.labels = named.labels
    table.headers = list(header)
    return table


def _csv_rows(
    reader: Iterator[list[str]], file: str, problems: list[Problem]
) -> Iterator[tuple[int, list[str]]]:
    line = 1
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            problems.append(Problem(str(error), file=file, line=start))
            return
        line = reader.line_num  # type: ignore[attr-defined]
        yield start, row


def _records(
    rows: Iterator[tuple[int, list[str]]], columns: list[str], file: str, problems: list[Problem]
) -> Iterator[Record]:
    width = len(columns)
    for start, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            problems.append(
                Problem(
                    _("this row has {cells} cells but the header has {columns} columns").format(
                        cells=len(row), columns=width
                    ),
                    file=file,
                    line=start,
                )
            )
            continue
        yield Record(
            start, {name: value for name, value in zip(columns, row, strict=False) if name}
        )
