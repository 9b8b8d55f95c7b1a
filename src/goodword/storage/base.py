"""Declarative base, naming convention (stable constraint names for Alembic), UTC datetimes."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import cast

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, MetaData, Table
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC on every engine and hands back aware UTC datetimes.

    SQLite drops time zones and PostgreSQL keeps them; storing naive UTC on both makes the
    same code compare dates the same way everywhere.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass an aware UTC datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def one_of(column: str, states: type[StrEnum]) -> CheckConstraint:
    """A CHECK that ``column`` holds one of ``states``' values (named ``ck_<table>_<column>``):
    a state the code does not know can never be stored, by any process."""
    values = ", ".join(f"'{state.value}'" for state in states)
    return CheckConstraint(f"{column} IN ({values})", name=column)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class WorkspaceOwned:
    """Every row belongs to a workspace (DESIGN.md §2); no query crosses workspaces."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), index=True
    )


def table_of(model: type[Base]) -> Table:
    """The Core table behind a mapped class (bulk inserts skip the ORM's per-row work)."""
    return cast(Table, model.__table__)
