"""Two processes racing on the same leads, as two servers behind one database would:
repeat orders for one lead convert it once, and milestone bonuses are neither missed nor
paid twice when one advocate's conversions arrive together."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, func, select

from goodword.domain.errors import Conflict
from goodword.programs.use_cases.advocates import enrol_advocate
from goodword.programs.use_cases.conversions import record_conversion
from goodword.programs.use_cases.leads import create_lead
from goodword.programs.use_cases.programs import create_program
from goodword.schemas.programs import AdvocateCreate, ConversionCreate, LeadCreate, ProgramCreate
from goodword.storage.engine import make_engine
from goodword.storage.tables import Conversion, RewardRow
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW

LEADS = 100
ADVOCATES = 10  # ten leads each: milestones at the 4th and the 10th conversion


def _network(uow: UnitOfWork) -> tuple[int, list[str]]:
    program = create_program(
        uow,
        ProgramCreate(
            name="Friends",
            advocate_reward="account-credit:20:USD",
            milestones="4=cash:50:USD,10=cash:100:USD",
            hold_days=0,
        ),
        NOW,
    )
    codes = [
        enrol_advocate(
            uow, program.id, AdvocateCreate(name=f"Ana {a}", email=f"ana{a}@example.com"), NOW
        ).code
        for a in range(ADVOCATES)
    ]
    for i in range(LEADS):
        create_lead(
            uow,
            program.id,
            LeadCreate(email=f"lead{i}@example.com", code=codes[i % ADVOCATES]),
            NOW,
        )
    return program.id, codes


def _race(
    url: str,
    workspace_id: int,
    program_id: int,
    emails: list[str],
    tag: str,
    barrier: Any,
    results: Any,
) -> None:
    """Post one order per lead in ``emails``, each step started together with the other
    process; puts how many this process converted."""
    engine = make_engine(url)
    converted = 0
    try:
        for n, email in enumerate(emails):
            barrier.wait(timeout=60)
            order = ConversionCreate(
                email=email, external_id=f"{tag}-{n}", amount=Decimal("10"), currency="USD"
            )
            try:
                record_conversion(UnitOfWork(engine, workspace_id), program_id, order, NOW)
                converted += 1
            except Conflict:
                pass
    finally:
        engine.dispose()
        results.put(converted)


def _run_two(
    url: str, workspace_id: int, program_id: int, first: list[str], second: list[str]
) -> list[int]:
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(2), spawn.Queue()
    workers = [
        spawn.Process(
            target=_race, args=(url, workspace_id, program_id, emails, tag, barrier, results)
        )
        for emails, tag in ((first, "A"), (second, "B"))
    ]
    for worker in workers:
        worker.start()
    got = [results.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    return got


def _per_lead(engine: Engine) -> Counter[int]:
    with engine.connect() as connection:
        return Counter(
            dict(
                connection.execute(
                    select(Conversion.lead_id, func.count()).group_by(Conversion.lead_id)
                ).all()
            )
        )


def _rewards(engine: Engine) -> list[tuple[int, str]]:
    with engine.connect() as connection:
        rows = connection.execute(select(RewardRow.advocate_id, RewardRow.rule)).all()
    return [(advocate, rule) for advocate, rule in rows]


def test_repeat_orders_racing_from_two_processes_convert_each_lead_once(
    uow: UnitOfWork, engine: Engine, db_url: str
) -> None:
    program_id, _ = _network(uow)
    emails = [f"lead{i}@example.com" for i in range(LEADS)]
    converted = _run_two(db_url, uow.workspace_id, program_id, emails, emails)
    assert sum(converted) == LEADS  # each lead: one process won, the other was refused
    per_lead = _per_lead(engine)
    assert len(per_lead) == LEADS and max(per_lead.values()) == 1
    rules = Counter(rule.split(":")[0] for _, rule in _rewards(engine))
    assert rules == {"conversion": LEADS, "milestone": 2 * ADVOCATES}


def test_one_advocates_conversions_arriving_together_reach_each_milestone_once(
    uow: UnitOfWork, engine: Engine, db_url: str
) -> None:
    program_id, _ = _network(uow)
    # At every step both processes convert a different lead of the same advocate.
    by_advocate = [
        [f"lead{i}@example.com" for i in range(a, LEADS, ADVOCATES)] for a in range(ADVOCATES)
    ]
    first = [email for leads in by_advocate for email in leads[0::2]]
    second = [email for leads in by_advocate for email in leads[1::2]]
    assert sum(_run_two(db_url, uow.workspace_id, program_id, first, second)) == LEADS
    milestones = Counter(
        (advocate, rule.rsplit(":", 1)[1])
        for advocate, rule in _rewards(engine)
        if rule.startswith("milestone:")
    )
    assert len(milestones) == 2 * ADVOCATES  # both bonuses for every advocate: none missed
    assert set(milestones.values()) == {1}  # and none paid twice
