"""Aged receivables report (docs/commands.md): SQL figures, domain bucket names, JSON/CSV shapes."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from app.db.queries.aging import aging_rows
from app.db.uow import UnitOfWork
from app.domain.ledger.aging import DEFAULT_LIMITS, AgingRow, bucket_names, totals_by_currency
from app.domain.money import format_plain
from app.services.cells import spreadsheet_text


@dataclass(frozen=True)
class AgingReport:
    as_of: date
    buckets: tuple[str, ...]
    rows: list[AgingRow]
    totals: dict[str, AgingRow]
    client_ids: dict[str, int]

    def to_json(self) -> dict[str, object]:
        return {
            "as_of": self.as_of.isoformat(),
            "buckets": list(self.buckets),
            "clients": [
                {
                    "code": r.client_code,
                    "name": r.client_name,
                    "currency": r.currency,
                    **_amounts(r, self.buckets),
                }
                for r in self.rows
            ],
            "totals": {cur: _amounts(t, self.buckets) for cur, t in self.totals.items()},
        }

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["code", "name", "currency", *self.buckets, "unapplied", "total"])
        for r in self.rows:
            amounts = _amounts(r, self.buckets)
            writer.writerow(
                [
                    spreadsheet_text(r.client_code),
                    spreadsheet_text(r.client_name),
                    r.currency,
                    *(amounts[b] for b in self.buckets),
                    amounts["unapplied"],
                    amounts["total"],
                ]
            )
        return out.getvalue()


def _amounts(row: AgingRow, buckets: tuple[str, ...]) -> dict[str, str]:
    values = {b: format_plain(row.buckets[b], row.currency) for b in buckets}
    values["unapplied"] = format_plain(row.unapplied, row.currency)
    values["total"] = format_plain(row.total, row.currency)
    return values


class AgingService:
    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self._uow = uow

    def report(
        self,
        as_of: date,
        limits: tuple[int, ...] = DEFAULT_LIMITS,
        basis: str = "due_date",
        currency: str | None = None,
    ) -> AgingReport:
        names = bucket_names(limits)
        with self._uow() as uow:
            figures = aging_rows(uow.session, as_of, limits, basis)
        rows: list[AgingRow] = []
        ids: dict[str, int] = {}
        for f in figures:
            if currency and f.currency != currency:
                continue
            rows.append(
                AgingRow(
                    f.client_code,
                    f.client_name,
                    f.currency,
                    dict(zip(names, f.buckets, strict=True)),
                    f.unapplied,
                )
            )
            ids[f.client_code] = f.client_id
        rows.sort(key=lambda r: (r.client_code, r.currency))
        return AgingReport(as_of, names, rows, totals_by_currency(rows), ids)
