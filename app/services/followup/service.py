"""Reminders: the plan of follow-up actions from the dossier, the agenda and the calendar, what
the user does with each action, and the dunning policies behind them.

The plan is never stored: it is computed from invoices, payments, policies and the history each
time it is asked for, so any change (payment, dispute, promise, policy edit) shows at once and
what was done, skipped or snoozed is never planned again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.db.queries.followup_inputs import ClientEvent, unapplied_credit
from app.db.repositories import parties
from app.db.uow import UnitOfWork
from app.domain.errors import InvalidInput, NotFound, Problem
from app.domain.followup.inputs import PlannedAction
from app.domain.followup.policy import (
    DEFAULT_MIN_AMOUNT,
    DEFAULT_MIN_GAP_DAYS,
    Channel,
    FreeReminderWait,
    Level,
)
from app.i18n import _
from app.services.analytics.cache import ResultCache
from app.services.changes import Changes
from app.services.dossier import DossierService
from app.services.followup.evidence import dossier_key, legacy_folder
from app.services.followup.outcomes import CallOutcome, Recorded, Recorder
from app.services.followup.plan import (
    AgendaEntry,
    Plan,
    PlanItem,
    PlannerInputs,
    agenda_entries,
    load_inputs,
    make_plan,
)
from app.services.followup.policies import PolicyBook, PolicyInfo
from app.services.quiet import collector_paused

if TYPE_CHECKING:  # the letter and mail stack loads when a document is made, not for a plan
    from app.adapters.mail import LaunchResult
    from app.services.claims.service import ClaimService
    from app.services.followup.documents import Documents, Preview
    from app.services.followup.mail_out import MailOpener


def __getattr__(name: str) -> Any:
    """`Preview` is still importable from here, loaded with the documents it describes."""
    if name == "Preview":
        from app.services.followup.documents import Preview

        return Preview
    raise AttributeError(name)


__all__ = [
    "AgendaEntry",
    "CalendarData",
    "CallOutcome",
    "ClientEvent",
    "Performed",
    "Plan",
    "PlanItem",
    "PolicyInfo",
    "Preview",
    "Recorded",
    "ReminderService",
]


@dataclass(frozen=True)
class CalendarData:
    """What the calendar shows: the period's actions and, above them, those to catch up."""

    date_from: date
    date_to: date
    today: date
    items: tuple[PlanItem, ...]
    catch_up: tuple[PlanItem, ...]


@dataclass(frozen=True)
class Performed:
    """The history record, the document kept (PDF letter or .eml), how the email was opened
    (mail.explanation says what is left to do) and why an email copy could not be opened."""

    recorded: Recorded
    document_path: Path | None = None
    mail: LaunchResult | None = None
    mail_problem: str = ""


def week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


