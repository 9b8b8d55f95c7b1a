from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from goodword.domain.errors import InvalidValue, NotFound, RuleViolation
from goodword.schemas.network import PersonCreate
from goodword.schemas.practice import (
    OpportunityCreate,
    QualifyingAnswers,
    ReferralFilter,
    ReferralGive,
    ReferralReceive,
)
from goodword.services import opportunities, people, referrals
from goodword.services import referral_milestones as ms
from goodword.storage.tables import Gratitude, ReferralMilestone
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW


@pytest.fixture
def network(uow: UnitOfWork) -> UnitOfWork:
    for name in ("Ana Silva", "Bo Chen", "Cy Park"):
        people.add_person(uow, PersonCreate(name=name), NOW)
    return uow


def receive(uow: UnitOfWork, when: str = "2026-11-01") -> int:
    return referrals.receive_referral(
        uow,
        ReferralReceive(
            referrer="Ana",
            prospect="Dee, CTO at Initech",
            kind="client",
            when=when,
            value=Decimal("12000"),
        ),
        NOW,
    ).id


def test_the_whole_life_of_a_received_referral(network: UnitOfWork) -> None:
    uow = network
    rid = receive(uow)
    assert referrals.show_referral(uow, rid).stage == "received"
    assert ms.thank_referrer(uow, rid, "email", NOW, "2026-11-02").stage == "thanked"
    qualified = ms.qualify_referral(
        uow,
        rid,
        QualifyingAnswers(how_known="Former boss", special_situations="Budget frozen"),
        NOW,
        "2026-11-03",
    )
    assert qualified.stage == "qualified"
    assert qualified.qualifying.how_known == "Former boss"
    ms.record_contact(uow, rid, succeeded=False, now=NOW, when="2026-11-04")
    ms.record_referrer_updated(uow, rid, NOW, "2026-11-04", "told Ana it bounced")
    assert (
        ms.record_contact(uow, rid, succeeded=True, now=NOW, when="2026-11-06").stage == "contacted"
    )
    won = ms.record_outcome(uow, rid, "won", NOW, value=Decimal("15000"), when="2026-11-15")
    assert (won.stage, won.outcome, won.outcome_value) == ("outcome", "won", Decimal("15000"))
    closed = ms.record_referrer_updated(uow, rid, NOW, "2026-11-16")
    assert closed.stage == "loop-closed"
    lunch = ms.thank_referrer(uow, rid, "lunch", NOW, "2026-11-20")
    assert [m.kind for m in lunch.milestones] == [
        "thanked",
        "qualified",
        "contact-failed",
        "referrer-updated",
        "contacted",
        "outcome",
        "referrer-updated",
        "thanked",
    ]
    assert lunch.milestones[-1].gratitude == "lunch"
    with uow:
        assert uow.session.scalar(select(func.count()).select_from(Gratitude)) == 2


def test_refusals_write_nothing(network: UnitOfWork) -> None:
    uow = network
    rid = receive(uow)
    with pytest.raises(RuleViolation, match="needs a contact attempt"):
        ms.record_outcome(uow, rid, "won", NOW)
    with pytest.raises(RuleViolation, match="before the referral"):
        ms.thank_referrer(uow, rid, "email", NOW, "2026-10-01")
    with pytest.raises(InvalidValue, match=r"gratitude kind 'beer'.*happy-hour"):
        ms.thank_referrer(uow, rid, "beer", NOW)
    with pytest.raises(InvalidValue, match="not-a-fit needs --reason"):
        ms.record_outcome(uow, rid, "not-a-fit", NOW)
    with pytest.raises(NotFound, match="no referral #999"):
        ms.thank_referrer(uow, 999, "email", NOW)
    with uow:
        assert uow.session.scalar(select(func.count()).select_from(ReferralMilestone)) == 0
        assert uow.session.scalar(select(func.count()).select_from(Gratitude)) == 0


def test_not_a_fit_keeps_its_reason(network: UnitOfWork) -> None:
    rid = receive(network)
    result = ms.record_outcome(network, rid, "not-a-fit", NOW, reason="Wanted BI dashboards")
    assert result.outcome_reason == "Wanted BI dashboards"


def test_receive_needs_exactly_one_referred_party(network: UnitOfWork) -> None:
    with pytest.raises(InvalidValue, match="say who was referred"):
        referrals.receive_referral(network, ReferralReceive(referrer="Ana"), NOW)
    with pytest.raises(InvalidValue, match="say who was referred"):
        referrals.receive_referral(
            network, ReferralReceive(referrer="Ana", referred_person="Bo", prospect="X"), NOW
        )


def test_receive_in_the_future_is_refused(network: UnitOfWork) -> None:
    with pytest.raises(RuleViolation, match="in the future"):
        receive(network, when="2027-01-01")


def test_given_referral_to_a_person_or_through_an_opportunity(network: UnitOfWork) -> None:
    uow = network
    given = referrals.give_referral(
        uow, ReferralGive(referred="Bo", to_person="Cy", kind="job"), NOW
    )
    assert (given.stage, given.recipient) == ("made", "Cy Park")
    with pytest.raises(RuleViolation, match="only its outcome"):
        ms.record_contact(uow, given.id, succeeded=True, now=NOW)
    assert ms.record_outcome(uow, given.id, "won", NOW).stage == "outcome"
    opp = opportunities.add_opportunity(
        uow,
        OpportunityCreate(
            title="Staff engineer",
            organization="Initech",
            contact="Ana",
            skills=["Python, Spark", "python"],
        ),
        NOW,
    )
    assert opp.skills == ["Python", "Spark"]
    through = referrals.give_referral(uow, ReferralGive(referred="Bo", opportunity_id=opp.id), NOW)
    assert through.recipient == "Ana Silva" and through.description == "Staff engineer"
    with pytest.raises(InvalidValue, match="say whom"):
        referrals.give_referral(uow, ReferralGive(referred="Bo"), NOW)


def test_list_filters_by_direction_stage_and_person(network: UnitOfWork) -> None:
    uow = network
    first = receive(uow)
    receive(uow)
    ms.thank_referrer(uow, first, "email", NOW)
    referrals.give_referral(uow, ReferralGive(referred="Bo", to_person="Cy"), NOW)
    assert len(referrals.list_referrals(uow, ReferralFilter(direction="received"))) == 2
    thanked = referrals.list_referrals(uow, ReferralFilter(stage="thanked"))
    assert [r.id for r in thanked] == [first]
    assert len(referrals.list_referrals(uow, ReferralFilter(person="Cy"))) == 1
    with pytest.raises(InvalidValue, match="unknown stage"):
        referrals.list_referrals(uow, ReferralFilter(stage="done"))
