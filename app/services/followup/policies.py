"""Dunning policies of the dossier: seeded from the built-in ladders, edited in the settings page,
chosen per client; and the planner settings they make."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.models import Company
from app.db.repositories import dunning_policies as repo
from app.db.repositories.company import get_company
from app.db.uow import UnitOfWork
from app.domain.errors import Conflict, InvalidInput, NotFound, Problem
from app.domain.followup.inputs import CompanySettings
from app.domain.followup.policy import (
    DEFAULT_ADMIN_FEE,
    DEFAULT_MIN_AMOUNT,
    DEFAULT_MIN_GAP_DAYS,
    NO_FEE,
    Fee,
    FreeReminderWait,
    InvalidPolicy,
    Level,
    Policy,
    consumer_policy,
    default_policy,
)
from app.i18n import _
from app.services.followup.labels import policy_name, policy_problem


@dataclass(frozen=True)
class PolicyInfo:
    """A policy as the settings page shows it."""

    id: int
    policy: Policy
    is_default: bool
    for_consumers: bool
    client_count: int

    @property
    def code(self) -> str:
        return self.policy.code

    @property
    def label(self) -> str:
        return policy_name(self.policy)

    @property
    def is_builtin(self) -> bool:
        return self.is_default or self.for_consumers


def company_admin_fee(company: Company) -> Fee:
    return Fee(fixed=company.admin_fee) if company.admin_fee else DEFAULT_ADMIN_FEE


def builtin_policy(code: str, company: Company) -> Policy:
    """The ladder a built-in policy code starts from (DESIGN.md; consumers per country)."""
    if code == "default":
        return default_policy(company_admin_fee(company))
    if code in ("consumer", "consumer_be"):
        return consumer_policy("BE" if code == "consumer_be" else "FR")
    raise NotFound(_("{code} is not a built-in policy").format(code=code))


def ensure_policies(session: Session, company: Company) -> None:
    """First use: store the default and consumer ladders so the user can edit them."""
    if repo.count(session):
        return
    repo.save(session, builtin_policy("default", company), is_default=True, for_consumers=False)
    consumer = "consumer_be" if company.country == "BE" else "consumer"
    repo.save(session, builtin_policy(consumer, company), is_default=False, for_consumers=True)


def _without_fees(policy: Policy) -> Policy:
    return replace(policy, levels=tuple(replace(level, fee=NO_FEE) for level in policy.levels))


def planner_settings(session: Session, company: Company) -> CompanySettings:
    """The stored policies as the planner takes them; fees only when the company charges them."""
    stored = repo.load_all(session)
    policies = {
        s.policy.code: s.policy if company.admin_fee_enabled else _without_fees(s.policy)
        for s in stored
    }
    default = next((policies[s.policy.code] for s in stored if s.is_default), None)
    consumer = next((policies[s.policy.code] for s in stored if s.for_consumers), None)
    return CompanySettings(
        country=company.country,
        admin_fee_enabled=company.admin_fee_enabled,
        admin_fee=company_admin_fee(company),
        default_policy=default,
        consumer_policy=consumer,
        policies=policies,
    )


def build_policy(
    code: str,
    name: str,
    levels: Sequence[Level],
    wait: FreeReminderWait | None = None,
    min_gap_days: int = DEFAULT_MIN_GAP_DAYS,
    min_amount: Decimal = DEFAULT_MIN_AMOUNT,
) -> Policy:
    """A valid policy, or InvalidInput with one translated problem naming the level."""
    try:
        return Policy(code.strip(), name.strip(), tuple(levels), wait, min_gap_days, min_amount)
    except InvalidPolicy as error:
        problem = Problem(policy_problem(error.reason), column=error.level_code)
        raise InvalidInput(problem) from error


class PolicyBook:
    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self._uow = uow
        self._seeding = threading.Lock()

    def _company(self, uow: UnitOfWork) -> Company:
        company = get_company(uow.session)
        if company is None:
            raise NotFound(_("this dossier has no company yet"))
        return company

    def ensure(self) -> None:
        """Seed the built-in policies once (two users opening at once: the second one waits)."""
        with self._seeding, self._uow() as uow:  # the window's threads: one seeds
            if repo.count(uow.session):
                return
            try:
                ensure_policies(uow.session, self._company(uow))
                uow.commit()
            except IntegrityError:  # another desk seeded them first: theirs stand
                uow.session.rollback()

    def policies(self) -> list[PolicyInfo]:
        self.ensure()
        with self._uow() as uow:
            return [
                PolicyInfo(s.id, s.policy, s.is_default, s.for_consumers, s.client_count)
                for s in repo.load_all(uow.session)
            ]

    def policy(self, code: str) -> PolicyInfo:
        for info in self.policies():
            if info.code == code:
                return info
        raise NotFound(_("no follow-up policy coded {code}").format(code=code))

    def save(
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
        """Create a policy, or overwrite the one coded `replaces`; the plan follows at once."""
        policy = build_policy(code, name, levels, free_reminder_wait, min_gap_days, min_amount)
        self.ensure()
        with self._uow() as uow:
            taken = repo.find_id(uow.session, policy.code)
            if taken is not None and policy.code != replaces:
                raise Conflict(_("a policy coded {code} already exists").format(code=policy.code))
            if replaces is not None and repo.find_id(uow.session, replaces) is None:
                raise NotFound(_("no follow-up policy coded {code}").format(code=replaces))
            repo.save(
                uow.session,
                policy,
                replaces=replaces,
                is_default=is_default,
                for_consumers=for_consumers,
            )
            uow.commit()
        return self.policy(policy.code)

    def delete(self, code: str) -> None:
        info = self.policy(code)
        if info.is_builtin:
            raise Conflict(_("the default policies cannot be deleted; change their levels"))
        with self._uow() as uow:
            repo.remove(uow.session, code)
            uow.commit()

    def restore(self, code: str) -> PolicyInfo:
        """Put a built-in policy back to its original ladder."""
        info = self.policy(code)
        if not info.is_builtin:
            raise NotFound(_("{code} is not a built-in policy").format(code=code))
        with self._uow() as uow:
            company = self._company(uow)
            if info.is_default:
                base = builtin_policy("default", company)
            else:
                base = builtin_policy(
                    "consumer_be" if company.country == "BE" else "consumer", company
                )
            repo.save(
                uow.session, replace(base, code=info.code, name=info.policy.name), replaces=code
            )
            uow.commit()
        return self.policy(info.code)

    def set_client_policy(self, client_id: int, code: str | None) -> None:
        """Give a client its own policy (None: back to the default for its type)."""
        self.ensure()
        with self._uow() as uow:
            policy_id = None
            if code is not None:
                policy_id = repo.find_id(uow.session, code)
                if policy_id is None:
                    raise NotFound(_("no follow-up policy coded {code}").format(code=code))
            if not repo.set_client_policy(uow.session, client_id, policy_id):
                raise NotFound(_("no such client"))
            uow.commit()
