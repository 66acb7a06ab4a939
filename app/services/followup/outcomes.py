"""What was done with an action: done, skipped, snoozed, or a call and what it gave.

Everything goes to the client's history (reminders and activities); the plan is recomputed
from that history, so nothing done is ever planned again.
"""

from __future__ import annotations

import getpass
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from app.db.queries.followup_inputs import ClientEvent, client_events
from app.db.repositories import followup as repo
from app.db.repositories.company import get_company
from app.db.uow import UnitOfWork
from app.domain.errors import Conflict, InvalidInput, Problem
from app.domain.followup.inputs import PlannedAction
from app.domain.followup.policy import Channel
from app.domain.money import ZERO, quantize
from app.domain.workdays import nth_working_day_after
from app.i18n import _
from app.services.changes import Changes

CALL_OUTCOMES = ("promise", "dispute", "wrong_contact", "no_answer")


@dataclass(frozen=True)
class CallOutcome:
    """What a phone call gave: a promise to pay (date, amount), a dispute (reason), a wrong
    contact, or no answer (the call is tried again on the next working day)."""

    kind: str
    note: str = ""
    promised_date: date | None = None
    promised_amount: Decimal | None = None


@dataclass(frozen=True)
class Recorded:
    """The reminder written, and for calls the activity; retry_on for an unanswered call."""

    reminder_id: int
    activity_id: int | None = None
    retry_on: date | None = None
    reminder_ids: tuple[int, ...] = ()  # every row written (one per level), for undo

    @property
    def undoable(self) -> bool:
        """Only history rows, nothing else (a call's activity or dispute stays)."""
        return bool(self.reminder_ids) and self.activity_id is None


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def file_sha256(path: str) -> str:
    if not path or not Path(path).is_file():
        return ""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def action_key(action: PlannedAction, level_code: str | None = None) -> str:
    """The unique key of the history row recording that action (at that item level): the
    plan key and day, shortened to a digest."""
    digest = hashlib.sha256(action.key.encode()).hexdigest()[:40]
    return f"{action.date.isoformat()}/{level_code or action.level_code}/{digest}"[:200]


def followed_instalment(action: PlannedAction) -> date | None:
    """The due date the action followed, when all its invoices follow the same one."""
    dues = {item.due_date for item in action.items}
    return dues.pop() if len(dues) == 1 else None


