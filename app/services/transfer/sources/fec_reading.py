"""Reading a FEC (Fichier des écritures comptables, art. A47 A-1 LPF) and checking it before
anything is written: 18 columns, tab or pipe separated, dates YYYYMMDD, decimal comma, UTF-8 or
ISO-8859-15, every entry balanced."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from app.domain.errors import InvalidInput, Problem
from app.domain.money import ZERO, parse_amount
from app.i18n import _, ngettext

COLUMNS = (
    "JournalCode",
    "JournalLib",
    "EcritureNum",
    "EcritureDate",
    "CompteNum",
    "CompteLib",
    "CompAuxNum",
    "CompAuxLib",
    "PieceRef",
    "PieceDate",
    "EcritureLib",
    "Debit",
    "Credit",
    "EcritureLet",
    "DateLet",
    "ValidDate",
    "Montantdevise",
    "Idevise",
)
REQUIRED = ("JournalCode", "EcritureNum", "EcritureDate", "CompteNum")
MAX_PROBLEMS = 500
_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


@dataclass(frozen=True)
class FecLine:
    """One line of an accounting entry, with its line number in the file."""

    line: int
    journal: str
    journal_label: str
    entry: str
    entry_date: date
    account: str
    account_label: str
    aux: str
    aux_label: str
    piece: str
    piece_date: date | None
    label: str
    debit: Decimal
    credit: Decimal
    letter: str
    letter_date: date | None

    @property
    def key(self) -> tuple[str, str]:
        """The entry this line belongs to (numbering may restart in each journal)."""
        return (self.journal, self.entry)


@dataclass(frozen=True)
class FecFile:
    file: str
    encoding: str
    delimiter: str
    lines: list[FecLine]


class _Problems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Problem] = []
        self.more = 0

    def add(self, line: int | None, column: str | None, message: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(message, file=self.file, line=line, column=column))
        else:
            self.more += 1

    def raise_if_any(self) -> None:
        if not self.items:
            return
        problems = list(self.items)
        if self.more:
            text = ngettext("… and {count} more problem", "… and {count} more problems", self.more)
            problems.append(Problem(text.format(count=self.more), file=self.file))
        raise InvalidInput(problems)


def decode_fec(data: bytes, file: str) -> tuple[str, str]:
    """UTF-8 (with or without BOM), else ISO-8859-15: the two encodings the decree allows (and
    Windows-1252, which some software writes instead, told apart by its bytes 0x80–0x9F)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if re.search(rb"[\x80-\x9f]", data):  # control codes in ISO-8859-15: Windows text
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return data.decode("iso-8859-15"), "iso-8859-15"


def read_fec(path: Path) -> FecFile:
    """Every line checked; raises InvalidInput naming file, line and column, nothing read."""
    file = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InvalidInput(
            Problem(_("cannot read the file ({detail})").format(detail=error.strerror), file=file)
        ) from error
    text, encoding = decode_fec(data, file)
    rows = text.splitlines()
    if not rows or not rows[0].strip():
        raise InvalidInput(Problem(_("the file is empty: a FEC header row is expected"), file=file))
    header = rows[0]
    delimiter = "\t" if "\t" in header else "|" if "|" in header else ""
    if not delimiter:
        raise InvalidInput(
            Problem(_("a FEC is separated by tabs or vertical bars (|)"), file=file, line=1)
        )
    problems = _Problems(file)
    index, signed = _header(header.split(delimiter), problems)
    problems.raise_if_any()
    lines: list[FecLine] = []
    for number, row in enumerate(rows[1:], start=2):
        if not row.strip():
            continue
        cells = row.split(delimiter)
        while len(cells) > len(COLUMNS) and not cells[-1].strip():
            cells.pop()  # a separator at the end of the line
        if len(cells) != len(COLUMNS):
            problems.add(
                number,
                None,
                _("{cells} fields on this line where the FEC has {columns} columns").format(
                    cells=len(cells), columns=len(COLUMNS)
                ),
            )
            continue
        values = {name: cells[index[name]].strip() for name in COLUMNS}
        parsed = _line(number, values, problems, signed)
        if parsed is not None:
            lines.append(parsed)
    if not problems.items:  # a skipped line would unbalance its entry for nothing
        _check_balance(lines, problems)
    problems.raise_if_any()
    return FecFile(file, encoding, delimiter, lines)


