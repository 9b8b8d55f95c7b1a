"""A large synthetic network for benchmarks: people, interactions, referrals with their
milestones and thanks, asks, recommendations — fixed seed, dates relative to NOW.

    python benchmarks/synthetic_network.py --people 100000 --db benchmarks/.data/large.db

Rows go in with bulk inserts in one transaction; the summaries the services keep
(last interaction, reciprocity balance, settled_at) are computed here the same way.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from benchmarks import postgres_schemas
from goodword.domain.ledger import POINTS, LedgerItem
from goodword.domain.milestones import Milestone, MilestoneKind, settled_at
from goodword.domain.vocabulary import Direction, Outcome
from goodword.storage.base import table_of
from goodword.storage.bulk_insert import bulk_insert
from goodword.storage.engine import make_engine
from goodword.storage.migrate import upgrade
from goodword.storage.tables import (
    Ask,
    Gratitude,
    Interaction,
    Organization,
    Person,
    Referral,
    ReferralMilestone,
    Workspace,
)

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
SEED = 42
#: A decade of history: a busy professional's network, not one day of it.
HISTORY_DAYS = 10 * 365
#: Share of referrals whose practice stalls at some step — what the agenda exists to catch.
STALLED = 0.01
TIERS = ["inner"] * 2 + ["close"] * 8 + ["network"] * 50 + ["acquaintance"] * 40
KINDS = ["meeting", "call", "email", "message", "event", "project-completed", "feedback-received"]


def scale(people: int) -> dict[str, int]:
    return {
        "people": people,
        "organizations": max(10, people // 50),
        "interactions": people * 10,
        "referrals": people * 2,
        "asks": people,
    }


def ago(rng: random.Random, max_days: float) -> datetime:
    return NOW - timedelta(seconds=rng.uniform(3600, max_days * 86400))


class Generator:
    def __init__(self, sizes: dict[str, int]) -> None:
        self.rng = random.Random(SEED)
        self.sizes = sizes
        self.rows: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        self.last: dict[int, datetime] = {}
        self.balance: dict[int, int] = defaultdict(int)

    def run(self) -> None:
        rng, n = self.rng, self.sizes
        self.rows[Workspace].append({"id": 1, "name": "local", "is_demo": False, "created_at": NOW})
        for i in range(1, n["organizations"] + 1):
            self.rows[Organization].append(
                {
                    "id": i,
                    "workspace_id": 1,
                    "name": f"Org {i}",
                    "created_at": NOW,
                    "updated_at": NOW,
                }
            )
        for i in range(1, n["people"] + 1):
            created = ago(rng, 5 * 365)
            self.rows[Person].append(
                {
                    "id": i,
                    "workspace_id": 1,
                    "name": f"Person {i}",
                    "tier": rng.choice(TIERS),
                    "organization_id": rng.randint(1, n["organizations"]),
                    "source": "synthetic",
                    "created_at": created,
                    "updated_at": created,
                }
            )
        self.interactions()
        self.referrals()
        self.asks()
        for row in self.rows[Person]:
            row["last_interaction_at"] = self.last.get(row["id"])
            row["reciprocity_balance"] = self.balance.get(row["id"], 0)

    def person(self) -> int:
        # A few people are met far more often than most (a long tail).
        return (
            min(
                self.sizes["people"],
                int(self.rng.paretovariate(1.2)) * 7 % self.sizes["people"] + 1,
            )
            if self.rng.random() < 0.3
            else self.rng.randint(1, self.sizes["people"])
        )

    def interactions(self) -> None:
        rng = self.rng
        for i in range(1, self.sizes["interactions"] + 1):
            pid, at = self.person(), ago(rng, HISTORY_DAYS)
            sentiment = rng.choices(["positive", "neutral", "negative"], [70, 25, 5])[0]
            self.rows[Interaction].append(
                {
                    "id": i,
                    "workspace_id": 1,
                    "person_id": pid,
                    "kind": rng.choice(KINDS),
                    "sentiment": sentiment,
                    "occurred_at": at,
                    "created_at": at,
                }
            )
            if at > self.last.get(pid, datetime.min.replace(tzinfo=UTC)):
                self.last[pid] = at

    def referrals(self) -> None:
        rng, milestone_id, gratitude_id = self.rng, 0, 0
        for rid in range(1, self.sizes["referrals"] + 1):
            at = ago(rng, HISTORY_DAYS)
            received = rng.random() < 0.85
            kind = rng.choice(["client", "client", "job", "partner", "introduction"])
            points = POINTS[
                LedgerItem.INTRODUCTION if kind == "introduction" else LedgerItem.REFERRAL
            ]
            row: dict[str, Any] = {
                "id": rid,
                "workspace_id": 1,
                "kind": kind,
                "referred_at": at,
                "created_at": at,
                "referred_text": f"Prospect {rid}",
                "referrer_id": None,
                "referred_person_id": None,
                "recipient_person_id": None,
                "outcome": None,
                "settled_at": None,
            }
            if not received:
                referred, to = self.person(), self.person()
                row.update(direction="given", referred_person_id=referred, recipient_person_id=to)
                self.balance[referred] -= points
                self.balance[to] -= points
                self.rows[Referral].append(row)
                continue
            referrer = self.person()
            row.update(direction="received", referrer_id=referrer)
            self.balance[referrer] += points
            history = self.life(at)
            for m in history:
                milestone_id += 1
                gratitude = None
                if m.kind is MilestoneKind.THANKED:
                    gratitude_id += 1
                    gratitude = gratitude_id
                    self.balance[referrer] -= POINTS[LedgerItem.GRATITUDE]
                    self.rows[Gratitude].append(
                        {
                            "id": gratitude_id,
                            "workspace_id": 1,
                            "person_id": referrer,
                            "kind": "email",
                            "at": m.at,
                            "referral_id": rid,
                        }
                    )
                self.rows[ReferralMilestone].append(
                    {
                        "id": milestone_id,
                        "workspace_id": 1,
                        "referral_id": rid,
                        "kind": m.kind.value,
                        "at": m.at,
                        "gratitude_id": gratitude,
                        "outcome": m.outcome.value if m.outcome else None,
                    }
                )
            outcome = next((m.outcome for m in history if m.outcome), None)
            row.update(
                outcome=outcome.value if outcome else None,
                settled_at=settled_at(Direction.RECEIVED, history),
            )
            self.rows[Referral].append(row)

    def life(self, start: datetime) -> list[Milestone]:
        """Each step happens some days after the referral; a few referrals stall at a step,
        and recent ones have simply not got that far yet."""
        rng, k = self.rng, MilestoneKind
        outcome = rng.choice([Outcome.WON, Outcome.LOST, Outcome.NO_RESPONSE])
        plan = [
            (k.THANKED, 1, None),
            (k.QUALIFIED, 2, None),
            (k.CONTACTED, 4, None),
            (k.OUTCOME, 30, outcome),
            (k.REFERRER_UPDATED, 31, None),
        ]
        if outcome is Outcome.WON:
            plan.append((k.THANKED, 32, None))
        if rng.random() < STALLED:
            plan = plan[: rng.randint(0, len(plan) - 1)]
        history = [
            Milestone(kind, start + timedelta(days=d, hours=rng.uniform(0, 20)), o)
            for kind, d, o in plan
        ]
        return [m for m in history if m.at <= NOW]

    def asks(self) -> None:
        rng = self.rng
        for i in range(1, self.sizes["asks"] + 1):
            at = ago(rng, HISTORY_DAYS)
            answered = (NOW - at).days > 35 or rng.random() < 0.5
            self.rows[Ask].append(
                {
                    "id": i,
                    "workspace_id": 1,
                    "person_id": self.person(),
                    "kind": "referral",
                    "channel": "email",
                    "asked_at": at,
                    "created_at": at,
                    "status": rng.choice(["accepted", "declined", "no-response"])
                    if answered
                    else "pending",
                    "answered_at": min(NOW, at + timedelta(days=rng.randint(1, 30)))
                    if answered
                    else None,
                    "followed_up_at": at + timedelta(days=11)
                    if rng.random() < 0.3 and at + timedelta(days=11) < NOW
                    else None,
                    "forced": False,
                }
            )


MODELS = (Workspace, Organization, Person, Interaction, Referral, Gratitude, ReferralMilestone, Ask)


def fill(engine: Engine, people: int) -> None:
    """Write a synthetic network of ``people`` people into a migrated, empty database."""
    generator = Generator(scale(people))
    generator.run()
    with engine.begin() as connection:
        for model in MODELS:
            rows = generator.rows[model]
            for start in range(0, len(rows), 50_000):
                bulk_insert(connection, table_of(model), rows[start : start + 50_000])
        if connection.dialect.name == "postgresql":  # the ids were given: move the sequences
            for model in MODELS:
                name = table_of(model).name
                connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {name}))"
                )
        connection.exec_driver_sql("ANALYZE")


def build(path: Path, people: int) -> Engine:
    """Create ``path`` with a synthetic network of ``people`` people (replacing it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    fill(engine, people)
    return engine


def build_postgres(base: str, people: int) -> Engine:
    """The same network in a schema of the PostgreSQL server at ``base``, kept for later
    runs (``gw_bench_network_<people>``, replaced only when incomplete)."""
    schema = f"gw_bench_network_{people}"
    url = postgres_schemas.schema_url(base, schema)
    if postgres_schemas.exists(base, schema):
        engine = make_engine(url)
        with engine.connect() as connection:
            found = connection.exec_driver_sql("SELECT count(*) FROM asks").scalar()
        if found == scale(people)["asks"]:  # the last table written: the build finished
            return engine
        engine.dispose()
    print(f"building PostgreSQL schema {schema} …", flush=True)
    engine = make_engine(postgres_schemas.fresh(base, schema))
    fill(engine, people)
    return engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("benchmarks/.data/large.db"))
    args = parser.parse_args()
    started = time.perf_counter()
    build(args.db, args.people)
    print(f"{args.db}: {scale(args.people)} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
