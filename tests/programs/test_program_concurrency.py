"""Exactly once under concurrency: the same conversion posted 1,000 times from threads and
from two processes, and two workers over 10,000 due rewards."""

from __future__ import annotations

import multiprocessing
import shutil
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, func, insert, select
from typer.testing import CliRunner

from goodword.cli.app import app
from goodword.domain.errors import Conflict
from goodword.programs.use_cases.advocates import enrol_advocate
from goodword.programs.use_cases.conversions import record_conversion
from goodword.programs.use_cases.due_work import DueReport, release_lease, run_due, take_lease
from goodword.programs.use_cases.leads import create_lead
from goodword.programs.use_cases.programs import create_program
from goodword.schemas.programs import AdvocateCreate, ConversionCreate, LeadCreate, ProgramCreate
from goodword.storage.base import table_of
from goodword.storage.engine import make_engine
from goodword.storage.tables import Conversion, RewardEvent, RewardRow
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW

BODY = ConversionCreate(
    email="bo@example.com", external_id="ORDER-1", amount=Decimal("99"), currency="USD"
)


def setup(uow: UnitOfWork) -> tuple[int, int]:
    program = create_program(
        uow,
        ProgramCreate(
            name="Friends",
            advocate_reward="discount-code:20:USD",
            friend_reward="account-credit:10:USD",
            hold_days=0,
        ),
        NOW,
    )
    advocate = enrol_advocate(
        uow, program.id, AdvocateCreate(name="Ana", email="ana@example.com"), NOW
    )
    create_lead(uow, program.id, LeadCreate(email="bo@example.com", code=advocate.code), NOW)
    return program.id, advocate.id


def post_many(url: str, workspace_id: int, program_id: int, times: int) -> list[int]:
    """One process's (or thread's) share of the replays; returns the conversion ids it got."""
    engine = make_engine(url)
    try:
        return [
            record_conversion(UnitOfWork(engine, workspace_id), program_id, BODY, NOW, "key-1")[
                0
            ].id
            for _ in range(times)
        ]
    finally:
        engine.dispose()


def counts(engine: Engine) -> tuple[int, int]:
    with engine.connect() as connection:
        conversions = connection.scalar(select(func.count()).select_from(Conversion))
        rewards = connection.scalar(select(func.count()).select_from(RewardRow))
    return int(conversions or 0), int(rewards or 0)


def test_the_same_conversion_from_eight_threads_is_recorded_once(
    uow: UnitOfWork, engine: Engine, db_url: str
) -> None:
    program_id, _ = setup(uow)
    with ThreadPoolExecutor(8) as pool:
        got = pool.map(lambda _: post_many(db_url, uow.workspace_id, program_id, 125), range(8))
        ids = {i for chunk in got for i in chunk}
    assert len(ids) == 1
    assert counts(engine) == (1, 2)  # one conversion, one reward per rule


def test_the_same_conversion_1000_times_from_two_processes_is_recorded_once(
    uow: UnitOfWork, engine: Engine, db_url: str
) -> None:
    program_id, _ = setup(uow)
    spawn = multiprocessing.get_context("spawn")
    with spawn.Pool(2) as pool:
        results = pool.starmap(post_many, [(db_url, uow.workspace_id, program_id, 500)] * 2)
    assert len({i for chunk in results for i in chunk}) == 1
    assert counts(engine) == (1, 2)


def due_rewards(engine: Engine, uow: UnitOfWork, how_many: int) -> None:
    program_id, advocate_id = setup(uow)
    rows = [
        {
            "workspace_id": uow.workspace_id,
            "program_id": program_id,
            "advocate_id": advocate_id,
            "beneficiary": "advocate",
            "rule": f"bulk:{i}",
            "reward_type": "discount-code",
            "amount": Decimal("5"),
            "currency": "USD",
            "status": "pending",
            "reason": "test",
            "held_for_review": False,
            "due_at": NOW,
            "created_at": NOW,
        }
        for i in range(how_many)
    ]
    with engine.begin() as connection:
        connection.execute(insert(table_of(RewardRow)), rows)


def test_two_workers_issue_each_reward_exactly_once(uow: UnitOfWork, engine: Engine) -> None:
    how_many = 10_000 if engine.dialect.name == "postgresql" else 2_000
    due_rewards(engine, uow, how_many)
    later = NOW + timedelta(hours=1)

    def worker(_: int) -> DueReport | None:
        try:
            return run_due(engine, later)
        except Conflict as refused:  # SQLite: one at a time, the second is told so
            assert engine.dialect.name == "sqlite" and "another worker" in str(refused)
            return None

    with ThreadPoolExecutor(2) as pool:
        reports = [r for r in pool.map(worker, range(2)) if r is not None]
    assert sum(r.approved for r in reports) == how_many
    assert sum(r.issued for r in reports) == how_many
    issued = [i for r in reports for i in r.issued_ids]
    assert len(issued) == len(set(issued)) == how_many
    with engine.connect() as connection:
        events = connection.execute(
            select(
                RewardEvent.kind, func.count(), func.count(func.distinct(RewardEvent.reward_id))
            ).group_by(RewardEvent.kind)
        ).all()
        left = connection.scalar(
            select(func.count()).select_from(RewardRow).where(RewardRow.status != "issued")
        )
    assert {kind: (n, d) for kind, n, d in events} == {
        "approved": (how_many, how_many),
        "issued": (how_many, how_many),
    }
    assert left == 0
    assert run_due(engine, later).issued == 0  # nothing left to do, nothing done twice


def test_one_worker_at_a_time_on_sqlite(tmp_path: Path, sqlite_template: Path) -> None:
    shutil.copy(sqlite_template, tmp_path / "one.db")
    engine = make_engine(f"sqlite:///{tmp_path / 'one.db'}")
    ttl = timedelta(minutes=3)
    assert take_lease(engine, "first", NOW, ttl) is None
    assert take_lease(engine, "second", NOW, ttl) == "first"
    assert take_lease(engine, "first", NOW + timedelta(minutes=1), ttl) is None  # renewed
    assert take_lease(engine, "second", NOW + timedelta(minutes=5), ttl) is None  # expired
    release_lease(engine, "second")
    assert take_lease(engine, "third", NOW, ttl) is None
    engine.dispose()


def test_the_cli_worker_refuses_to_run_twice_on_sqlite(
    tmp_path: Path, sqlite_template: Path
) -> None:
    path = tmp_path / "cli.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    take_lease(engine, "host pid 1", datetime.now(UTC), timedelta(minutes=5))
    engine.dispose()
    result = CliRunner().invoke(app, ["--db", str(path), "worker", "--runs", "1", "--every", "0.1"])
    assert result.exit_code == 1
    assert "another worker (host pid 1) is running" in result.stderr
    assert result.stderr.count("\n") == 1
