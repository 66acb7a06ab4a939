"""Client register: search, create, edit, archive; deleting is refused once there is a ledger."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from app.db.models import Client
from app.db.queries import client_list as q
from app.db.repositories import dunning_policies
from app.db.repositories import parties as repo
from app.db.uow import UnitOfWork
from app.domain.errors import Conflict, InvalidInput, NotFound, Problem
from app.domain.filters import ClientFilter
from app.i18n import _
from app.services.changes import Changes
from app.services.followup.client_policy import PolicyOptions
from app.services.followup.policies import PolicyBook
from app.services.ledger.client_validation import ContactData, checked_contacts, checked_values


def _stale_message() -> str:
    return _(
        "someone else changed this client in the meantime; close the dialog, reopen the "
        "client and make your change again"
    )


@dataclass(frozen=True)
class ClientData:
    """What the client dialog edits; `version` guards against overwriting someone's change."""

    code: str
    name: str
    client_type: str = "business"
    email: str = ""
    phone: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    country: str = "FR"
    language: str = "fr"
    legal_id: str = ""
    vat_number: str = ""
    iban: str = ""
    payment_terms: str = ""  # "" = the company's default; "30", "45 days end of month"
    credit_limit: Decimal | None = None
    preferred_channel: str = "email"
    dunning_blocked: bool = False
    dunning_blocked_reason: str = ""
    dunning_policy: str = ""  # a policy code; "" = the default for the client's type
    notes: str = ""
    archived: bool = False
    contacts: tuple[ContactData, ...] = ()
    id: int | None = None
    version: int | None = None

    @property
    def changes(self) -> Changes:
        """Saving a client moves its register row and, through its policy and block, its
        reminders."""
        ids = frozenset({self.id}) if self.id is not None else frozenset()
        return Changes(clients=True, reminders=True, client_ids=ids)


@dataclass(frozen=True)
class ClientListItem:
    id: int
    code: str
    name: str
    client_type: str
    preferred_channel: str
    terms_days: int | None
    terms_end_of_month: bool
    city: str
    email: str
    dunning_blocked: bool
    archived: bool
    balances: dict[str, Decimal] = field(default_factory=dict)
    overdue: dict[str, Decimal] = field(default_factory=dict)
    oldest_overdue_days: int | None = None
    risk: str | None = None


@dataclass(frozen=True)
class ClientChoice:
    id: int
    code: str
    name: str
    city: str


def terms_text(days: int | None, end_of_month: bool) -> str:
    if days is None:
        return ""
    if end_of_month:
        return _("{days} days end of month").format(days=days)
    return _("{days} days").format(days=days)


