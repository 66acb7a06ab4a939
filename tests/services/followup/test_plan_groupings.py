"""The plan's groupings for the screens (days in reading order, periods, levels on screen)
agree with a plain walk through its actions, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from tests.services.followup.data import TODAY, seed


def test_groupings_agree_with_the_actions(services) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    plan = services.reminders.plan(TODAY, None).warm()
    items = plan.items
    assert len({i.action.date for i in items}) >= 2
    first, last = items[0].action.date, items[-1].action.date
    for start in (first - timedelta(days=3), first, TODAY):
        for end in (start, start + timedelta(days=6), last, last + timedelta(days=40)):
            expected = [i for i in items if start <= i.action.date <= end]
            assert plan.between(start, end) == expected
            assert plan.count_between(start, end) == len(expected)
            levels = {(i.action.level_code, i.level) for i in expected}
            assert {(i.action.level_code, i.level) for i in plan.levels_between(start, end)} == (
                levels
            )
            assert len(plan.levels_between(start, end)) == len(levels)
    assert plan.count_between(last, first - timedelta(days=1)) == 0
    assert plan.catch_up() == [i for i in items if i.is_overdue]
    for day in {i.action.date for i in items}:
        listed = plan.on(day)
        assert sorted(listed, key=lambda i: i.key) == sorted(
            (i for i in items if i.action.date == day), key=lambda i: i.key
        )
        order = [(not i.is_overdue, -i.amount_at_risk, i.client.code) for i in listed]
        assert order == sorted(order)
    assert plan.on(last + timedelta(days=1)) == ()
