"""The head of a file to import, for the wizard: its header, first rows, encoding and delimiter,
and the column each header would be read as. Nothing is checked here; the dry run does that."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from app.domain.errors import InvalidInput, Problem
from app.i18n import _
from app.services.transfer.importers import aliases, xlsx
from app.services.transfer.importers.reading import decode, sniff_delimiter
from app.services.transfer.importers.service import KINDS
from app.services.transfer.sources.fec_reading import decode_fec


@dataclass(frozen=True)
class FilePreview:
    file: str
    encoding: str  # "xlsx" for a spreadsheet
    delimiter: str  # "" for a spreadsheet
    header_line: int
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)  # a workbook's worksheets, in tab order
    sheet: str | None = None  # the sheet read (None: the first)

    def guesses(self, kind: str) -> list[str]:
        """The column each header is read as without a mapping ('' when none)."""
        module = KINDS[kind]
        known = getattr(module, "READ", module.COLUMNS)
        named = aliases.resolve(kind, known, self.headers, None, self.file, self.header_line)
        return [name if name in known else "" for name in named.columns]

    def best_kind(self) -> str:
        """The kind whose required columns the headers cover best (invoices on a tie)."""

        def score(kind: str) -> tuple[int, int, int]:
            found = set(self.guesses(kind))
            required = KINDS[kind].REQUIRED
            covered = sum(1 for name in required if name in found)
            return (covered == len(required), covered - len(required), len(found - {""}))

        order = ("invoices", "clients", "payments", "reminders")
        return max(order, key=lambda kind: (score(kind), -order.index(kind)))


def source_kind(path: Path) -> str | None:
    """'facturx' for a PDF or XML e-invoice, 'fec' for a FEC (its 18-column header with
    JournalCode and EcritureNum), None for a table the columns are mapped from."""
    path = Path(path)
    if path.suffix.lower() in (".pdf", ".xml"):
        return "facturx"
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError:
        return None
    if head.startswith((xlsx.ZIP_MAGIC, xlsx.OLE_MAGIC)):
        return None
    first = decode_fec(head, str(path))[0].lstrip("\ufeff").split("\n", 1)[0].lower()
    names = {name.strip() for name in first.replace("|", "\t").split("\t")}
    return "fec" if {"journalcode", "ecriturenum", "comptenum"} <= names else None


def columns_of(kind: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(every column the kind reads, the required ones)."""
    module = KINDS[kind]
    return getattr(module, "READ", module.COLUMNS), module.REQUIRED


def preview(path: Path, rows: int = 8, sheet: str | None = None) -> FilePreview:
    """The header and the first `rows` data rows (of the sheet called `sheet` in a workbook,
    its first when None); an unreadable file raises InvalidInput."""
    path = Path(path)
    file = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InvalidInput(
            Problem(_("cannot read the file ({detail})").format(detail=error.strerror), file=file)
        ) from error
    if xlsx.is_spreadsheet(path, data):
        sheets = xlsx.sheet_names(data, file)
        line, header, body = xlsx.read_sheet(data, file, sheet)
        first = [cells for _line, cells in islice(body, rows * 4) if any(cells)][:rows]
        return FilePreview(file, "xlsx", "", line, header, first, sheets, sheet)
    text, encoding = decode(data, file)
    if not text.strip():
        raise InvalidInput(Problem(_("the file is empty: a header row is expected"), file=file))
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lstrip("\ufeff") for name in next(reader)]
        first = [row for row in islice(reader, rows * 4) if any(c.strip() for c in row)][:rows]
    except csv.Error as error:
        raise InvalidInput(Problem(str(error), file=file)) from error
    return FilePreview(file, encoding, delimiter, 1, header, first)
