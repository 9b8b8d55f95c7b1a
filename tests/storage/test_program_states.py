"""A program's states are held by the schema: the CHECK constraints list the same states
as the code's enums, refuse any other, and their migration runs on a filled database on
both engines (down and up again, every row kept)."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, func, select, update
from sqlalchemy.exc import IntegrityError

from goodword.programs.rules.rewards import ProgramKind, RewardStatus, RewardType
from goodword.programs.rules.states import (
    ConversionStatus,
    LeadStatus,
    OutboxStatus,
    ProgramStatus,
    Review,
)
from goodword.services.backups import backup, restore
from goodword.services.workspaces import LOCAL_WORKSPACE, ensure_workspace
from goodword.storage.base import table_of
from goodword.storage.engine import make_engine
from goodword.storage.migrate import MIGRATIONS, _config, upgrade
from goodword.storage.tables import Base, Conversion, Lead, OutboxMessage, Program, RewardRow
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW, pg_schema
from tests.programs.test_program_pipeline import convert, lead, new_program

ENUMS: dict[tuple[str, str], type[StrEnum]] = {
    ("programs", "kind"): ProgramKind,
    ("programs", "status"): ProgramStatus,
    ("leads", "status"): LeadStatus,
    ("leads", "review"): Review,
    ("conversions", "status"): ConversionStatus,
    ("conversions", "review"): Review,
    ("rewards", "status"): RewardStatus,
    ("rewards", "reward_type"): RewardType,
    ("outbox", "status"): OutboxStatus,
}


def _migration() -> dict[str, dict[str, tuple[str, ...]]]:
    path = MIGRATIONS / "versions" / "0013_program_states_checked.py"
    spec = importlib.util.spec_from_file_location("states_migration", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    states: dict[str, dict[str, tuple[str, ...]]] = module.STATES
    return states


def test_the_migration_and_the_models_check_the_enums_states() -> None:
    migration = _migration()
    for (table, column), states in ENUMS.items():
        values = tuple(s.value for s in states)
        assert migration[table][column] == values, (table, column)
        checks = [
            str(c.sqltext)
            for c in Base.metadata.tables[table].constraints
            if c.name == f"ck_{table}_{column}"
        ]
        assert checks == [f"{column} IN ({', '.join(repr(v) for v in values)})"]
    assert {(t, c) for t, cols in migration.items() for c in cols} == set(ENUMS)


def test_a_state_the_code_does_not_know_is_refused(uow: UnitOfWork, engine: Engine) -> None:
    program, ana, _ = new_program(uow)
    lead(uow, program, "bo@example.com", ana)
    convert(uow, program, "bo@example.com", "A-1")
    for model, column in (
        (Program, "status"),
        (Lead, "status"),
        (Lead, "review"),
        (Conversion, "status"),
        (RewardRow, "status"),
        (OutboxMessage, "status"),
    ):
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(update(table_of(model)).values({column: "won"}))


def _fill(engine: Engine) -> None:
    uow = UnitOfWork(engine, ensure_workspace(engine, LOCAL_WORKSPACE, NOW))
    program, ana, cy = new_program(uow)
    for n in range(5):
        lead(uow, program, f"friend{n}@example.com", ana if n % 2 else cy)
    convert(uow, program, "friend1@example.com", "A-1")
    convert(uow, program, "friend2@example.com", "A-2")


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table: connection.scalar(select(func.count()).select_from(Base.metadata.tables[table]))
            or 0
            for table in ("programs", "advocates", "leads", "conversions", "rewards", "outbox")
        }


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_urls(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty databases, not migrated: the test chooses how far."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'filled.db'}", f"sqlite:///{tmp_path / 'other.db'}"
        return
    with pg_schema("gw_states") as first, pg_schema("gw_states") as second:
        yield first, second


def test_the_states_migration_runs_on_a_filled_database(empty_urls: tuple[str, str]) -> None:
    engine = make_engine(empty_urls[0])
    upgrade(engine, "0012")
    _fill(engine)
    before = _counts(engine)
    assert before["rewards"] >= 2 and before["outbox"] >= 2 and before["leads"] == 5
    upgrade(engine)
    assert _counts(engine) == before
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(update(table_of(Lead)).values(status="won"))
    command.downgrade(_config(engine), "0012")
    assert _counts(engine) == before
    upgrade(engine)
    assert _counts(engine) == before
    engine.dispose()


def test_a_backup_from_before_the_states_restores_after(empty_urls: tuple[str, str]) -> None:
    """Written by a database at 0012, read back by one at head: the same rows."""
    old = make_engine(empty_urls[0])
    upgrade(old, "0012")
    _fill(old)
    written = backup(UnitOfWork(old, ensure_workspace(old, LOCAL_WORKSPACE, NOW)), NOW)
    before = _counts(old)
    old.dispose()
    new = make_engine(empty_urls[1])
    upgrade(new)
    report = restore(
        UnitOfWork(new, ensure_workspace(new, LOCAL_WORKSPACE, NOW)), written, merge=False
    )
    assert report.tables["rewards"] == before["rewards"] > 0
    assert _counts(new) == before
    with new.connect() as connection:
        states = connection.execute(select(table_of(Lead).c.status)).scalars().all()
    assert sorted(states) == ["converted", "converted", "new", "new", "new"]
    new.dispose()
