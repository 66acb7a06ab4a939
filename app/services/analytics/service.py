"""Payment behaviour, risk grades, dashboard figures, overdue trend and cash forecast.

Everything starts from a `Snapshot`: the dossier read on one as-of date in a few set-based
queries (open invoices, invoices settled in the last 12 months, credit limits), with every
client's behaviour and risk grade computed once. The dashboard asks for one snapshot and
derives its figures, forecast and what-ifs from it without going back to the database.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.db.queries import analytics as q
from app.db.queries.analytics_aging import cell_invoice_ids
from app.db.queries.analytics_figures import OpenSums, open_sums, settled_lateness
from app.db.queries.analytics_trend import trend_figures
from app.db.uow import UnitOfWork
from app.domain.insight.behaviour import (
    ClientHistory,
    OpenInvoice,
    PaymentBehaviour,
    Settlements,
    months_before,
    payment_behaviour,
)
from app.domain.insight.forecast import CurrencyForecast, ForecastOptions, forecast_cash
from app.domain.insight.kpi import (
    DSO_PERIOD_DAYS,
    ClientExposure,
    CurrencyAggregate,
    KeyFigures,
    LatenessAggregate,
    key_figures,
)
from app.domain.insight.prediction import DelayProfile, company_prior, profile_for
from app.domain.insight.risk import RiskAssessment, assess_risk
from app.domain.money import ZERO
from app.services.analytics.aging import AgingService
from app.services.analytics.aging_view import (
    DUE_DATE,
    TOP_CLIENTS,
    AgingCell,
    AgingChart,
    aging_chart,
)
from app.services.analytics.cache import ResultCache
from app.services.analytics.forecast import forecast_items
from app.services.analytics.texts import reason_sentences
from app.services.analytics.week import ThisWeek, WeekService, week_bounds
from app.services.dossier import CompanySettings, DossierService
from app.services.quiet import collector_paused

TREND_MONTHS = 12


@dataclass(frozen=True)
class Snapshot:
    """The dossier on as_of, measured: open invoices, behaviours and grades per client."""

    as_of: date
    open: list[q.OpenRow]
    behaviours: dict[int, PaymentBehaviour]
    risks: dict[int, RiskAssessment]
    prior: DelayProfile
    lateness: LatenessAggregate


@dataclass(frozen=True)
class DashboardFigures:
    """The key figures of the dashboard; the counts are plain numbers of lines."""

    as_of: date
    key: KeyFigures
    promises_due: int
    disputes_open: int
    week: tuple[date, date]
    graded: bool = True
    """False in the first figures, summed without the risk grades: no amount at risk yet."""


@dataclass(frozen=True)
class TrendPoint:
    """Aging on one date of the trend: the month ends, then as_of itself."""

    day: date
    receivable: Decimal
    overdue: Decimal


def trend_days(as_of: date, months: int = TREND_MONTHS) -> list[date]:
    """The last day of each of the `months - 1` previous months, then as_of."""
    first_of_month = as_of.replace(day=1)
    days = []
    for back in range(months - 1, 0, -1):
        start = months_before(first_of_month, back - 1)
        days.append(start - timedelta(days=1))
    return [*days, as_of]


def measured_currency(rows: list[q.OpenRow], company_currency: str) -> str:
    """Shares are measured in the company's currency, or in the client's main one."""
    if not rows or company_currency in {r.currency for r in rows}:
        return company_currency
    balances: Counter[str] = Counter()
    for row in rows:
        balances[row.currency] += row.balance  # type: ignore[assignment]
    return max(sorted(balances), key=lambda c: balances[c])


def histories(
    history: q.PaymentHistory, limits: dict[int, Decimal], company_currency: str
) -> dict[int, ClientHistory]:
    """One ClientHistory per client with an open or recently settled invoice."""
    open_rows: dict[int, list[q.OpenRow]] = defaultdict(list)
    for row in history.open:
        open_rows[row.client_id].append(row)
    result = {}
    for client_id in set(open_rows) | set(history.settled):
        rows = open_rows.get(client_id, [])
        currency = measured_currency(rows, company_currency)
        result[client_id] = ClientHistory(
            open=tuple(
                OpenInvoice(r.due_date, r.balance, r.currency, r.reminders, r.disputed)
                for r in rows
            ),
            credit_limit=limits.get(client_id) if currency == company_currency else None,
            currency=currency,
            measured=history.settled.get(client_id, Settlements()),
        )
    return result


def lateness(settled: dict[int, Settlements]) -> LatenessAggregate:
    """Days late (early counts 0) over the invoices settled in the 12 months to as_of."""
    days = [max(d, 0) for measured in settled.values() for d in measured.delays]
    return LatenessAggregate(len(days), sum(days))


class AnalyticsService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        dossier: DossierService,
        agenda: Callable[[date, date, date], Sequence[Any]] | None = None,
    ) -> None:
        self._uow = uow
        self._dossier = dossier
        self._aging = AgingService(uow)
        self._cache = ResultCache(uow)
        self.week = WeekService(uow, agenda)

    def forget_results(self) -> None:
        """Drop the results kept for an unchanged dossier (the next ones are computed)."""
        self._cache.clear()

    def _currency(self) -> str:
        return self._dossier.settings().currency

    def snapshot(self, as_of: date) -> Snapshot:
        """Read and measure the whole dossier on as_of (the heavy step; run off the UI), or
        the snapshot already taken when nothing changed since."""
        return self._cache.get(("snapshot", as_of), lambda: self._snapshot(as_of))

    def _snapshot(self, as_of: date) -> Snapshot:
        with collector_paused():
            return self._measure(as_of)

    def _measure(self, as_of: date) -> Snapshot:
        currency = self._currency()
        with self._uow() as uow:
            history = q.payment_history(uow.session, as_of, months_before(as_of, 12))
            limits = q.credit_limits(uow.session)
        by_client = histories(history, limits, currency)
        behaviours = {cid: payment_behaviour(h, as_of) for cid, h in by_client.items()}
        risks = {cid: assess_risk(b) for cid, b in behaviours.items()}
        prior = company_prior([d for b in behaviours.values() for d in b.delays])
        return Snapshot(as_of, history.open, behaviours, risks, prior, lateness(history.settled))

    def risk_grades(self, as_of: date) -> dict[int, RiskAssessment]:
        """Grade of every client with an open or recently settled invoice (others: none)."""
        return self.snapshot(as_of).risks

    def client_assessment(
        self, client_id: int, as_of: date
    ) -> tuple[PaymentBehaviour, RiskAssessment]:
        """One client's behaviour and grade, read from its own invoices only."""
        currency = self._currency()
        with self._uow() as uow:
            history = q.payment_history(uow.session, as_of, months_before(as_of, 12), client_id)
            limits = q.credit_limits(uow.session)
        client = histories(history, limits, currency).get(client_id)
        behaviour = payment_behaviour(client or ClientHistory(currency=currency), as_of)
        return behaviour, assess_risk(behaviour)

    def client_risk(self, client_id: int, as_of: date) -> tuple[str, list[str]]:
        """Grade ("A"–"E" or "new") and the 2–4 reasons behind it, in the UI language."""
        _behaviour, risk = self.client_assessment(client_id, as_of)
        return str(risk.grade), reason_sentences(risk.reasons)

    def key_figures(self, as_of: date, snapshot: Snapshot | None = None) -> DashboardFigures:
        snap = snapshot or self.snapshot(as_of)
        with collector_paused():
            return self._key_figures(as_of, snap)

    def _key_figures(self, as_of: date, snap: Snapshot) -> DashboardFigures:
        first, last = week_bounds(as_of)
        with self._uow() as uow:
            sums = {
                s.currency: s
                for s in q.currency_sums(
                    uow.session, as_of, as_of - timedelta(days=DSO_PERIOD_DAYS)
                )
            }
        aggregates = []
        exposures: dict[tuple[int, str], Decimal] = defaultdict(lambda: ZERO)
        by_currency: dict[str, list[q.OpenRow]] = defaultdict(list)
        for row in snap.open:
            by_currency[row.currency].append(row)
            exposures[(row.client_id, row.currency)] += row.balance
        for currency in sorted(set(by_currency) | set(sums)):
            rows = by_currency.get(currency, [])
            overdue = [r for r in rows if r.due_date < as_of]
            extra = sums.get(currency, q.CurrencySums(currency, ZERO, ZERO))
            aggregates.append(
                CurrencyAggregate(
                    currency,
                    sum((r.balance for r in rows), ZERO) - extra.unapplied,
                    sum((r.balance for r in overdue), ZERO),
                    len(overdue),
                    extra.sales,
                )
            )
        grades = {cid: risk.grade for cid, risk in snap.risks.items()}
        figures = key_figures(
            aggregates,
            [ClientExposure(cid, cur, amount) for (cid, cur), amount in exposures.items()],
            grades,
            snap.lateness,
        )
        promises = self.week.promises(as_of, first, last)
        disputes = sum(1 for r in snap.open if r.disputed)
        return DashboardFigures(as_of, figures, len(promises), disputes, (first, last))

    def figures(self, as_of: date) -> DashboardFigures:
        """The key figures the database sums at once, all but the amount at risk (it needs the
        risk grades of the snapshot): what the dashboard shows first."""
        first, last = week_bounds(as_of)
        with self._uow() as uow:
            sums = {
                s.currency: s
                for s in q.currency_sums(
                    uow.session, as_of, as_of - timedelta(days=DSO_PERIOD_DAYS)
                )
            }
            owing = {o.currency: o for o in open_sums(uow.session, as_of)}
            late = settled_lateness(uow.session, as_of, months_before(as_of, 12))
        aggregates = []
        for currency in sorted(set(owing) | set(sums)):
            row = owing.get(currency, OpenSums(currency, ZERO, ZERO, 0, 0))
            extra = sums.get(currency, q.CurrencySums(currency, ZERO, ZERO))
            aggregates.append(
                CurrencyAggregate(
                    currency,
                    row.balance - extra.unapplied,
                    row.overdue,
                    row.overdue_count,
                    extra.sales,
                )
            )
        promises = self.week.promises(as_of, first, last)
        disputes = sum(o.disputed_count for o in owing.values())
        return DashboardFigures(
            as_of,
            key_figures(aggregates, [], {}, late),
            len(promises),
            disputes,
            (first, last),
            graded=False,
        )

    def this_week(self, as_of: date) -> ThisWeek:
        return self.week.this_week(as_of)

    def overdue_trend(self, as_of: date, months: int = TREND_MONTHS) -> dict[str, list[TrendPoint]]:
        """Receivable and overdue per currency at each month end and on as_of."""

        def compute() -> list[Any]:
            with self._uow() as uow:
                return trend_figures(uow.session, trend_days(as_of, months))

        figures = self._cache.get(("trend", as_of, months), compute)
        result: dict[str, list[TrendPoint]] = defaultdict(list)
        for f in figures:
            result[f.currency].append(TrendPoint(f.day, f.receivable, f.overdue))
        return dict(result)

    def forecast(
        self,
        as_of: date,
        weeks: int = 12,
        options: ForecastOptions | None = None,
        snapshot: Snapshot | None = None,
    ) -> dict[str, CurrencyForecast]:
        """Expected cash in per week and currency; a snapshot makes the what-ifs cheap."""
        snap = snapshot or self.snapshot(as_of)
        with collector_paused():
            with self._uow() as uow:
                plans = q.instalments(uow.session, {r.id for r in snap.open})
            profiles = {cid: profile_for(b, snap.prior) for cid, b in snap.behaviours.items()}
            grades = {cid: risk.grade for cid, risk in snap.risks.items()}
            items = forecast_items(snap.open, plans)
            return forecast_cash(items, as_of, profiles, snap.prior, weeks, options, grades)

    def aging(
        self,
        as_of: date,
        limits: tuple[int, ...] | None = None,
        basis: str = DUE_DATE,
        currency: str | None = None,
        top: int = TOP_CLIENTS,
    ) -> AgingChart:
        """The aged receivables of one currency (the dossier's bucket limits by default)."""
        limits = tuple(limits or self._dossier.settings().aging_limits)
        report = self._cache.get(
            ("aging", as_of, limits, basis), lambda: self._aging.report(as_of, limits, basis)
        )
        return aging_chart(report, limits, basis, currency, top)

    def aging_invoices(self, cell: AgingCell) -> list[int]:
        """Ids of exactly the invoices a cell of the aging report adds up."""
        first, last = cell.date_range()
        with self._uow() as uow:
            return cell_invoice_ids(
                uow.session, cell.as_of, cell.basis, first, last, cell.currency, cell.client_id
            )

    def save_aging_limits(self, limits: tuple[int, ...]) -> CompanySettings:
        """Store the aging bucket limits in the dossier (validated there)."""
        settings = self._dossier.settings()
        return self._dossier.update(replace(settings, aging_limits=tuple(limits)))