class Recorder:
    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self._uow = uow

    def _reminder(
        self, uow: UnitOfWork, action: PlannedAction, status: str, on: date, **extra: object
    ) -> tuple[int, ...]:
        """One row per distinct level of the action's invoices (each invoice's history stays
        true); their ids, the first one at the action's level. A second record of the same
        action is a Conflict."""
        extra.setdefault("channel", action.channel.value)
        levels: dict[str, list[int]] = {}
        for item in action.items:
            levels.setdefault(item.level_code or action.level_code, []).append(item.invoice_id)
        if status == "escalated":
            levels = {action.level_code: list(action.invoice_ids)}
        written: list[int] = []
        for code, ids in sorted(levels.items(), key=lambda pair: pair[0] != action.level_code):
            key = action_key(action, code if code != action.level_code else None)
            if status == "escalated":
                key = f"{key}/escalated"
            known = repo.recorded_action(uow.session, key)
            if known is not None:
                raise _already(*known)
            try:
                with uow.session.begin_nested():
                    reminder_id = repo.add_reminder(
                        uow.session,
                        client_id=action.client_id,
                        level_code=code,
                        planned_date=action.date,
                        status=status,
                        invoice_ids=tuple(ids),
                        done_on=on,
                        user_name=current_user(),
                        instalment_due=followed_instalment(action),
                        action_key=key,
                        **extra,  # type: ignore[arg-type]
                    )
            except IntegrityError:
                known = repo.recorded_action(uow.session, key)
                raise _already(*(known or ("", ""))) from None
            written.append(reminder_id)
        return tuple(written)

    def escalate(self, action: PlannedAction, level_code: str, on: date, reason: str) -> Recorded:
        """The user asked, with a confirmation, for that level now for the action's invoices:
        the only way the ladder jumps. The reason goes in the note."""
        if not reason.strip():
            raise InvalidInput(Problem(_("say why the ladder jumps"), column="reason"))
        escalated = _retarget(action, level_code)
        with self._uow() as uow:
            ids = self._reminder(uow, escalated, "escalated", on, note=reason.strip())
            uow.commit()
        return Recorded(ids[0], reminder_ids=ids)

    def done(
        self,
        action: PlannedAction,
        on: date,
        note: str = "",
        document_path: str = "",
        document_sha256: str = "",
    ) -> Recorded:
        """The action was carried out; the document it produced is kept with its fingerprint."""
        with self._uow() as uow:
            ids = self._reminder(
                uow,
                action,
                "done",
                on,
                note=note.strip(),
                document_path=document_path,
                document_sha256=document_sha256 or file_sha256(document_path),
            )
            uow.commit()
        return Recorded(ids[0], reminder_ids=ids)

    def skip(self, action: PlannedAction, on: date, reason: str) -> Recorded:
        if not reason.strip():
            raise InvalidInput(Problem(_("say why the action is skipped"), column="reason"))
        with self._uow() as uow:
            ids = self._reminder(uow, action, "skipped", on, note=reason.strip())
            uow.commit()
        return Recorded(ids[0], reminder_ids=ids)

    def snooze(self, action: PlannedAction, on: date, until: date, note: str = "") -> Recorded:
        """Nothing more for these invoices before `until`, then the ladder resumes."""
        if until <= on:
            raise InvalidInput(Problem(_("snooze to a later date"), column="until"))
        with self._uow() as uow:
            ids = self._reminder(uow, action, "snoozed", on, snoozed_until=until, note=note.strip())
            uow.commit()
        return Recorded(ids[0], reminder_ids=ids)

    def call(self, action: PlannedAction, on: date, outcome: CallOutcome) -> Recorded:
        """A call is done whatever it gave, except no answer: tried again next working day."""
        _check(outcome, on)
        note = outcome.note.strip()
        with self._uow() as uow:
            company = get_company(uow.session)
            country = company.country if company is not None else "FR"
            retry = None
            if outcome.kind == "no_answer":
                retry = nth_working_day_after(on, 1, country)
                ids = self._reminder(
                    uow,
                    action,
                    "snoozed",
                    on,
                    snoozed_until=retry,
                    note=note,
                    channel=Channel.PHONE.value,
                )
            else:
                ids = self._reminder(
                    uow, action, "done", on, note=note, channel=Channel.PHONE.value
                )
            ids = action.invoice_ids
            currency = next(iter(action.amounts), "EUR")
            activity_id = repo.add_activity(
                uow.session,
                client_id=action.client_id,
                kind="promise" if outcome.kind == "promise" else "call",
                on=on,
                invoice_id=ids[0] if len(ids) == 1 else None,
                outcome=outcome.kind,
                note=note,
                promised_date=outcome.promised_date,
                promised_amount=outcome.promised_amount,
                currency=currency,
                user_name=current_user(),
            )
            if outcome.kind == "dispute":
                repo.mark_disputed(uow.session, ids, note)
            uow.commit()
        return Recorded(ids[0], activity_id, retry, ids)

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
        """ "Already reminded on …": a reminder sent outside Relance, written as done so the
        plan goes on from it."""
        if not invoice_ids:
            raise InvalidInput(Problem(_("choose the invoices reminded"), column="invoices"))
        if on > today:
            raise InvalidInput(
                Problem(_("a reminder already sent is dated today at the latest"), column="date")
            )
        if channel not in ("email", "letter", "phone", "formal_notice"):
            raise InvalidInput(
                Problem(_("channel must be email, letter or phone"), column="channel")
            )
        with self._uow() as uow:
            owners = repo.invoice_clients(uow.session, invoice_ids)
            if set(owners.values()) != {client_id} or len(owners) != len(set(invoice_ids)):
                raise InvalidInput(
                    Problem(_("these invoices are not all this client's"), column="invoices")
                )
            reminder_id = repo.add_reminder(
                uow.session,
                client_id=client_id,
                level_code=level_code,
                channel=channel,
                planned_date=on,
                status="done",
                invoice_ids=invoice_ids,
                done_on=on,
                note=note.strip(),
                user_name=current_user(),
            )
            uow.commit()
        return Recorded(reminder_id, reminder_ids=(reminder_id,))

    def undo(self, recorded: Recorded) -> Changes:
        """Remove exactly the history rows that recording wrote: the action is planned again.
        Refused (nothing removed) when they are gone already, when the recording also wrote
        something else (a call), or when anything was recorded after it on the same invoices."""
        if not recorded.undoable:
            raise Conflict(_("only a done, skipped or snoozed action can be undone"))
        ids = recorded.reminder_ids
        with self._uow() as uow:
            rows = repo.reminder_rows(uow.session, ids)
            if len(rows) != len(set(ids)):
                raise Conflict(_("this action is no longer in the history: undone already?"))
            invoices = repo.reminder_invoice_ids(uow.session, ids)
            later = repo.reminders_after(uow.session, invoices, max(ids), ids)
            if later:
                raise Conflict(
                    _("something was recorded after it on the same invoices: undo that first")
                )
            repo.delete_reminders(uow.session, ids)
            uow.commit()
        return Changes(reminders=True, client_ids=frozenset(row[1] for row in rows))

    def history(self, client_id: int) -> list[ClientEvent]:
        with self._uow() as uow:
            return client_events(uow.session, client_id)


def _check(outcome: CallOutcome, on: date) -> None:
    if outcome.kind not in CALL_OUTCOMES:
        raise InvalidInput(Problem(_("unknown call outcome {kind}").format(kind=outcome.kind)))
    if outcome.kind == "promise":
        if outcome.promised_date is None or outcome.promised_date < on:
            raise InvalidInput(
                Problem(_("a promise to pay needs a date from today on"), column="promised_date")
            )
        amount = outcome.promised_amount
        if amount is not None and (amount <= ZERO or amount != quantize(amount)):
            raise InvalidInput(
                Problem(_("the promised amount must be positive"), column="promised_amount")
            )
    if outcome.kind == "dispute" and not outcome.note.strip():
        raise InvalidInput(Problem(_("say what the client disputes"), column="note"))


def _already(user: object, when: object) -> Conflict:
    return Conflict(
        _("this action was already recorded by {user} on {when}").format(
            user=user or _("another user"), when=str(when)[:16]
        )
    )


def _retarget(action: PlannedAction, level_code: str) -> PlannedAction:
    from dataclasses import replace

    return replace(action, level_code=level_code)
