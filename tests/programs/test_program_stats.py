"""Program statistics, checked against a scenario counted by hand."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import Engine

from goodword.programs.use_cases.advocates import enrol_advocate
from goodword.programs.use_cases.clawbacks import reverse_conversion
from goodword.programs.use_cases.conversions import record_conversion
from goodword.programs.use_cases.due_work import run_due
from goodword.programs.use_cases.leads import create_lead
from goodword.programs.use_cases.programs import create_program
from goodword.programs.use_cases.rewards import issue_reward, list_rewards
from goodword.programs.use_cases.stats import program_stats
from goodword.programs.use_cases.visits import record_visit
from goodword.schemas.network import PersonCreate
from goodword.schemas.programs import (
    AdvocateCreate,
    ConversionCreate,
    LeadCreate,
    ProgramCreate,
    RewardIssue,
)
from goodword.services import people
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW


def test_rates_k_factor_cost_and_revenue(uow: UnitOfWork, engine: Engine) -> None:
    for name in ("Ana", "Bo", "Cy", "Dee", "Eve"):
        people.add_person(uow, PersonCreate(name=name), NOW)
    program = create_program(
        uow, ProgramCreate(name="P", advocate_reward="cash:40:EUR", hold_days=0), NOW
    ).id
    ana = enrol_advocate(uow, program, AdvocateCreate(person="Ana"), NOW)
    bo = enrol_advocate(uow, program, AdvocateCreate(person="Bo"), NOW)
    enrol_advocate(uow, program, AdvocateCreate(person="Cy"), NOW)  # never shares
    record_visit(engine, bo.code, None, None, NOW)  # shared, nobody came
    for n in range(4):
        create_lead(uow, program, LeadCreate(email=f"l{n}@example.com", code=ana.code), NOW)
    create_lead(uow, program, LeadCreate(email="l0@example.com", code=bo.code), NOW)  # duplicate
    create_lead(uow, program, LeadCreate(email="t@mailinator.com", code=ana.code), NOW)  # flagged
    for n, amount in ((0, "100"), (1, "60.50")):
        data = ConversionCreate(
            email=f"l{n}@example.com", external_id=f"O{n}", amount=Decimal(amount), currency="EUR"
        )
        record_conversion(uow, program, data, NOW + timedelta(days=1))
    run_due(engine, NOW + timedelta(days=2))
    first, second = list_rewards(uow, program)
    issue_reward(uow, first.id, RewardIssue(reference="T1"), NOW + timedelta(days=2))
    issue_reward(uow, second.id, RewardIssue(reference="T2"), NOW + timedelta(days=2))
    reverse_conversion(
        uow, program, second.conversion_id or 0, "refund", NOW + timedelta(days=3), "o"
    )

    stats = program_stats(uow, program, NOW + timedelta(days=3))
    assert (stats.eligible, stats.advocates, stats.sharing) == (5, 3, 2)
    assert stats.participation_rate.value == 0.6
    assert stats.share_rate.value == round(2 / 3, 4)
    assert (stats.leads, stats.counted_leads) == (6, 4)  # duplicate and flagged left out
    assert stats.conversions == 1  # the refunded one no longer counts
    assert stats.conversion_rate.value == 0.5  # 2 of 4 counted leads converted
    assert stats.invites_per_advocate.value == round(4 / 3, 4)
    assert stats.k_factor == round(round(4 / 3, 4) * 0.5, 4)
    assert stats.reward_cost == {"EUR": Decimal("40.00")}  # 80 paid, 40 clawed back
    assert stats.revenue == {"EUR": Decimal("100.00")}
    assert stats.per_advocate == [("Ana", 1)]
    assert stats.leads_per_month[stats.months.index("2026-11")] == 4
    assert stats.conversions_per_month[stats.months.index("2026-11")] == 1


def test_an_empty_program_has_nothing_to_measure(uow: UnitOfWork) -> None:
    program = create_program(uow, ProgramCreate(name="Empty"), NOW).id
    stats = program_stats(uow, program, NOW)
    assert stats.share_rate.value is None and stats.k_factor is None
    assert stats.reward_cost == {} and stats.per_advocate == []
