"""The statements a conversion runs, written once at import and executed on Core rows.

A conversion is the program's hot write: the business's system posts one per order. Through
the ORM each statement cost several times what the database spent on it (building the
statement, the identity map, autoflush); here each is built once with bind parameters, and the
rows come back as plain named tuples the rules read by attribute, like the mapped objects.
The statements are those of the ORM version, the lock and conditional update included.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, bindparam, func, or_, select, update

from goodword.programs.rules.rewards import RewardStatus
from goodword.programs.rules.states import FINISHED, ConversionStatus
from goodword.storage.base import table_of
from goodword.storage.tables import Advocate, Conversion, Lead, Program, RewardRow

_programs = table_of(Program)
_leads = table_of(Lead)
_advocates = table_of(Advocate)
_conversions = table_of(Conversion)
_rewards = table_of(RewardRow)


_PROGRAM = select(_programs).where(
    _programs.c.id == bindparam("id"), _programs.c.workspace_id == bindparam("workspace_id")
)
_BY_ORDER = select(_conversions).where(
    _conversions.c.program_id == bindparam("program_id"),
    _conversions.c.external_id == bindparam("order"),
)
_BY_ORDER_OR_KEY = select(_conversions).where(
    _conversions.c.program_id == bindparam("program_id"),
    or_(
        _conversions.c.external_id == bindparam("order"),
        _conversions.c.idempotency_key == bindparam("key"),
    ),
)
_LEAD = select(_leads).where(_leads.c.id == bindparam("id"))
_LEAD_BY_EMAIL = select(_leads).where(
    _leads.c.program_id == bindparam("program_id"),
    _leads.c.attributed_key == bindparam("key"),
)
_TAKE_LEAD = (
    update(_leads)
    .where(_leads.c.id == bindparam("lead_id"), _leads.c.status.not_in(sorted(FINISHED)))
    .values(status=bindparam("converted"), stage_at=bindparam("now"))
)
_LOCKED_ADVOCATE = (
    select(_advocates).where(_advocates.c.id == bindparam("advocate_id")).with_for_update()
)
_COUNTS = select(
    select(func.count())
    .select_from(_conversions)
    .where(
        _conversions.c.advocate_id == bindparam("advocate_id"),
        _conversions.c.status == ConversionStatus.VALID,
    )
    .scalar_subquery(),
    select(func.count())
    .select_from(_rewards)
    .where(
        _rewards.c.advocate_id == bindparam("advocate_id"),
        _rewards.c.rule.like("conversion:%"),
        _rewards.c.status != RewardStatus.DENIED.value,
    )
    .scalar_subquery(),
)
_REWARDS_OF = (
    select(_rewards, _advocates.c.name.label("advocate_name"))
    .join(_advocates, _advocates.c.id == _rewards.c.advocate_id)
    .where(_rewards.c.conversion_id == bindparam("conversion_id"))
    .order_by(_rewards.c.id)
)


def program(connection: Connection, workspace_id: int, program_id: int) -> Row[Any] | None:
    return connection.execute(_PROGRAM, {"id": program_id, "workspace_id": workspace_id}).first()


def earlier(
    connection: Connection, program_id: int, order: str, key: str | None
) -> Sequence[Row[Any]]:
    """This program's conversions with the same order id or Idempotency-Key."""
    if key is None:
        return connection.execute(_BY_ORDER, {"program_id": program_id, "order": order}).all()
    values = {"program_id": program_id, "order": order, "key": key}
    return connection.execute(_BY_ORDER_OR_KEY, values).all()


def lead(connection: Connection, lead_id: int) -> Row[Any] | None:
    return connection.execute(_LEAD, {"id": lead_id}).first()


def lead_by_email(connection: Connection, program_id: int, key: str) -> Row[Any] | None:
    return connection.execute(_LEAD_BY_EMAIL, {"program_id": program_id, "key": key}).first()


def take_lead(connection: Connection, lead_id: int, converted: str, now: datetime) -> bool:
    """Mark the lead converted unless it already is (or cannot be): whether this call did."""
    values = {"lead_id": lead_id, "converted": converted, "now": now}
    return connection.execute(_TAKE_LEAD, values).rowcount == 1


def locked_advocate(connection: Connection, advocate_id: int) -> Row[Any]:
    """The advocate, locked for the rest of the transaction (PostgreSQL's row lock; SQLite's
    write lock is already held): their conversions are counted one at a time."""
    return connection.execute(_LOCKED_ADVOCATE, {"advocate_id": advocate_id}).one()


def counts(connection: Connection, advocate_id: int) -> tuple[int, int]:
    """The advocate's valid conversions and their conversion rewards not denied, so far."""
    before, paid = connection.execute(_COUNTS, {"advocate_id": advocate_id}).one()
    return int(before or 0), int(paid or 0)


def rewards_of(connection: Connection, conversion_id: int) -> Sequence[Row[Any]]:
    """A conversion's rewards, each with its advocate's name (``advocate_name``)."""
    return connection.execute(_REWARDS_OF, {"conversion_id": conversion_id}).all()
