"""What the cash forecast is made of, and its `relance forecast` JSON and CSV shapes."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from app.db.queries.analytics import InstalmentRow, OpenRow
from app.domain.insight.forecast import Band, CurrencyForecast, ForecastItem
from app.domain.money import ZERO, format_plain


def forecast_items(rows: Iterable[OpenRow], plans: Iterable[InstalmentRow]) -> list[ForecastItem]:
    """Each open invoice, or in its place the unpaid instalments of its payment plan.

    What was paid covers the earliest instalments first; a balance the plan does not cover
    is expected on the invoice's own due date.
    """
    by_invoice: dict[int, list[InstalmentRow]] = defaultdict(list)
    for plan in plans:
        by_invoice[plan.invoice_id].append(plan)
    items = []
    for row in rows:
        instalments = sorted(by_invoice.get(row.id, ()), key=lambda i: i.due_date)
        if not instalments:
            items.append(
                ForecastItem(
                    row.client_id,
                    row.currency,
                    row.due_date,
                    row.balance,
                    is_disputed=row.disputed,
                    invoice_id=row.id,
                )
            )
            continue
        paid = row.total - row.balance
        left = row.balance
        for instalment in instalments:
            covered = min(paid, instalment.amount)
            paid -= covered
            amount = min(instalment.amount - covered, left)
            if amount > ZERO:
                left -= amount
                items.append(
                    ForecastItem(
                        row.client_id,
                        row.currency,
                        instalment.due_date,
                        amount,
                        is_disputed=row.disputed,
                        invoice_id=row.id,
                    )
                )
        if left > ZERO:
            items.append(
                ForecastItem(
                    row.client_id,
                    row.currency,
                    row.due_date,
                    left,
                    is_disputed=row.disputed,
                    invoice_id=row.id,
                )
            )
    return items


def _band(band: Band, currency: str) -> dict[str, str]:
    return {
        "expected": format_plain(band.expected, currency),
        "optimistic": format_plain(band.optimistic, currency),
        "pessimistic": format_plain(band.pessimistic, currency),
    }


def forecast_json(
    as_of: date, weeks: int, result: dict[str, CurrencyForecast]
) -> dict[str, object]:
    """The `relance forecast --format json` document: amounts as strings, ISO Mondays."""
    currencies = {}
    for currency, fc in sorted(result.items()):
        currencies[currency] = {
            "weeks": [
                {
                    "week_start": w.week_start.isoformat(),
                    **_band(Band(w.expected, w.optimistic, w.pessimistic), currency),
                }
                for w in fc.weeks
            ],
            "after_horizon": _band(fc.after_horizon, currency),
            "doubtful": format_plain(fc.doubtful, currency),
            "excluded": format_plain(fc.excluded, currency),
            "total": format_plain(fc.total.expected, currency),
        }
    return {"as_of": as_of.isoformat(), "weeks": weeks, "currencies": currencies}


def forecast_csv(result: dict[str, CurrencyForecast]) -> str:
    """One row per currency and week: currency, week_start, expected, optimistic, pessimistic."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["currency", "week_start", "expected", "optimistic", "pessimistic"])
    for currency, fc in sorted(result.items()):
        for w in fc.weeks:
            writer.writerow(
                [
                    currency,
                    w.week_start.isoformat(),
                    format_plain(w.expected, currency),
                    format_plain(w.optimistic, currency),
                    format_plain(w.pessimistic, currency),
                ]
            )
    return out.getvalue()