class ReminderService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        dossier: DossierService,
        claims: ClaimService | Callable[[], ClaimService],
        documents_root: Callable[[], Path] | None = None,
        dossier_identity: str = "",
    ) -> None:
        self._uow = uow
        self._policies = PolicyBook(uow)
        self._kept = ResultCache(uow)  # the inputs, while the dossier is unchanged
        self._recorder = Recorder(uow)
        self._claims = claims
        self._dossier = dossier
        self._documents_root = documents_root or _default_documents_root
        self._dossier_identity = dossier_identity

    @cached_property
    def _documents(self) -> Documents:
        """Letters and emails: built (and the PDF and mail stack imported) on first use."""
        from app.services.followup.documents import Documents

        claims = self._claims if not callable(self._claims) else self._claims()
        identity = self._dossier_identity
        return Documents(
            self._uow,
            self._dossier,
            claims,
            self._documents_root,
            dossier_key(identity) if identity else "",
        )

    @property
    def mail_opener(self) -> MailOpener:
        """How an email draft reaches the user's mail client (tests put a fake here)."""
        return self._documents.mail_opener

    @mail_opener.setter
    def mail_opener(self, opener: MailOpener) -> None:
        self._documents.mail_opener = opener

    # --- the plan -------------------------------------------------------------------------

    def inputs(self, today: date) -> PlannerInputs:
        """The planner's inputs on `today`, read from the dossier in a few set-based queries and
        kept until the next write (any desk's: the dossier's state token changes)."""
        self._policies.ensure()
        return self._kept.get(("plan inputs", today), lambda: self._read_inputs(today))

    def _read_inputs(self, today: date) -> PlannerInputs:
        with collector_paused(), ThreadPoolExecutor(1, thread_name_prefix="credit") as pool:
            credit = pool.submit(self._credit, today)  # its own scan, alongside the invoices'
            with self._uow() as uow:
                return load_inputs(uow.session, today, credit.result)

    def _credit(self, today: date) -> dict[int, dict[str, Decimal]]:
        with self._uow() as uow:
            return unapplied_credit(uow.session, today)

    def plan(self, today: date, until: date | None = None) -> Plan:
        """Every action still to take; with `until`, only those up to that day and the catch-up
        (the same actions, computed faster: screens and the agenda ask for one period)."""
        with collector_paused():
            return make_plan(self.inputs(today), today, until)

    def agenda(self, date_from: date, date_to: date, today: date) -> list[AgendaEntry]:
        """docs/commands.md agenda: the period's actions (and those to catch up when it contains
        today), one entry per currency, sorted by date then client code."""
        _check_period(date_from, date_to)
        return agenda_entries(self.plan(today, until=date_to), date_from, date_to)

    def calendar(self, date_from: date, date_to: date, today: date) -> CalendarData:
        _check_period(date_from, date_to)
        plan = self.plan(today, until=date_to)
        return CalendarData(
            date_from,
            date_to,
            today,
            tuple(plan.between(date_from, date_to)),
            tuple(plan.catch_up()),
        )

    def weekly_review(self, today: date, day: date | None = None) -> list[PlanItem]:
        """The actions of the week containing `day` (default today), biggest amount first."""
        monday, sunday = week_of(day or today)
        return self.plan(today, until=sunday).week_review(monday, sunday)

    # --- what the user does -----------------------------------------------------------------

    def find_action(self, key: str, today: date, horizon_days: int = 400) -> PlannedAction:
        """The plan action of that key (an overdue one counts), up to a far horizon."""
        for item in self.plan(today, until=today + timedelta(days=horizon_days)).items:
            if item.action.key == key:
                return item.action
        raise NotFound(_("no planned action has the key {key}").format(key=key))

    def record(
        self,
        key: str,
        outcome: str,
        today: date,
        on: date | None = None,
        until: date | None = None,
        reason: str = "",
    ) -> PlannedAction:
        """`relance record`: done on a day, skipped with a reason, snoozed until a day."""
        action = self.find_action(key, today)
        day = on or today
        if outcome == "done":
            self._recorder.done(action, day, reason)
        elif outcome == "skipped":
            self._recorder.skip(action, day, reason)
        else:
            if until is None:
                raise InvalidInput(Problem(_("say until when"), column="until"))
            self._recorder.snooze(action, day, until, reason)
        return action

    def already_reminded(
        self,
        client_id: int,
        invoice_ids: tuple[int, ...],
        level_code: str,
        on: date,
        channel: str,
        today: date,
        note: str = "",
    ) -> Recorded:
        return self._recorder.already_reminded(
            client_id, invoice_ids, level_code, on, channel, today, note
        )

    def escalate(self, action: PlannedAction, level_code: str, on: date, reason: str) -> Recorded:
        return self._recorder.escalate(action, level_code, on, reason)

    def done(
        self,
        action: PlannedAction,
        on: date,
        note: str = "",
        document_path: str = "",
        document_sha256: str = "",
    ) -> Recorded:
        return self._recorder.done(action, on, note, document_path, document_sha256)

    def skip(self, action: PlannedAction, on: date, reason: str) -> Recorded:
        return self._recorder.skip(action, on, reason)

    def snooze(self, action: PlannedAction, on: date, until: date, note: str = "") -> Recorded:
        return self._recorder.snooze(action, on, until, note)

    def call(self, action: PlannedAction, on: date, outcome: CallOutcome) -> Recorded:
        return self._recorder.call(action, on, outcome)

    def undo(self, recorded: Recorded) -> Changes:
        """Take back a done, skip or snooze: its history rows go, the action is planned again."""
        return self._recorder.undo(recorded)

    def history(self, client_id: int) -> list[ClientEvent]:
        """The client's reminders and activities, newest first."""
        return self._recorder.history(client_id)

    def preview(self, action: PlannedAction, today: date, level: Level | None = None) -> Preview:
        from app.services.followup.labels import level_name

        return self._documents.preview(action, today, level_name(action.level_code, level))

    def perform(self, action: PlannedAction, today: date, note: str = "") -> Performed:
        """Carry the action out, then record it: a letter is written as a PDF (its email copy
        opened when the level asks for one), an email opens in the user's mail client; the
        document is kept as evidence with its SHA-256. A call or a task is recorded as done.
        Nothing is recorded when the email cannot be opened."""
        from app.services.followup.documents import Sent

        sent = Sent()
        if action.channel.is_paper:
            sent = self._documents.send_letter(action, today)
        elif action.channel is Channel.EMAIL:
            sent = self._documents.send_email(action, today)
        document = sent.document
        recorded = self._recorder.done(
            action,
            today,
            note,
            str(document.path) if document else "",
            document.sha256 if document else "",
        )
        return Performed(
            recorded, document.path if document else None, sent.mail, sent.mail_problem
        )

    def draft_pdf(self, action: PlannedAction, today: date) -> Path | None:
        """The PDF the letter would be, to look at before doing it (not kept)."""
        return self._documents.draft_pdf(action, today)

    def documents_folder(self, client_code: str, client_id: int | None = None) -> Path:
        """Where the documents sent to that client are kept."""
        if client_id is None:
            with self._uow() as uow:
                client_id = parties.client_id(uow.session, client_code)
        if client_id is None:
            raise NotFound(_("no such client"))
        return self._documents.folder(client_code, client_id)

    def documents_folders(self, client_code: str) -> list[Path]:
        """The client's documents folder, then the one of older versions if it exists."""
        documents = self._documents
        old = legacy_folder(documents.root(), documents.company(), client_code)
        return [self.documents_folder(client_code), *([old] if old.is_dir() else [])]

    # --- policies -------------------------------------------------------------------------

    def policies(self) -> list[PolicyInfo]:
        return self._policies.policies()

    def policy(self, code: str) -> PolicyInfo:
        return self._policies.policy(code)

    def save_policy(
        self,
        code: str,
        name: str,
        levels: Sequence[Level],
        *,
        free_reminder_wait: FreeReminderWait | None = None,
        replaces: str | None = None,
        is_default: bool | None = None,
        for_consumers: bool | None = None,
        min_gap_days: int = DEFAULT_MIN_GAP_DAYS,
        min_amount: Decimal = DEFAULT_MIN_AMOUNT,
    ) -> PolicyInfo:
        return self._policies.save(
            code,
            name,
            levels,
            free_reminder_wait=free_reminder_wait,
            replaces=replaces,
            is_default=is_default,
            for_consumers=for_consumers,
            min_gap_days=min_gap_days,
            min_amount=min_amount,
        )

    def delete_policy(self, code: str) -> None:
        self._policies.delete(code)

    def restore_policy(self, code: str) -> PolicyInfo:
        return self._policies.restore(code)

    def set_client_policy(self, client_id: int, code: str | None) -> None:
        self._policies.set_client_policy(client_id, code)


def _check_period(date_from: date, date_to: date) -> None:
    if date_to < date_from:
        raise InvalidInput(_("the end of the period is before its start"))


def _default_documents_root() -> Path:
    from app.paths import user_data_dir

    return user_data_dir() / "documents"