def _header(names: list[str], problems: _Problems) -> tuple[dict[str, int], bool]:
    """Where each column is; True when the file has Montant and Sens instead of Debit and
    Credit (the other layout the decree allows)."""
    while names and not names[-1].strip():
        names.pop()
    found = {name.strip().lstrip("\ufeff").lower(): i for i, name in enumerate(names)}
    signed = "debit" not in found and "montant" in found and "sens" in found
    if signed:
        found["debit"], found["credit"] = found["montant"], found["sens"]
    index: dict[str, int] = {}
    for name in COLUMNS:
        if name.lower() in found:
            index[name] = found[name.lower()]
        else:
            problems.add(1, name, _("column missing from the FEC header"))
    if len(names) != len(COLUMNS):
        problems.add(
            1,
            None,
            _("the header has {count} columns; a FEC has {expected}").format(
                count=len(names), expected=len(COLUMNS)
            ),
        )
    return index, signed


def _signed(number: int, cells: dict[str, str], problems: _Problems) -> tuple[Decimal, Decimal]:
    """Montant and Sens (D or C, +1 or -1) as a debit and a credit."""
    amount = _amount(number, "Montant", {"Montant": cells["Debit"]}, problems)
    direction = cells["Credit"].upper()
    if direction in ("D", "+1", "1"):
        return amount, ZERO
    if direction in ("C", "-1"):
        return ZERO, amount
    problems.add(
        number,
        "Sens",
        _("'{value}' is not a direction: D or C (or +1 or -1) expected").format(value=direction),
    )
    return ZERO, ZERO


def _line(
    number: int, cells: dict[str, str], problems: _Problems, signed: bool = False
) -> FecLine | None:
    before = len(problems.items) + problems.more
    for name in REQUIRED:
        if not cells[name]:
            problems.add(number, name, _("a value is required"))
    entry_date = _date(number, "EcritureDate", cells, problems)
    piece_date = _date(number, "PieceDate", cells, problems)
    letter_date = _date(number, "DateLet", cells, problems)
    _date(number, "ValidDate", cells, problems)
    if signed:
        debit, credit = _signed(number, cells, problems)
    else:
        debit = _amount(number, "Debit", cells, problems)
        credit = _amount(number, "Credit", cells, problems)
    if len(problems.items) + problems.more > before or entry_date is None:
        return None
    return FecLine(
        line=number,
        journal=cells["JournalCode"],
        journal_label=cells["JournalLib"],
        entry=cells["EcritureNum"],
        entry_date=entry_date,
        account=cells["CompteNum"],
        account_label=cells["CompteLib"],
        aux=cells["CompAuxNum"],
        aux_label=cells["CompAuxLib"],
        piece=cells["PieceRef"],
        piece_date=piece_date,
        label=cells["EcritureLib"],
        debit=debit,
        credit=credit,
        letter=cells["EcritureLet"],
        letter_date=letter_date,
    )


def _date(number: int, column: str, cells: dict[str, str], problems: _Problems) -> date | None:
    value = cells[column]
    if not value:
        return None
    match = _DATE.match(value)
    try:
        if match is None:
            raise ValueError(value)
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        problems.add(
            number, column, _("not a date: '{value}' (expected YYYYMMDD)").format(value=value)
        )
        return None


def _amount(number: int, column: str, cells: dict[str, str], problems: _Problems) -> Decimal:
    value = cells[column]
    if not value:
        return ZERO
    try:
        amount = parse_amount(value)
    except ValueError:
        problems.add(number, column, _("not an amount: '{value}'").format(value=value))
        return ZERO
    if amount != amount.quantize(Decimal("0.01")):
        problems.add(
            number,
            column,
            _("'{value}' has more than {decimals} decimals").format(value=value, decimals=2),
        )
        return ZERO
    return amount.quantize(Decimal("0.01"))


def _check_balance(lines: list[FecLine], problems: _Problems) -> None:
    """Debits equal credits in every entry (journal and EcritureNum)."""
    totals: dict[tuple[str, str], list[Decimal]] = {}
    first: dict[tuple[str, str], int] = {}
    for line in lines:
        sums = totals.setdefault(line.key, [ZERO, ZERO])
        sums[0] += line.debit
        sums[1] += line.credit
        first.setdefault(line.key, line.line)
    for key, (debit, credit) in totals.items():
        if debit != credit:
            problems.add(
                first[key],
                "EcritureNum",
                _(
                    "entry {number} of journal {journal} is not balanced: "
                    "debits {debit}, credits {credit}"
                ).format(number=key[1], journal=key[0], debit=debit, credit=credit),
            )
