"""Dunning policies stored in the dossier, read and written as domain `Policy` values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.orm import Session

from app.db.models import Client, DunningLevel, DunningPolicy
from app.domain.followup.policy import (
    Anchor,
    AppliesTo,
    Channel,
    Fee,
    FreeReminderWait,
    Level,
    Policy,
)
from app.domain.money import ZERO


@dataclass(frozen=True)
class StoredPolicy:
    id: int
    policy: Policy
    is_default: bool
    for_consumers: bool
    client_count: int


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(DunningPolicy)) or 0)


def load_all(session: Session) -> list[StoredPolicy]:
    """Every policy with its levels in order (two queries), default first, then by code."""
    rows = list(session.scalars(select(DunningPolicy)))
    levels: dict[int, list[DunningLevel]] = {}
    for level in session.scalars(select(DunningLevel).order_by(DunningLevel.position)):
        levels.setdefault(level.policy_id, []).append(level)
    users = dict(
        session.execute(
            select(Client.dunning_policy_id, func.count())
            .where(Client.dunning_policy_id.is_not(None))
            .group_by(Client.dunning_policy_id)
        )
        .tuples()
        .all()
    )
    stored = [
        StoredPolicy(
            row.id,
            _to_policy(row, levels.get(row.id, [])),
            row.is_default,
            row.for_consumers,
            int(users.get(row.id, 0)),
        )
        for row in rows
    ]
    return sorted(stored, key=lambda s: (not s.is_default, not s.for_consumers, s.policy.code))


def _to_policy(row: DunningPolicy, levels: list[DunningLevel]) -> Policy:
    wait = None
    if row.free_reminder_level:
        wait = FreeReminderWait(
            row.free_reminder_level, row.free_reminder_days, row.free_reminder_paper_delay
        )
    return Policy(
        code=row.code,
        name=row.name,
        levels=tuple(
            Level(
                code=lv.code,
                days=lv.days,
                channel=Channel(lv.channel),
                template=lv.template,
                anchor=Anchor(lv.anchor),
                fee=Fee(lv.fee_fixed, lv.fee_percent or ZERO),
                needs_confirmation=lv.needs_confirmation,
                applies_to=AppliesTo(lv.applies_to),
                also_email=lv.also_email,
                claims_interest=lv.claims_interest,
                claims_indemnity=lv.claims_indemnity,
                name=lv.name,
                attach_statement=lv.attach_statement,
            )
            for lv in levels
        ),
        free_reminder_wait=wait,
        min_gap_days=row.min_gap_days,
        min_amount=row.min_amount,
    )


def find_id(session: Session, code: str) -> int | None:
    return session.scalar(select(DunningPolicy.id).where(DunningPolicy.code == code))


def save(
    session: Session,
    policy: Policy,
    *,
    replaces: str | None = None,
    is_default: bool | None = None,
    for_consumers: bool | None = None,
) -> int:
    """Insert the policy, or overwrite the one coded `replaces` (its levels are replaced)."""
    row = None
    if replaces is not None:
        row = session.scalar(select(DunningPolicy).where(DunningPolicy.code == replaces))
    if row is None:
        row = DunningPolicy(
            code=policy.code,
            name=policy.name,
            is_default=bool(is_default),
            for_consumers=bool(for_consumers),
        )
        session.add(row)
    row.code, row.name = policy.code, policy.name
    if is_default is not None:
        if is_default:
            session.execute(update(DunningPolicy).values(is_default=False))
        row.is_default = is_default
    if for_consumers is not None:
        if for_consumers:
            session.execute(update(DunningPolicy).values(for_consumers=False))
        row.for_consumers = for_consumers
    wait = policy.free_reminder_wait
    row.free_reminder_level = wait.first_reminder if wait else None
    row.free_reminder_days = wait.days if wait else 14
    row.free_reminder_paper_delay = wait.paper_delay_working_days if wait else 3
    row.min_gap_days = policy.min_gap_days
    row.min_amount = policy.min_amount
    session.flush()
    session.execute(delete(DunningLevel).where(DunningLevel.policy_id == row.id))
    for position, level in enumerate(policy.levels):
        session.add(
            DunningLevel(
                policy_id=row.id,
                position=position,
                code=level.code,
                name=level.name,
                days=level.days,
                anchor=level.anchor.value,
                channel=level.channel.value,
                template=level.template,
                fee_fixed=level.fee.fixed,
                fee_percent=level.fee.percent if level.fee.percent else None,
                needs_confirmation=level.needs_confirmation,
                applies_to=level.applies_to.value,
                also_email=level.also_email,
                claims_interest=level.claims_interest,
                claims_indemnity=level.claims_indemnity,
                attach_statement=level.attach_statement,
            )
        )
    session.flush()
    return row.id


def remove(session: Session, code: str) -> None:
    """Delete the policy; its clients fall back to the default for their type."""
    policy_id = find_id(session, code)
    if policy_id is None:
        return
    session.execute(
        update(Client)
        .where(Client.dunning_policy_id == policy_id)
        .values(dunning_policy_id=None, version=Client.version + 1)
    )
    session.execute(delete(DunningLevel).where(DunningLevel.policy_id == policy_id))
    session.execute(delete(DunningPolicy).where(DunningPolicy.id == policy_id))


def set_client_policy(session: Session, client_id: int, policy_id: int | None) -> bool:
    done = session.execute(
        update(Client)
        .where(Client.id == client_id)
        .values(dunning_policy_id=policy_id, version=Client.version + 1)
    )
    return bool(cast(CursorResult[Any], done).rowcount)


def code_of(session: Session, policy_id: int | None) -> str | None:
    if policy_id is None:
        return None
    return session.scalar(select(DunningPolicy.code).where(DunningPolicy.id == policy_id))
