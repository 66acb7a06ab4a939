"""What a FEC or Factur-X import found, line by line: the words of `relance import fec` and of
the import window."""

from __future__ import annotations

from collections.abc import Callable

from app.i18n import ngettext
from app.services.transfer.importers import ImportResult

_LINES: tuple[tuple[str, Callable[[int], str]], ...] = (
    ("clients_created", lambda n: ngettext("{count} client created", "{count} clients created", n)),
    (
        "clients_known",
        lambda n: ngettext(
            "{count} client already in the dossier", "{count} clients already in the dossier", n
        ),
    ),
    ("invoices", lambda n: ngettext("{count} invoice imported", "{count} invoices imported", n)),
    (
        "credit_notes",
        lambda n: ngettext("{count} credit note imported", "{count} credit notes imported", n),
    ),
    ("payments", lambda n: ngettext("{count} payment imported", "{count} payments imported", n)),
    (
        "lettered",
        lambda n: ngettext(
            "{count} allocation from lettering", "{count} allocations from lettering", n
        ),
    ),
    (
        "invoices_known",
        lambda n: ngettext(
            "{count} invoice already in the dossier, left as it is",
            "{count} invoices already in the dossier, left as they are",
            n,
        ),
    ),
    (
        "credit_notes_known",
        lambda n: ngettext(
            "{count} credit note already in the dossier, left as it is",
            "{count} credit notes already in the dossier, left as they are",
            n,
        ),
    ),
    (
        "payments_known",
        lambda n: ngettext(
            "{count} payment already in the dossier, left as it is",
            "{count} payments already in the dossier, left as they are",
            n,
        ),
    ),
    ("attached", lambda n: ngettext("{count} PDF attached", "{count} PDFs attached", n)),
    (
        "supplier_lines",
        lambda n: ngettext(
            "{count} supplier account line ignored", "{count} supplier account lines ignored", n
        ),
    ),
    (
        "other_lines",
        lambda n: ngettext(
            "{count} line of other accounts ignored", "{count} lines of other accounts ignored", n
        ),
    ),
)


def source_lines(result: ImportResult, number: Callable[[int], str] = str) -> list[str]:
    """One line per kind of thing found (invoices always), then the notes to read first;
    `number` writes the counts (the command line groups thousands in the user's language)."""
    lines = []
    for key, text in _LINES:
        value = result.counts.get(key, 0)
        if value or key == "invoices":
            lines.append(text(value).format(count=number(value)))
    return [*lines, *result.notes]
