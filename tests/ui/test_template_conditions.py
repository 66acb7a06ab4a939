"""The template editor offers the conditions beside the placeholders: a double-click puts
[if name][end] at the cursor with the cursor inside, and the text previews clean."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.test_settings_dialogs import _open_templates, window  # noqa: F401


def test_double_click_inserts_a_condition_around_the_cursor(qtbot, window) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    dialog = _open_templates(qtbot, window)
    items = [dialog.placeholders.item(i) for i in range(dialog.placeholders.count())]
    data = [item.data(Qt.ItemDataRole.UserRole) for item in items]
    assert "{reminders_sent}" in data
    assert "[if reminders_sent][end]" in data
    condition = items[data.index("[if reminders_sent][end]")]
    assert "reminder" in condition.text()
    dialog.editor.setPlainText("Objet : Relance\n\nMadame,\n\n")
    cursor = dialog.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    dialog.editor.setTextCursor(cursor)
    dialog.placeholders.itemDoubleClicked.emit(condition)
    dialog.editor.insertPlainText("Malgré {reminders_sent}, ")
    dialog.placeholders.itemDoubleClicked.emit(items[data.index("{invoice_phrase}")])
    assert dialog.editor.toPlainText().endswith(
        "[if reminders_sent]Malgré {reminders_sent}, {invoice_phrase}[end]"
    )
    qtbot.waitUntil(lambda: dialog.refreshed == dialog.generation, timeout=20000)
    assert dialog.problems == []
