"""The work that falls due with time: rewards whose hold ended are approved, approved rewards
goodword can hand out itself (discount codes, account credit, custom rewards) are issued.

Runs across every workspace of the database (it is the operator's job, like a cron line).
Safe with several workers on PostgreSQL: each batch locks its rows with ``FOR UPDATE SKIP
LOCKED``, so two workers take different rows; every change is also a conditional update
(``WHERE status = …``) and the ledger allows one ``issued`` entry per reward, so even without
row locks (SQLite) a reward is never issued twice. On SQLite a single ``goodword worker`` holds
a lease; a second one is told so and exits.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import Engine, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from goodword.domain.programme_rules import SELF_ISSUED, RewardStatus, RewardType
from goodword.domain.referral_codes import ALPHABET
from goodword.storage.base import table_of
from goodword.storage.tables import Program, RewardEvent, RewardRow, WorkerLease

BATCH = 500
WORKER = "goodword-worker"


@dataclass
class DueReport:
    approved: int = 0
    issued: int = 0
    waiting_for_review: int = 0
    issued_ids: list[int] = field(default_factory=list)


def _lockable(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def _event(
    reward: dict[str, object], kind: str, at: datetime, reason: str, amount: Decimal
) -> dict[str, object]:
    return {
        "workspace_id": reward["workspace_id"],
        "reward_id": reward["id"],
        "kind": kind,
        "at": at,
        "amount": amount,
        "reason": reason,
        "actor": WORKER,
    }


def _approve_batch(session: Session, now: datetime, lock: bool) -> int:
    auto = select(Program.id).where(Program.auto_approve_flagged.is_(True))
    query = (
        select(RewardRow.id, RewardRow.workspace_id, RewardRow.held_for_review, RewardRow.due_at)
        .where(
            RewardRow.status == RewardStatus.PENDING.value,
            RewardRow.due_at <= now,
            or_(RewardRow.held_for_review.is_(False), RewardRow.program_id.in_(auto)),
        )
        .order_by(RewardRow.due_at, RewardRow.id)
        .limit(BATCH)
    )
    if lock:
        query = query.with_for_update(skip_locked=True, of=RewardRow)
    rows = session.execute(query).mappings().all()
    events = []
    for row in rows:
        held = bool(row["held_for_review"])
        reason = (
            "nobody reviewed it before the hold ended, and this programme approves such "
            "rewards automatically"
            if held
            else f"approved: the hold ended on {row['due_at'].date().isoformat()} with no refund"
        )
        changed = session.execute(
            update(RewardRow)
            .where(RewardRow.id == row["id"], RewardRow.status == RewardStatus.PENDING.value)
            .values(status=RewardStatus.APPROVED.value, approved_at=now, reason=reason)
        )
        if changed.rowcount == 1:  # type: ignore[attr-defined]
            events.append(_event(dict(row), "approved", now, reason, Decimal(0)))
    if events:
        session.execute(insert(table_of(RewardEvent)), events)
    return len(events)


def issue_reference(reward_type: str, reward_id: int) -> str:
    """A discount code the business can load into its shop, or a credit/custom reference."""
    if reward_type == RewardType.DISCOUNT_CODE.value:
        return "GW-" + "".join(secrets.choice(ALPHABET) for _ in range(10)).upper()
    return f"{reward_type}-{reward_id}"


def _issue_batch(session: Session, now: datetime, lock: bool, report: DueReport) -> int:
    query = (
        select(RewardRow.id, RewardRow.workspace_id, RewardRow.reward_type, RewardRow.amount)
        .where(
            RewardRow.status == RewardStatus.APPROVED.value,
            RewardRow.reward_type.in_([t.value for t in SELF_ISSUED]),
        )
        .order_by(RewardRow.id)
        .limit(BATCH)
    )
    if lock:
        query = query.with_for_update(skip_locked=True, of=RewardRow)
    rows = session.execute(query).mappings().all()
    events = []
    for row in rows:
        reference = issue_reference(row["reward_type"], row["id"])
        reason = f"issued on {now.date().isoformat()}: {reference}"
        changed = session.execute(
            update(RewardRow)
            .where(RewardRow.id == row["id"], RewardRow.status == RewardStatus.APPROVED.value)
            .values(
                status=RewardStatus.ISSUED.value, issued_at=now, issue_ref=reference, reason=reason
            )
        )
        if changed.rowcount == 1:  # type: ignore[attr-defined]
            events.append(_event(dict(row), "issued", now, reason, row["amount"] or Decimal(0)))
            report.issued_ids.append(row["id"])
    if events:
        session.execute(insert(table_of(RewardEvent)), events)
    return len(events)


def run_due(engine: Engine, now: datetime) -> DueReport:
    """Process everything due now, batch by batch; each batch commits on its own, so a
    crash loses nothing done and a restart picks up the rest."""
    report = DueReport()
    lock = _lockable(engine)
    for step in ("approve", "issue"):
        while True:
            with Session(engine) as session, session.begin():
                if step == "approve":
                    done = _approve_batch(session, now, lock)
                    report.approved += done
                else:
                    done = _issue_batch(session, now, lock, report)
                    report.issued += done
            if done == 0:
                break
    with Session(engine) as session:
        report.waiting_for_review = len(
            session.scalars(
                select(RewardRow.id).where(
                    RewardRow.status == RewardStatus.PENDING.value,
                    RewardRow.held_for_review.is_(True),
                    RewardRow.due_at <= now,
                )
            ).all()
        )
    return report


def take_lease(engine: Engine, holder: str, now: datetime, ttl: timedelta) -> str | None:
    """Hold the worker lease (SQLite). Returns None when taken, else who holds it."""
    if _lockable(engine):
        return None
    with Session(engine) as session, session.begin():
        current = session.get(WorkerLease, WORKER, with_for_update=True)
        if current is not None and current.holder != holder and current.expires_at > now:
            return current.holder
        if current is None:
            session.add(WorkerLease(name=WORKER, holder=holder, expires_at=now + ttl))
        else:
            current.holder, current.expires_at = holder, now + ttl
    return None


def release_lease(engine: Engine, holder: str) -> None:
    with Session(engine) as session, session.begin():
        session.execute(
            delete(WorkerLease).where(WorkerLease.name == WORKER, WorkerLease.holder == holder)
        )
