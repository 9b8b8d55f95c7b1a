"""The pipeline against a real database: attribution, checks, conversions, rewards, payout,
clawback — each state with its reason, and money that sums to the truth."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import Engine, func, select

from goodword.domain.errors import Conflict, NotFound, RuleViolation
from goodword.programs.use_cases.advocates import enrol_advocate
from goodword.programs.use_cases.clawbacks import reverse_conversion
from goodword.programs.use_cases.conversions import record_conversion
from goodword.programs.use_cases.due_work import run_due
from goodword.programs.use_cases.leads import create_lead, list_leads, move_candidate
from goodword.programs.use_cases.programs import create_program
from goodword.programs.use_cases.rewards import (
    decide_review,
    issue_reward,
    list_rewards,
    review_queue,
)
from goodword.schemas.network import PersonCreate
from goodword.schemas.programs import (
    AdvocateCreate,
    ConversionCreate,
    HiringStageChange,
    LeadCreate,
    ProgramCreate,
    ReviewDecision,
    RewardIssue,
)
from goodword.services import people
from goodword.storage.tables import RewardEvent
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW


def new_program(uow: UnitOfWork, **rules: object) -> tuple[int, str, str]:
    """A program with two advocates; returns its id and both codes."""
    settings: dict[str, object] = {
        "name": "Friends",
        "advocate_reward": "cash:50:USD",
        "friend_reward": "discount-code:10:%",
        "hold_days": 14,
    }
    settings.update(rules)
    made = create_program(uow, ProgramCreate(**settings), NOW)  # type: ignore[arg-type]
    ana = enrol_advocate(
        uow,
        made.id,
        AdvocateCreate(name="Ana Lee", email="ana.lee@gmail.com", customer_id="C-ANA"),
        NOW,
    )
    cy = enrol_advocate(uow, made.id, AdvocateCreate(name="Cy Ng", email="cy@example.com"), NOW)
    return made.id, ana.code, cy.code


def lead(uow: UnitOfWork, program: int, email: str, code: str, **extra: object):  # type: ignore[no-untyped-def]
    return create_lead(uow, program, LeadCreate(email=email, code=code, **extra), NOW)  # type: ignore[arg-type]


def convert(uow: UnitOfWork, program: int, email: str, order: str, key: str | None = None, at=NOW):  # type: ignore[no-untyped-def]
    data = ConversionCreate(email=email, external_id=order, amount=Decimal("120"), currency="USD")
    return record_conversion(uow, program, data, at, key)


def test_advocates_without_email_are_distinct_and_the_same_twice_refused(uow: UnitOfWork) -> None:
    program, _, _ = new_program(uow)
    first = enrol_advocate(uow, program, AdvocateCreate(name="Dee"), NOW)
    second = enrol_advocate(uow, program, AdvocateCreate(name="Dee"), NOW)
    assert first.code != second.code
    with pytest.raises(Conflict, match="already an advocate"):
        enrol_advocate(uow, program, AdvocateCreate(name="A", email="AnaLee@gmail.com"), NOW)


def test_first_touch_wins_and_duplicates_keep_their_reason(uow: UnitOfWork) -> None:
    program, ana, cy = new_program(uow)
    first = lead(uow, program, "bo@example.com", ana)
    again = lead(uow, program, "Bo@Example.com", ana)
    other = lead(uow, program, "bo@example.com", cy)
    assert again.id == first.id  # the same advocate's form sent twice
    assert other.status == "duplicate" and "already referred by Ana Lee" in other.reason
    statuses = {(x.advocate, x.status) for x in list_leads(uow, program)}
    assert statuses == {("Ana Lee", "new"), ("Cy Ng", "duplicate")}


def test_already_a_customer_is_a_duplicate(uow: UnitOfWork) -> None:
    people.add_person(
        uow, PersonCreate(name="Dee", emails=["dee@example.com"], tags=["customer"]), NOW
    )
    program, ana, _ = new_program(uow)
    assert lead(uow, program, "DEE@example.com", ana).reason == "already a customer"
    assert lead(uow, program, "eve@example.com", ana, existing_customer=True).status == "duplicate"


def test_fraud_corpus_through_the_service(uow: UnitOfWork) -> None:
    program, ana, cy = new_program(uow, burst_per_hour=3)
    own = lead(uow, program, "A.na.Lee+x@googlemail.com", ana)
    throwaway = lead(uow, program, "x@mailinator.com", cy)
    assert [f.check for f in own.flags] == ["self_referral"] and own.review == "open"
    assert [f.check for f in throwaway.flags] == ["disposable_email"]
    clean = [lead(uow, program, f"p{i}@example.com", cy) for i in range(2)]
    assert all(not x.flags and x.review == "none" for x in clean)
    burst = lead(uow, program, "p9@example.com", cy)
    assert [f.check for f in burst.flags] == ["burst"]
    queue = review_queue(uow, program)
    assert {(i.kind, i.id) for i in queue} == {
        ("lead", own.id),
        ("lead", throwaway.id),
        ("lead", burst.id),
    }


def test_conversion_is_idempotent_and_a_reused_key_is_refused(uow: UnitOfWork) -> None:
    program, ana, _ = new_program(uow)
    lead(uow, program, "bo@example.com", ana)
    first, created = convert(uow, program, "bo@example.com", "A-1", key="k1")
    replay, again = convert(uow, program, "bo@example.com", "A-1", key="k1")
    assert created and not again and replay == first
    assert [r.rule for r in first.rewards] == [f"conversion:{first.id}", f"friend:{first.id}"]
    assert all(r.status == "pending" and "refund window" in r.reason for r in first.rewards)
    with pytest.raises(Conflict, match="different request"):
        convert(uow, program, "bo@example.com", "A-2", key="k1")
    with pytest.raises(Conflict, match="already recorded"):
        convert(uow, program, "bo@example.com", "A-1", key="k2")
    with pytest.raises(NotFound, match="nobody referred"):
        convert(uow, program, "stranger@example.com", "A-3")
    assert len(list_rewards(uow, program)) == 2


def test_hold_approval_payout_and_clawback_ledger(uow: UnitOfWork, engine: Engine) -> None:
    program, ana, _ = new_program(uow)
    lead(uow, program, "bo@example.com", ana)
    conversion, _ = convert(uow, program, "bo@example.com", "A-1")
    assert run_due(engine, NOW).approved == 0  # still in the refund window
    report = run_due(engine, NOW + timedelta(days=15))
    assert (report.approved, report.issued) == (2, 1)  # the discount code issues itself
    cash = next(r for r in list_rewards(uow, program) if r.reward_type == "cash")
    assert cash.status == "approved"
    paid = issue_reward(uow, cash.id, RewardIssue(reference="TX-1"), NOW + timedelta(days=16))
    assert paid.status == "issued" and paid.issue_ref == "TX-1"
    with pytest.raises(RuleViolation):
        issue_reward(uow, cash.id, RewardIssue(reference="TX-2"), NOW + timedelta(days=16))
    reversed_ = reverse_conversion(
        uow, program, conversion.id, "refunded", NOW + timedelta(days=20), "owner"
    )
    assert {r.status for r in reversed_.rewards} == {"clawed-back"}
    assert all("refunded" in r.reason for r in reversed_.rewards)
    with uow:
        net = uow.session.scalar(select(func.sum(RewardEvent.amount)))
        issued = uow.session.scalar(select(func.count()).where(RewardEvent.kind == "issued"))
    assert Decimal(net or 0) == 0 and issued == 2  # paid 50 + 10, both recovered


def test_clawback_before_payout_pays_nothing(uow: UnitOfWork, engine: Engine) -> None:
    program, ana, _ = new_program(uow)
    lead(uow, program, "bo@example.com", ana)
    conversion, _ = convert(uow, program, "bo@example.com", "A-1")
    reverse_conversion(uow, program, conversion.id, "refunded", NOW + timedelta(days=2), "owner")
    assert run_due(engine, NOW + timedelta(days=30)).issued == 0
    with pytest.raises(Conflict):
        reverse_conversion(uow, program, conversion.id, "again", NOW, "owner")


def test_flagged_rewards_wait_for_a_reviewer_unless_the_program_says(
    uow: UnitOfWork, engine: Engine
) -> None:
    program, ana, _ = new_program(uow)
    lead(uow, program, "Ana.Lee+1@gmail.com", ana)
    conversion, _ = convert(uow, program, "analee@gmail.com", "A-1")
    assert conversion.review == "open" and all(r.held_for_review for r in conversion.rewards)
    report = run_due(engine, NOW + timedelta(days=30))
    assert report.approved == 0 and report.waiting_for_review == 2
    decide_review(
        uow,
        "conversion",
        conversion.id,
        ReviewDecision(approve=False, by="Dana", note="own account"),
        NOW,
    )
    rewards = list_rewards(uow, program)
    assert {r.status for r in rewards} == {"denied"}
    assert all("Dana: own account" in r.reason for r in rewards)

    auto, ana2, _ = new_program(uow, name="Auto", auto_approve_flagged=True)
    lead(uow, auto, "x@mailinator.com", ana2)
    convert(uow, auto, "x@mailinator.com", "B-1")
    assert run_due(engine, NOW + timedelta(days=30)).approved == 2
    assert all(
        "approves such rewards automatically" in r.reason or r.status == "issued"
        for r in list_rewards(uow, auto)
    )


def test_cap_milestone_and_window(uow: UnitOfWork) -> None:
    program, ana, _ = new_program(
        uow, cap_per_advocate=1, milestones="2=gift-card:25:USD", window_days=10
    )
    for name in ("b1", "b2"):
        lead(uow, program, f"{name}@example.com", ana)
    first, _ = convert(uow, program, "b1@example.com", "O-1")
    second, _ = convert(uow, program, "b2@example.com", "O-2")
    assert [r.status for r in first.rewards if r.beneficiary == "advocate"] == ["pending"]
    by_rule = {r.rule.split(":")[0]: r for r in second.rewards}
    assert by_rule["conversion"].status == "denied" and "cap of 1" in by_rule["conversion"].reason
    assert (
        by_rule["milestone"].status == "pending"
        and by_rule["milestone"].reward == "25 USD gift card"
    )
    lead(uow, program, "late@example.com", ana)
    late, _ = convert(uow, program, "late@example.com", "O-3", at=NOW + timedelta(days=11))
    friend = next(r for r in late.rewards if r.beneficiary == "friend")
    assert friend.status == "denied" and "beyond the program's 10-day window" in friend.reason


def test_hiring_program_tracks_stages_and_pays_after_tenure(
    uow: UnitOfWork, engine: Engine
) -> None:
    program, ana, _ = new_program(
        uow,
        name="Engineers",
        kind="hiring",
        advocate_reward="cash:1000:EUR",
        friend_reward=None,
        tenure_days=90,
    )
    candidate = lead(uow, program, "dev@example.com", ana)
    assert candidate.status == "referred"
    assert (
        move_candidate(
            uow, program, candidate.id, HiringStageChange(stage="interviewing"), NOW
        ).status
        == "interviewing"
    )
    hired, _ = record_conversion(
        uow, program, ConversionCreate(lead_id=candidate.id, external_id="H-1"), NOW
    )
    assert "tenure" in hired.rewards[0].reason
    assert run_due(engine, NOW + timedelta(days=89)).approved == 0
    assert run_due(engine, NOW + timedelta(days=91)).approved == 1
    with pytest.raises(RuleViolation):
        move_candidate(uow, program, candidate.id, HiringStageChange(stage="not-hired"), NOW)
