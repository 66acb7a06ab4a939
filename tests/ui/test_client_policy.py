"""The client dialog's reminder policy: chosen, saved, shown on the client page, followed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.domain.errors import InvalidInput
from app.domain.followup.policy import Channel, Level
from app.ui.features.clients.dialogs import ClientDialog
from app.ui.features.clients.view import ClientsView
from tests.ui.ledger_fixtures import TODAY, make_context, seed, settle

GENTLE = (Level("gentle_call", 20, Channel.PHONE), Level("gentle_letter", 50, Channel.LETTER))


@pytest.fixture
def setup(qtbot, sqlite_services):  # type: ignore[no-untyped-def]
    ids = seed(sqlite_services)
    sqlite_services.reminders.save_policy("gentle", "Relance douce", GENTLE)
    context = make_context()
    yield sqlite_services, context, ids
    context.tasks.wait()


def _levels(services, client_id: int) -> set[str]:  # type: ignore[no-untyped-def]
    return {
        i.action.level_code
        for i in services.reminders.plan(TODAY).items
        if i.action.client_id == client_id
    }


def test_policy_chosen_in_the_dialog_drives_the_plan(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    services, context, ids = setup
    assert "reminder_1" in _levels(services, ids["martin"])
    dialog = ClientDialog(services, context.tasks, services.clients.get(ids["martin"]))
    qtbot.addWidget(dialog)
    settle(qtbot, context)
    labels = [dialog.policy.itemText(i) for i in range(dialog.policy.count())]
    assert labels[0] == "Default for this type of client (Standard follow-up)"
    assert "Relance douce" in labels
    dialog.client_type.setCurrentIndex(dialog.client_type.findData("consumer"))
    assert dialog.policy.itemText(0) == "Default for this type of client (Consumers)"
    dialog.client_type.setCurrentIndex(dialog.client_type.findData("business"))
    dialog.policy.setCurrentIndex(dialog.policy.findData("gentle"))
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == 1, timeout=10000)
    assert services.clients.get(ids["martin"]).dunning_policy == "gentle"
    assert _levels(services, ids["martin"]) == {"gentle_call", "gentle_letter"}
    assert services.reminders.policy("gentle").client_count == 1

    again = ClientDialog(services, context.tasks, services.clients.get(ids["martin"]))
    qtbot.addWidget(again)
    settle(qtbot, context)
    assert again.policy.currentData() == "gentle"
    again.policy.setCurrentIndex(0)
    again.save()
    qtbot.waitUntil(lambda: again.result() == 1, timeout=10000)
    assert services.clients.get(ids["martin"]).dunning_policy == ""
    assert "reminder_1" in _levels(services, ids["martin"])


def test_client_page_names_the_policy(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    services, context, ids = setup
    view = ClientsView(services, context)
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    settle(qtbot, context)
    view.detail.show_client(ids["dupont"])
    settle(qtbot, context)
    assert "Reminder policy: Standard follow-up (default)" in view.detail.card.text()
    loaded = services.clients.get(ids["martin"])
    services.clients.update(replace(loaded, dunning_policy="gentle"))
    view.detail.show_client(ids["martin"])
    settle(qtbot, context)
    assert "Reminder policy: Relance douce" in view.detail.card.text()


def test_an_unknown_policy_is_refused(setup) -> None:  # type: ignore[no-untyped-def]
    services, _context, ids = setup
    with pytest.raises(InvalidInput) as error:
        services.clients.update(replace(services.clients.get(ids["martin"]), dunning_policy="nope"))
    assert error.value.problems[0].column == "dunning_policy"
