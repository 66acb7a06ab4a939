"""The lazy model pages by keyset, drops stale pages and passes Qt's model tester."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.ui.widgets.lazy_model import PAGE, LazyColumn, LazyTableModel

ROWS = list(range(1, 1235))


def _fetch(calls: list) -> object:  # type: ignore[type-arg]
    def fetch(after, limit, sort, descending):  # type: ignore[no-untyped-def]
        calls.append((after, limit, sort, descending))
        ordered = sorted(ROWS, reverse=descending)
        start = 0 if after is None else ordered.index(after) + 1
        return ordered[start : start + limit]

    return fetch


def _model(calls: list) -> LazyTableModel:  # type: ignore[type-arg]
    columns = [
        LazyColumn("Number", str, "n", right=True),
        LazyColumn("Half", lambda r: str(r // 2)),
    ]
    model = LazyTableModel(columns, _fetch(calls), sort_key="n")  # type: ignore[arg-type]
    model.reload()
    return model


def test_pages_until_the_end(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    calls: list = []  # type: ignore[type-arg]
    model = _model(calls)
    assert model.rowCount() == PAGE
    while model.canFetchMore():
        model.fetchMore()
    assert model.rows == ROWS
    assert [c[0] for c in calls] == [None, 500, 1000]
    qtmodeltester.check(model)


def test_sorting_asks_again(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    calls: list = []  # type: ignore[type-arg]
    model = _model(calls)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.rows[0] == ROWS[-1]
    assert calls[-1] == (None, PAGE, "n", True)
    model.sort(1, Qt.SortOrder.AscendingOrder)  # not sortable: nothing happens
    assert calls[-1] == (None, PAGE, "n", True)
    qtmodeltester.check(model)


def test_a_stale_page_is_dropped() -> None:
    pending: list = []  # type: ignore[type-arg]

    def run(fn, done, _failed):  # type: ignore[no-untyped-def]
        pending.append((fn, done))

    model = LazyTableModel(
        [LazyColumn("n", str, "n")],
        _fetch([]),
        run,  # type: ignore[arg-type]
        sort_key="n",
    )
    model.reload()
    model.descending = True
    model.reload()
    for fn, done in reversed(pending):  # the fresh page first, the stale one last
        done(fn())
    assert model.rows[0] == ROWS[-1]
