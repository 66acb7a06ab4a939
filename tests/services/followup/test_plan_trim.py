"""On demo dossiers with their follow-up history, the plans the screens and `relance agenda`
ask for (today, this week, the month grid, a quarter) are exactly the full planner's, at
several as-of dates, for a French and a Belgian company."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from app.domain.followup.planner import plan
from app.services.followup.service import week_of

AS_OF = date(2026, 11, 22)


@pytest.fixture(params=["FR", "BE"])
def demo(request, tmp_path: Path):  # type: ignore[no-untyped-def]
    from app.bootstrap import build
    from app.paths import Paths
    from app.services.dossier import CompanySettings

    built = build(str(tmp_path / "demo.relance"), "en", Paths.under(tmp_path / "home"))
    built.dossier.init(CompanySettings(name="Atelier Dupont", country=request.param))
    summary = built.demo.generate(clients=40, invoices=1600, seed=3, as_of=AS_OF)
    assert summary.reminders > 0
    yield built
    built.close()


@pytest.mark.parametrize("days_later", [0, 4, 19])
def test_plans_of_a_period_are_the_full_planners(demo, days_later: int) -> None:  # type: ignore[no-untyped-def]
    today = AS_OF + timedelta(days=days_later)
    inputs = demo.reminders.inputs(today)
    assert inputs.history  # the demo's history is there to be followed
    _monday, sunday = week_of(today)
    month_end = date(today.year + today.month // 12, today.month % 12 + 1, 1)
    month_end += timedelta(days=6 - month_end.weekday())
    whole = plan(
        inputs.invoices,
        inputs.clients,
        today,
        inputs.settings,
        promises=inputs.promises,
        history=inputs.history,
        trim=False,
    )
    assert whole
    for until in (today - timedelta(days=3), today, sunday, month_end, today + timedelta(days=90)):
        both = [
            plan(
                inputs.invoices,
                inputs.clients,
                today,
                inputs.settings,
                promises=inputs.promises,
                history=inputs.history,
                until=until,
                trim=trim,
            )
            for trim in (True, False)
        ]
        assert both[0] == both[1], until
        if until >= today:  # (a past day still lets today's catch-up through, both ways)
            assert both[0] == [action for action in whole if action.date <= until], until
    week = demo.reminders.plan(today, until=sunday)
    assert [item.action for item in week.items] == [a for a in whole if a.date <= sunday]