class ClientService:
    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self._uow = uow

    # -- register -------------------------------------------------------------------------
    def count(self, flt: ClientFilter) -> int:
        with self._uow() as uow:
            return q.count(uow.session, flt)

    def page(
        self,
        flt: ClientFilter,
        today: date,
        sort: str = "code",
        descending: bool = False,
        after: ClientListItem | None = None,
        limit: int = 500,
    ) -> list[ClientListItem]:
        """One page of the register with the balances of those clients only."""
        key = (q.sort_value(after, sort), after.id) if after is not None else None  # type: ignore[arg-type]
        with self._uow() as uow:
            rows = q.page(uow.session, flt, sort, descending, key, limit)
            figures = q.figures(uow.session, [r.id for r in rows], today)
        balances: dict[int, dict[str, Decimal]] = {}
        overdue: dict[int, dict[str, Decimal]] = {}
        oldest: dict[int, int] = {}
        for f in figures:
            balances.setdefault(f.client_id, {})[f.currency] = f.balance
            if f.overdue:
                overdue.setdefault(f.client_id, {})[f.currency] = f.overdue
            if f.oldest_due is not None:
                days = (today - f.oldest_due).days
                oldest[f.client_id] = max(days, oldest.get(f.client_id, 0))
        return [
            ClientListItem(
                **{name: getattr(r, name) for name in r.__dataclass_fields__},
                balances=balances.get(r.id, {}),
                overdue=overdue.get(r.id, {}),
                oldest_overdue_days=oldest.get(r.id),
            )
            for r in rows
        ]

    def choices(self, text: str = "", limit: int = 50) -> list[ClientChoice]:
        with self._uow() as uow:
            return [ClientChoice(*row) for row in repo.choices(uow.session, text.strip(), limit)]

    def next_code(self) -> str:
        with self._uow() as uow:
            return repo.next_code(repo.last_code(uow.session))

    def policy_options(self) -> PolicyOptions:
        """The follow-up policies a client can be given (the built-in ones seeded on first use)."""
        return PolicyOptions(tuple(PolicyBook(self._uow).policies()))

    # -- one client -----------------------------------------------------------------------
    def get(self, client_id: int) -> ClientData:
        with self._uow() as uow:
            row = repo.get_client(uow.session, client_id)
            if row is None:
                raise NotFound(_("this client no longer exists"))
            contacts = tuple(
                ContactData(c.name, c.role, c.email, c.phone, c.is_reminder_contact, c.id)
                for c in repo.contacts(uow.session, client_id)
            )
            return _to_data(
                row, contacts, dunning_policies.code_of(uow.session, row.dunning_policy_id) or ""
            )

    def create(self, data: ClientData) -> ClientData:
        values, contacts = self._validate(data)
        with self._uow() as uow:
            if repo.code_taken(uow.session, values["code"]):
                raise InvalidInput(
                    _problem(
                        _("the code {code} is already used by another client").format(
                            code=values["code"]
                        ),
                        "code",
                    )
                )
            values["dunning_policy_id"] = _policy_id(uow, data.dunning_policy)
            row = Client(**values)
            uow.session.add(row)
            repo.save(uow.session, _stale_message())
            repo.replace_contacts(uow.session, row.id, contacts)
            uow.commit()
            client_id = row.id
        return self.get(client_id)

    def update(self, data: ClientData) -> ClientData:
        if data.id is None:
            raise NotFound(_("this client no longer exists"))
        values, contacts = self._validate(data)
        with self._uow() as uow:
            row = repo.get_client(uow.session, data.id)
            if row is None:
                raise NotFound(_("this client no longer exists"))
            if data.version is not None and row.version != data.version:
                raise Conflict(_stale_message())
            if repo.code_taken(uow.session, values["code"], except_id=row.id):
                raise InvalidInput(
                    _problem(
                        _("the code {code} is already used by another client").format(
                            code=values["code"]
                        ),
                        "code",
                    )
                )
            values["dunning_policy_id"] = _policy_id(uow, data.dunning_policy)
            for name, value in values.items():
                setattr(row, name, value)
            repo.save(uow.session, _stale_message())
            repo.replace_contacts(uow.session, row.id, contacts)
            uow.commit()
        return self.get(data.id)

    def set_archived(self, client_id: int, archived: bool, version: int | None = None) -> Changes:
        """Archive (hide from the register and pickers) or restore."""
        with self._uow() as uow:
            row = repo.get_client(uow.session, client_id)
            if row is None:
                raise NotFound(_("this client no longer exists"))
            if version is not None and row.version != version:
                raise Conflict(_stale_message())
            row.archived = archived
            repo.save(uow.session, _stale_message())
            uow.commit()
            return Changes(clients=True, reminders=True, client_ids=frozenset({client_id}))

    def delete(self, client_id: int) -> Changes:
        """Only a client with no invoice and no payment can go; others are archived."""
        with self._uow() as uow:
            row = repo.get_client(uow.session, client_id)
            if row is None:
                raise NotFound(_("this client no longer exists"))
            if repo.has_ledger(uow.session, client_id):
                raise Conflict(
                    _(
                        "{code} has invoices or payments and cannot be deleted: archive it "
                        "instead, its history stays in the dossier"
                    ).format(code=row.code)
                )
            repo.delete_client(uow.session, row)
            uow.commit()
        return Changes(clients=True, client_ids=frozenset({client_id}))

    def _validate(self, data: ClientData) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        values, problems = checked_values(data)
        contacts, contact_problems = checked_contacts(data.contacts)
        problems += contact_problems
        if problems:
            raise InvalidInput(problems)
        return values, contacts


def _problem(message: str, column: str) -> Problem:
    return Problem(message, column=column)


def _policy_id(uow: UnitOfWork, code: str) -> int | None:
    if not code.strip():
        return None
    policy_id = dunning_policies.find_id(uow.session, code.strip())
    if policy_id is None:
        raise InvalidInput(_problem(_("choose a follow-up policy from the list"), "dunning_policy"))
    return policy_id


def _to_data(row: Client, contacts: tuple[ContactData, ...], policy: str) -> ClientData:
    return ClientData(
        code=row.code,
        name=row.name,
        client_type=row.client_type,
        email=row.email,
        phone=row.phone,
        address=row.address,
        postcode=row.postcode,
        city=row.city,
        country=row.country,
        language=row.language,
        legal_id=row.legal_id,
        vat_number=row.vat_number,
        iban=row.iban,
        payment_terms=terms_text(row.payment_terms_days, row.terms_end_of_month),
        credit_limit=row.credit_limit,
        preferred_channel=row.preferred_channel,
        dunning_blocked=row.dunning_blocked,
        dunning_blocked_reason=row.dunning_blocked_reason,
        dunning_policy=policy,
        notes=row.notes,
        archived=row.archived,
        contacts=contacts,
        id=row.id,
        version=row.version,
    )


__all__ = ["ClientData", "ClientListItem", "ClientService", "ContactData"]
