"""Payment behaviour, risk grades and the weekly cash forecast, from the dossier's history."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from app.db.queries import followup_state as open_q
from app.db.queries import insights as q
from app.db.uow import UnitOfWork
from app.domain.behaviour import (
    ClientHistory,
    OpenInvoice,
    PaymentBehaviour,
    SettledInvoice,
    months_before,
    payment_behaviour,
)
from app.domain.forecast import CurrencyForecast, ForecastItem, ForecastOptions, forecast_cash
from app.domain.money import format_plain
from app.domain.prediction import company_prior, profile_for
from app.domain.risk import RiskAssessment, assess_risk


@dataclass(frozen=True)
class Insights:
    behaviours: dict[int, PaymentBehaviour]
    risks: dict[int, RiskAssessment]
    open_items: list[open_q.OpenInvoiceRow]


class InsightService:
    def __init__(self, uow: Callable[[], UnitOfWork], currency: Callable[[], str]) -> None:
        self._uow = uow
        self._currency = currency

    def insights(self, as_of: date) -> Insights:
        since = months_before(as_of, 13)
        with self._uow() as uow:
            settled = q.settled_since(uow.session, since, as_of)
            open_rows = open_q.open_invoices(uow.session, as_of)
            limits = q.credit_limits(uow.session)
        currency = self._currency()
        by_client_settled: dict[int, list[SettledInvoice]] = defaultdict(list)
        for s in settled:
            by_client_settled[s.client_id].append(
                SettledInvoice(s.issue_date, s.due_date, s.total, s.paid_date))
        by_client_open: dict[int, list[OpenInvoice]] = defaultdict(list)
        for o in open_rows:
            by_client_open[o.client_id].append(
                OpenInvoice(o.due_date, o.balance, o.currency, is_disputed=o.disputed))
        behaviours, risks = {}, {}
        for client_id in set(by_client_settled) | set(by_client_open):
            history = ClientHistory(tuple(by_client_settled[client_id]),
                                    tuple(by_client_open[client_id]),
                                    credit_limit=limits.get(client_id), currency=currency)
            behaviour = payment_behaviour(history, as_of)
            behaviours[client_id] = behaviour
            risks[client_id] = assess_risk(behaviour)
        return Insights(behaviours, risks, open_rows)

    def forecast(self, as_of: date, weeks: int = 12,
                 options: ForecastOptions | None = None) -> dict[str, CurrencyForecast]:
        data = self.insights(as_of)
        prior = company_prior([d for b in data.behaviours.values() for d in b.delays])
        profiles = {cid: profile_for(b, prior) for cid, b in data.behaviours.items()}
        items = [ForecastItem(o.client_id, o.currency, o.due_date, o.balance,
                              is_disputed=o.disputed, invoice_id=o.id) for o in data.open_items]
        grades = {cid: r.grade for cid, r in data.risks.items()}
        return forecast_cash(items, as_of, profiles, prior, weeks, options, grades)


def forecast_json(as_of: date, weeks: int, result: dict[str, CurrencyForecast]) -> dict:  # type: ignore[type-arg]
    """The `relance forecast --format json` document (amounts as strings, ISO Mondays)."""
    currencies = {}
    for currency, fc in sorted(result.items()):
        total = fc.total
        currencies[currency] = {
            "weeks": [{"week_start": w.week_start.isoformat(),
                       "expected": format_plain(w.expected, currency),
                       "optimistic": format_plain(w.optimistic, currency),
                       "pessimistic": format_plain(w.pessimistic, currency)} for w in fc.weeks],
            "after_horizon": {"expected": format_plain(fc.after_horizon.expected, currency),
                              "optimistic": format_plain(fc.after_horizon.optimistic, currency),
                              "pessimistic": format_plain(fc.after_horizon.pessimistic,
                                                          currency)},
            "doubtful": format_plain(fc.doubtful, currency),
            "excluded": format_plain(fc.excluded, currency),
            "total": format_plain(total.expected, currency),
        }
    return {"as_of": as_of.isoformat(), "weeks": weeks, "currencies": currencies}
