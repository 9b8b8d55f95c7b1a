"""The work that falls due with time: rewards whose hold ended are approved, approved rewards
goodword can hand out itself (discount codes, account credit, custom rewards) are issued,
and the outbox's emails and webhooks are delivered.

Runs across every workspace of the database (it is the operator's job, like a cron line).
Safe with several workers on PostgreSQL: each batch locks its rows with ``FOR UPDATE SKIP
LOCKED``, so two workers take different rows; every change is also a conditional update
(``WHERE status = …``) and the ledger allows one ``issued`` entry per reward, so even without
row locks (SQLite) a reward is never issued twice. On SQLite a single ``goodword worker`` holds
a lease; a second one is told so and exits.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, RowMapping, Select, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from goodword.domain.errors import Conflict
from goodword.programs.outbox.delivery import DeliveryReport, Transport, deliver_due
from goodword.programs.rules.codes import ALPHABET
from goodword.programs.rules.rewards import SELF_ISSUED, RewardStatus, RewardType
from goodword.programs.use_cases import events as program_events
from goodword.storage.base import table_of
from goodword.storage.tables import Program, RewardEvent, RewardRow, WorkerLease

BATCH = 500
WORKER = "goodword-worker"
LEASE = timedelta(minutes=10)


@dataclass
class DueReport:
    approved: int = 0
    issued: int = 0
    waiting_for_review: int = 0
    issued_ids: list[int] = field(default_factory=list)
    messages: DeliveryReport = field(default_factory=DeliveryReport)
    reminded: int = 0


def _lockable(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def _event(reward: RowMapping, step: Move) -> dict[str, object]:
    return {
        "workspace_id": reward["workspace_id"],
        "reward_id": reward["id"],
        "kind": step.kind,
        "at": step.at,
        "amount": step.amount,
        "reason": step.reason,
        "actor": WORKER,
    }


@dataclass(frozen=True)
class Move:
    """One reward's step: the columns to set, the ledger entry's kind, reason and amount."""

    at: datetime
    values: dict[str, object]
    kind: str
    reason: str
    amount: Decimal = Decimal(0)


def _step(
    session: Session,
    query: Select[*tuple[Any, ...]],
    lock: bool,
    source: RewardStatus,
    move: Callable[[RowMapping], Move],
) -> list[int]:
    """Move one batch of rewards out of ``source``; returns the ids this call moved. The
    update is conditional on the status, so a row another worker moved first is skipped."""
    if lock:
        query = query.with_for_update(skip_locked=True, of=RewardRow)
    groups: dict[tuple[str, tuple[tuple[str, object], ...]], list[tuple[RowMapping, Move]]] = {}
    for row in session.execute(query.limit(BATCH)).mappings().all():
        step = move(row)
        key = (step.reason, tuple(sorted(step.values.items())))
        groups.setdefault(key, []).append((row, step))
    events, moved = [], []
    for (reason, values), members in groups.items():
        # One conditional update per group of identical steps (an approval batch is mostly
        # one or a few): only rows still in ``source`` change, and the database says which.
        changed = set(
            session.scalars(
                update(RewardRow)
                .where(
                    RewardRow.id.in_([int(row["id"]) for row, _ in members]),
                    RewardRow.status == source.value,
                )
                .values(reason=reason, **dict(values))
                .returning(RewardRow.id)
            ).all()
        )
        for row, step in members:
            if int(row["id"]) in changed:
                events.append(_event(row, step))
                moved.append(int(row["id"]))
    if events:
        session.execute(insert(table_of(RewardEvent)), events)
    return sorted(moved)


def _approve_batch(session: Session, now: datetime, lock: bool) -> list[int]:
    auto = select(Program.id).where(Program.auto_approve_flagged.is_(True))
    query = (
        select(RewardRow.id, RewardRow.workspace_id, RewardRow.held_for_review, RewardRow.due_at)
        .where(
            RewardRow.status == RewardStatus.PENDING.value,
            RewardRow.due_at <= now,
            or_(RewardRow.held_for_review.is_(False), RewardRow.program_id.in_(auto)),
        )
        .order_by(RewardRow.due_at, RewardRow.id)
    )

    def approve(row: RowMapping) -> Move:
        reason = (
            "nobody reviewed it before the hold ended, and this program approves such "
            "rewards automatically"
            if row["held_for_review"]
            else f"approved: the hold ended on {row['due_at'].date().isoformat()} with no refund"
        )
        values = {"status": RewardStatus.APPROVED.value, "approved_at": now}
        return Move(now, values, "approved", reason)

    return _step(session, query, lock, RewardStatus.PENDING, approve)


def issue_reference(reward_type: str, reward_id: int) -> str:
    """A discount code the business can load into its shop, or a credit/custom reference."""
    if reward_type == RewardType.DISCOUNT_CODE.value:
        return "GW-" + "".join(secrets.choice(ALPHABET) for _ in range(10)).upper()
    return f"{reward_type}-{reward_id}"


def _issue_batch(session: Session, now: datetime, lock: bool) -> list[int]:
    query = (
        select(RewardRow.id, RewardRow.workspace_id, RewardRow.reward_type, RewardRow.amount)
        .where(
            RewardRow.status == RewardStatus.APPROVED.value,
            RewardRow.reward_type.in_([t.value for t in SELF_ISSUED]),
        )
        .order_by(RewardRow.id)
    )

    def issue(row: RowMapping) -> Move:
        reference = issue_reference(row["reward_type"], row["id"])
        values = {"status": RewardStatus.ISSUED.value, "issued_at": now, "issue_ref": reference}
        reason = f"issued on {now.date().isoformat()}: {reference}"
        return Move(now, values, "issued", reason, row["amount"] or Decimal(0))

    return _step(session, query, lock, RewardStatus.APPROVED, issue)


def run_due(
    engine: Engine,
    now: datetime,
    holder: str | None = None,
    transport: Transport | None = None,
    clock: Callable[[], datetime] | None = None,
) -> DueReport:
    """Process everything due now, batch by batch; each batch commits on its own, so a
    crash loses nothing done and a restart picks up the rest.

    On SQLite it first takes the worker lease (``holder``: the worker that already holds
    it), so a second run says another one is at work instead of starving on the lock.
    ``clock`` tells the time as the run goes on (claims, heartbeats, renewing the lease).
    """
    own = holder or f"run-due on {socket.gethostname()}, pid {os.getpid()}/{threading.get_ident()}"
    other = take_lease(engine, own, now, LEASE)
    if other is not None:
        raise Conflict(
            f"another worker ({other}) is running on this SQLite database and does this work; "
            "one is enough — try again when it stops, or use PostgreSQL to run several"
        )
    try:
        report = _run(engine, now)
        clock = clock or (lambda: now)

        def renew() -> None:
            take_lease(engine, own, clock(), LEASE)

        report.messages = deliver_due(engine, now, transport, clock, renew)
        return report
    finally:
        if holder is None:
            release_lease(engine, own)


def _run(engine: Engine, now: datetime) -> DueReport:
    report = DueReport()
    lock = _lockable(engine)
    for batch in (_approve_batch, _issue_batch):
        while True:
            with Session(engine) as session, session.begin():
                moved = batch(session, now, lock)
                event = "reward.approved" if batch is _approve_batch else "reward.issued"
                program_events.rewards_moved(session, moved, event, now)
            if batch is _approve_batch:
                report.approved += len(moved)
            else:
                report.issued += len(moved)
                report.issued_ids.extend(moved)
            if not moved:
                break
    with Session(engine) as session, session.begin():
        report.reminded = program_events.remind_quiet_advocates(session, now)
    with Session(engine) as session:
        waiting = session.scalar(
            select(func.count()).where(
                RewardRow.status == RewardStatus.PENDING.value,
                RewardRow.held_for_review.is_(True),
                RewardRow.due_at <= now,
            )
        )
        report.waiting_for_review = int(waiting or 0)
    return report


def take_lease(engine: Engine, holder: str, now: datetime, ttl: timedelta) -> str | None:
    """Hold the worker lease (SQLite). Returns None when taken, else who holds it."""
    if _lockable(engine):
        return None
    try:
        with Session(engine) as session, session.begin():
            current = session.get(WorkerLease, WORKER)
            if current is not None and current.holder != holder and current.expires_at > now:
                return current.holder
            if current is None:
                session.add(WorkerLease(name=WORKER, holder=holder, expires_at=now + ttl))
            else:
                current.holder, current.expires_at = holder, now + ttl
    except IntegrityError:  # another one inserted the lease at the same moment
        with Session(engine) as session:
            taken = session.get(WorkerLease, WORKER)
            return taken.holder if taken is not None else "another worker"
    return None


def release_lease(engine: Engine, holder: str) -> None:
    with Session(engine) as session, session.begin():
        session.execute(
            delete(WorkerLease).where(WorkerLease.name == WORKER, WorkerLease.holder == holder)
        )
