"""On the demo dossier with its follow-up history, invoices alike share one ladder and the plan
is exactly the one of a ladder per invoice, whatever the day and the period asked."""

from __future__ import annotations

from datetime import date, timedelta

from app.domain.followup.planner import plan
from app.services.followup.plan import make_plan
from app.services.followup.service import week_of

AS_OF = date(2026, 11, 22)


def test_shared_ladders_give_the_same_plan_on_a_dossier_with_history(services) -> None:  # type: ignore[no-untyped-def]
    services.demo.generate(as_of=AS_OF)
    for today in (AS_OF, AS_OF + timedelta(days=1), AS_OF + timedelta(days=12)):
        inputs = services.reminders.inputs(today)
        followed = {id_ for record in inputs.history for id_ in record.invoice_ids}
        with_history = [inv for inv in inputs.invoices if inv.id in followed]
        assert len(with_history) > 50
        assert inputs.promises
        for until in (None, week_of(today)[1]):
            one_each = plan(
                inputs.invoices,
                inputs.clients,
                today,
                inputs.settings,
                promises=inputs.promises,
                history=inputs.history,
                until=until,
                shared_ladders=False,
            )
            assert one_each
            shared = make_plan(inputs, today, until)
            assert [item.action for item in shared.items] == one_each
