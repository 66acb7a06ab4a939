"""CSV export in the import format (docs/commands.md): export → import → export is the identity."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import RowMapping

from app.db.repositories import transfer
from app.db.uow import UnitOfWork
from app.domain.errors import InvalidInput, Problem
from app.domain.money import format_plain
from app.i18n import _
from app.services.transfer.importers import clients, invoices, payments

COLUMNS = {
    "clients": clients.COLUMNS,
    "invoices": invoices.COLUMNS,
    "payments": payments.COLUMNS,
}


def _amount(value: Decimal | None, currency: str = "EUR") -> str:
    return "" if value is None else format_plain(value, currency)


def _rate(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value.quantize(Decimal('0.001')).normalize():f}"


def _client_cells(row: RowMapping) -> list[str]:
    values = dict(row)
    terms = values["payment_terms_days"]
    values["payment_terms_days"] = "" if terms is None else str(terms)
    values["credit_limit"] = _amount(values["credit_limit"])
    return [str(values[name] or "") for name in clients.COLUMNS]


def _invoice_cells(row: RowMapping) -> list[str]:
    currency = row["currency"]
    return [
        row["number"],
        row["client_code"],
        row["issue_date"].isoformat(),
        row["due_date"].isoformat(),
        _amount(row["total"], currency),
        currency,
        row["kind"],
        row["applies_to"] or "",
        _amount(row["net_amount"], currency),
        _amount(row["tax_amount"], currency),
        row["reference"] or "",
        row["description"] or "",
        _rate(row["late_interest_rate"]),
    ]


def _payment_cells(session: Any) -> Iterator[list[str]]:
    """One row per line; a payment split in several rows carries a reference that regroups it."""
    shared = transfer.payment_reference_counts(session)
    for _payment_id, group in groupby(transfer.payment_rows(session), key=itemgetter("payment_id")):
        lines = list(group)
        first = lines[0]
        currency = first["currency"]
        parts = [
            (r["amount"], r["invoice_number"] or "") for r in lines if r["line_id"] is not None
        ]
        rest = first["payment_amount"] - sum((amount for amount, _n in parts), Decimal(0))
        if rest > 0:
            parts.append((rest, ""))
        reference = _reference(first, shared, len(parts) > 1)
        for amount, number in parts:
            yield [
                first["date"].isoformat(),
                first["client_code"],
                _amount(amount, currency),
                number,
                reference,
                first["method"] or "",
                currency,
            ]


def _reference(row: RowMapping, shared: dict[str, int], several_rows: bool) -> str:
    """The payment's reference, made unique where the import would otherwise merge payments."""
    reference = str(row["reference"] or "")
    if not reference:
        return f"PAY-{row['payment_id']}" if several_rows else ""
    if reference in shared:
        return f"{reference} #{row['payment_id']}"
    return reference


class ExportService:
    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self._uow = uow

    def export_file(self, kind: str, path: Path) -> int:
        """Write the CSV (UTF-8, comma, ISO dates, plain amounts); returns the data rows written."""
        if kind not in COLUMNS:
            raise InvalidInput(_("unknown export kind {kind}").format(kind=kind))
        with self._uow() as uow:
            session = uow.session
            if kind == "clients":
                rows: Iterable[list[str]] = map(_client_cells, transfer.client_rows(session))
            elif kind == "invoices":
                rows = map(_invoice_cells, transfer.invoice_rows(session))
            else:
                rows = _payment_cells(session)
            return _write(Path(path), COLUMNS[kind], rows)


def unwritable(path: Path, error: OSError) -> InvalidInput:
    detail = error.strerror or str(error)
    return InvalidInput(
        Problem(_("cannot write the file ({detail})").format(detail=detail), file=str(path))
    )


def _write(path: Path, header: tuple[str, ...], rows: Iterable[list[str]]) -> int:
    """Written next to the target then renamed: a reader never sees half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise unwritable(path, error) from error
    count = 0
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(header)
            for row in rows:
                writer.writerow(row)
                count += 1
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise unwritable(path, error) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count
