"""The day's letters in one go: every paper reminder the plan has due, one file to print and
one file per client (`relance letters` and the window's "Print the day's letters")."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.adapters.pdf import AddressedLetter, render_batch
from app.adapters.pdf.render import remove_leftovers, safe_file_name
from app.db.queries import letters as letter_queries
from app.db.uow import UnitOfWork
from app.domain.errors import InvalidInput
from app.domain.followup.inputs import PlannedAction
from app.domain.followup.planner import level_action, policy_for
from app.i18n import _
from app.services.claims.service import ClaimService
from app.services.dossier import DossierService
from app.services.followup.evidence import store_document
from app.services.followup.letters import build_letters
from app.services.followup.service import ReminderService

LEVELS = (
    "receipt_confirmation",
    "courtesy",
    "reminder_1",
    "reminder_2",
    "firm_reminder",
    "formal_notice",
    "collection",
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class WrittenLetter:
    """One action's letter: the client's file holding it, and that file's SHA-256."""

    action: PlannedAction
    client_code: str
    level: str
    path: Path
    sha256: str
    invoices: tuple[str, ...]


@dataclass(frozen=True)
class LetterBatch:
    letters: tuple[WrittenLetter, ...]
    print_file: Path | None  # every letter in one PDF, each starting on a new page
    pages: int


class LetterService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        reminders: ReminderService,
        claims: ClaimService,
        dossier: DossierService,
    ) -> None:
        self._uow = uow
        self._reminders = reminders
        self._claims = claims
        self._dossier = dossier

    def company_gaps(self) -> list[str]:
        """What the letters will lack for want of company details (empty: nothing)."""
        from app.services.company_details import letter_gaps

        return letter_gaps(self._dossier.settings())

    def actions(self, as_of: date, level: str | None = None) -> list[PlannedAction]:
        """Without a level: the plan's paper actions dated on or before as_of and not done.
        With a level: that level for every invoice at or past its day, one per client."""
        if level is None:
            return [
                item.action
                for item in self._reminders.plan(as_of, until=as_of).items
                if item.action.date <= as_of and item.action.channel.is_paper
            ]
        inputs = self._reminders.inputs(as_of)
        known = {
            lv.code for c in inputs.clients for lv in policy_for(c, inputs.settings).levels
        } | set(LEVELS)
        if level not in known:
            raise InvalidInput(
                _("--level: unknown level {level}; one of: {known}").format(
                    level=level, known=", ".join(sorted(known))
                )
            )
        by_client = defaultdict(list)
        for invoice in inputs.invoices:
            by_client[invoice.client_id].append(invoice)
        found = []
        for client in sorted(inputs.clients, key=lambda c: (c.code, c.id)):
            invoices = by_client.get(client.id)
            if invoices and level in {lv.code for lv in policy_for(client, inputs.settings).levels}:
                action = level_action(invoices, client, level, as_of, inputs.settings)
                if action is not None:
                    found.append(action)
        return found

    def write(
        self,
        as_of: date,
        out: Path,
        level: str | None = None,
        progress: Progress | None = None,
        actions: list[PlannedAction] | None = None,
    ) -> LetterBatch:
        """Render the letters into `out`: `<date>_letters_to_print.pdf` and one
        `<date>_<client code>.pdf` per client. Actions without a letter template are left out."""
        if actions is None:
            actions = self.actions(as_of, level)
        actions = sorted(actions, key=lambda a: (a.client_code, a.level_position, a.key))
        settings = self._dossier.settings()
        with self._uow() as uow:
            people = letter_queries.addressees(uow.session, {a.client_id for a in actions})
            ids = {i for a in actions for i in a.invoice_ids}
            figures = letter_queries.invoice_figures(uow.session, ids, as_of) if ids else {}
            history = letter_queries.reminders_sent(uow.session, ids, as_of)
        kept: list[tuple[PlannedAction, list[AddressedLetter]]] = []
        for action in actions:
            built = build_letters(
                action,
                as_of,
                settings,
                people[action.client_id],
                figures,
                self._claims.claim_or_none,
                "letters",
                history,
            )
            if built.letters:
                kept.append(
                    (
                        action,
                        [AddressedLetter(x, built.company, built.recipient) for x in built.letters],
                    )
                )
        remove_leftovers(out)  # an interrupted run's scratch files, even when nothing is due
        if not kept:
            return LetterBatch((), None, 0)
        out.mkdir(parents=True, exist_ok=True)
        stamp = as_of.isoformat()
        result = render_batch(
            [x for _a, group in kept for x in group],
            out / f"{stamp}_letters_to_print.pdf",
            progress,
            per_client_dir=out,
            client_file=lambda code: f"{stamp}_{safe_file_name(code)}",
        )
        digests: dict[Path, str] = {}
        letters = []
        for action, group in kept:
            path = result.client_files[group[0].recipient.client_code]
            if path not in digests:
                digests[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            letters.append(
                WrittenLetter(
                    action,
                    action.client_code,
                    action.level_code,
                    path,
                    digests[path],
                    action.invoice_numbers,
                )
            )
        return LetterBatch(tuple(letters), result.path, result.pages)

    def mark_sent(self, batch: LetterBatch, on: date, note: str = "") -> int:
        """After the user posted them: each client's file is kept as evidence in the client's
        documents folder with its SHA-256, and every action is recorded as done."""
        stored = {}
        for letter in batch.letters:
            if letter.path not in stored:
                folder = self._reminders.documents_folder(
                    letter.client_code, letter.action.client_id
                )
                stored[letter.path] = store_document(letter.path, folder, letter.path.name)
            document = stored[letter.path]
            self._reminders.done(letter.action, on, note, str(document.path), document.sha256)
        return len(batch.letters)
