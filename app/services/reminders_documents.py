"""What an action will send: its text for the preview, and its PDF letter when it is done."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.db.queries import letters as letter_queries
from app.db.uow import UnitOfWork
from app.domain.dunning import Channel
from app.domain.errors import NotFound, RelanceError
from app.domain.planner_inputs import FLAG_LATE_INTEREST, PlannedAction
from app.i18n import _, format_date, format_money
from app.services.claims import ClaimService
from app.services.dossier import DossierService
from app.services.letter_model import LetterDoc
from app.services.reminders_labels import flag_name, level_name


@dataclass(frozen=True)
class PreviewTable:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    totals: tuple[tuple[str, str], ...]
    right_columns: frozenset[int]


@dataclass(frozen=True)
class Preview:
    """The text of an action as the client will read it (or, for calls and tasks, the brief).

    paragraphs: plain lines; blocks: the same with the letter's tables kept as tables.
    """

    channel: str
    title: str
    recipient: tuple[str, ...]
    subject: str
    paragraphs: tuple[str, ...]
    produces_document: bool
    blocks: tuple[str | PreviewTable, ...] = ()


def _table_lines(table) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    lines = [" · ".join(row) for row in table.rows]
    lines.extend(_("{label}: {amount}").format(label=label, amount=amount)
                 for label, amount in table.totals)
    return tuple(lines)


def _blocks(doc: LetterDoc) -> tuple[str | PreviewTable, ...]:
    blocks: list[str | PreviewTable] = []
    for paragraph in doc.body:
        table = {"[invoices]": doc.invoices, "[claim]": doc.claim}.get(paragraph, paragraph)
        if isinstance(table, str):
            blocks.append(table)
        elif table is not None:
            blocks.append(PreviewTable(table.headers, table.rows, table.totals,
                                       table.right_columns))
    return tuple(blocks)


def _body(doc: LetterDoc) -> tuple[str, ...]:
    paragraphs: list[str] = []
    for paragraph in doc.body:
        if paragraph == "[invoices]":
            paragraphs.extend(_table_lines(doc.invoices))
        elif paragraph == "[claim]":
            if doc.claim is not None:
                paragraphs.extend(_table_lines(doc.claim))
        else:
            paragraphs.append(paragraph)
    return tuple(paragraphs)


class Documents:
    def __init__(self, uow: Callable[[], UnitOfWork], dossier: DossierService,
                 claims: ClaimService) -> None:
        self._uow = uow
        self._dossier = dossier
        self._claims = claims

    def _sources(self, action: PlannedAction, as_of: date):  # type: ignore[no-untyped-def]
        with self._uow() as uow:
            people = letter_queries.addressees(uow.session, {action.client_id})
            figures = letter_queries.invoice_figures(uow.session, set(action.invoice_ids), as_of)
        if action.client_id not in people:
            raise NotFound(_("no such client"))
        invoices = [figures[i] for i in action.invoice_ids if i in figures]
        return people[action.client_id], invoices

    def _claims_for(self, action: PlannedAction, invoices, as_of: date):  # type: ignore[no-untyped-def]
        if action.template != "formal_notice" and FLAG_LATE_INTEREST not in action.flags:
            return []
        found = []
        for invoice in invoices:
            try:
                claim, _number, _client = self._claims.claim(invoice.number, as_of)
            except RelanceError:
                continue
            found.append((invoice, claim))
        return found

    def letter(self, action: PlannedAction, as_of: date) -> LetterDoc | None:
        """The letter (or the email's text) from the level's template; None without one."""
        from app.services.letter_texts import TEMPLATE_FOR_LEVEL, build_letter, template_path

        person, invoices = self._sources(action, as_of)
        if not invoices:
            return None
        company = self._dossier.settings()
        lang = person.language if person.language in ("fr", "en") else company.language
        name = TEMPLATE_FOR_LEVEL.get(action.template, action.template)
        if not template_path(name, lang).exists():
            return None
        claims = self._claims_for(action, invoices, as_of)
        return build_letter(company, person, action.template, invoices, claims, as_of)

    def preview(self, action: PlannedAction, as_of: date, level_label: str = "") -> Preview:
        title = level_label or level_name(action.level_code)
        channel = action.channel
        person, invoices = self._sources(action, as_of)
        lines = tuple(
            _("{number} of {date}: {amount}").format(
                number=i.number, date=format_date(i.issue_date),
                amount=format_money(i.total - i.paid, i.currency))
            for i in invoices
        )
        totals = tuple(
            _("Total: {amount}").format(amount=format_money(amount, currency))
            for currency, amount in action.amounts.items()
        )
        flags = tuple(flag_name(f) for f in sorted(action.flags))
        if channel is Channel.PHONE:
            return Preview(channel.value, title, (person.name,),
                           _("Call {client}").format(client=person.name),
                           lines + totals + flags, False)
        if channel is Channel.MANUAL:
            return Preview(channel.value, title, (person.name,), title,
                           (_("To do by hand, outside Relance."), *lines, *totals, *flags), False)
        doc = self.letter(action, as_of)
        if doc is None:
            subject = _("{level} — {client}").format(level=title, client=person.name)
            return Preview(channel.value, title, (person.name,), subject,
                           (*lines, *totals, *flags), channel.is_paper)
        recipient = (doc.recipient.name, *doc.recipient.address_lines)
        if channel is Channel.EMAIL:
            recipient = (person.name, person.email or _("(no email address)"))
        return Preview(channel.value, title, recipient, doc.subject, _body(doc),
                       channel.is_paper, _blocks(doc))

    def write_letter(self, action: PlannedAction, as_of: date, folder: Path) -> Path | None:
        """The PDF letter of a paper action, in `folder`; None when the level has no template."""
        from app.services.letter_pdf import render

        doc = self.letter(action, as_of)
        if doc is None:
            return None
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"{as_of.isoformat()}_{_safe(action.client_code)}_{_safe(action.level_code)}"
        path = folder / f"{stem}.pdf"
        counter = 2
        while path.exists():
            path = folder / f"{stem}-{counter}.pdf"
            counter += 1
        return render([doc], path)


def _safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)
