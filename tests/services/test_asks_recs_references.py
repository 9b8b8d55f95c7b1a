from __future__ import annotations

import pytest
from sqlalchemy import func, select

from goodword.domain.errors import InvalidValue, RuleViolation
from goodword.schemas.network import InteractionCreate, PersonCreate
from goodword.schemas.practice import (
    AskCreate,
    BriefUpdate,
    RecommendationCreate,
    ReferenceCreate,
    ReferralReceive,
)
from goodword.services import (
    asks,
    brief,
    interactions,
    people,
    recommendations,
    references,
    referrals,
    workspaces,
)
from goodword.storage.tables import Ask
from goodword.storage.unit_of_work import UnitOfWork
from tests.conftest import NOW


@pytest.fixture
def ana(uow: UnitOfWork) -> UnitOfWork:
    people.add_person(uow, PersonCreate(name="Ana Silva"), NOW)
    return uow


def log(uow: UnitOfWork, sentiment: str, when: str, kind: str = "meeting") -> None:
    interactions.log_interaction(
        uow, InteractionCreate(person="Ana", kind=kind, sentiment=sentiment, when=when), NOW
    )


def ask_count(uow: UnitOfWork) -> int:
    with uow:
        return uow.session.scalar(select(func.count()).select_from(Ask)) or 0


def test_well_timed_ask_after_a_finished_project(ana: UnitOfWork) -> None:
    log(ana, "positive", "2026-11-18", "project-completed")
    created = asks.create_ask(
        ana, AskCreate(person="Ana", kind="introduction", purpose="Head of Data at Initech"), NOW
    )
    assert created.warnings == [] and created.overridden == []
    assert (created.ask.status, created.ask.forced) == ("pending", False)


def test_too_soon_is_refused_unless_forced(ana: UnitOfWork) -> None:
    log(ana, "positive", "2026-11-18")
    asks.create_ask(ana, AskCreate(person="Ana", when="2026-10-01"), NOW)
    with pytest.raises(RuleViolation, match=r"space asks at least 90 days.*--force"):
        asks.create_ask(ana, AskCreate(person="Ana"), NOW)
    assert ask_count(ana) == 1
    forced = asks.create_ask(ana, AskCreate(person="Ana", force=True), NOW)
    assert forced.ask.forced and forced.overridden


def test_negative_interaction_blocks_an_ask(ana: UnitOfWork) -> None:
    log(ana, "negative", "2026-11-20", "call")
    with pytest.raises(RuleViolation, match="was negative"):
        asks.create_ask(ana, AskCreate(person="Ana"), NOW)
    assert ask_count(ana) == 0


def test_no_positive_moment_warns_but_records(ana: UnitOfWork) -> None:
    created = asks.create_ask(ana, AskCreate(person="Ana", channel="in-person"), NOW)
    assert created.warnings and ask_count(ana) == 1


def test_ask_vocabulary_is_checked(ana: UnitOfWork) -> None:
    with pytest.raises(InvalidValue, match="unknown channel 'pigeon'"):
        asks.create_ask(ana, AskCreate(person="Ana", channel="pigeon"), NOW)


def test_follow_up_once_then_answer_linked_to_the_referral(ana: UnitOfWork) -> None:
    ask = asks.create_ask(ana, AskCreate(person="Ana", when="2026-11-01"), NOW).ask
    asks.follow_up_ask(ana, ask.id, NOW, "2026-11-12")
    with pytest.raises(RuleViolation, match="never a second nag"):
        asks.follow_up_ask(ana, ask.id, NOW)
    referral = referrals.receive_referral(ana, ReferralReceive(referrer="Ana", prospect="Dee"), NOW)
    answered = asks.answer_ask(ana, ask.id, "accepted", NOW, referral_id=referral.id)
    assert (answered.status, answered.referral_id) == ("accepted", referral.id)
    with pytest.raises(RuleViolation, match="already answered"):
        asks.answer_ask(ana, ask.id, "declined", NOW)
    assert [a.id for a in asks.list_asks(ana, status="accepted")] == [ask.id]


def test_recommendation_moves_forward_and_can_be_thanked(ana: UnitOfWork) -> None:
    given = recommendations.add_recommendation(
        ana, RecommendationCreate(person="Ana", text="Ana is brilliant"), NOW
    )
    assert given.status == "draft" and given.sent_at is None
    published = recommendations.set_recommendation_status(ana, given.id, "published", NOW)
    assert published.published_at == NOW and published.sent_at == NOW
    with pytest.raises(RuleViolation, match="forward only"):
        recommendations.set_recommendation_status(ana, given.id, "sent", NOW)
    with pytest.raises(RuleViolation, match="one you gave"):
        recommendations.thank_for_recommendation(ana, given.id, "email", NOW)
    received = recommendations.add_recommendation(
        ana,
        RecommendationCreate(
            person="Ana", direction="received", status="published", when="2026-11-10"
        ),
        NOW,
    )
    thanks = recommendations.thank_for_recommendation(ana, received.id, "handwritten-note", NOW)
    assert thanks.recommendation_id == received.id
    with pytest.raises(InvalidValue, match="endorsement is for a skill"):
        recommendations.add_recommendation(
            ana, RecommendationCreate(person="Ana", kind="endorsement"), NOW
        )


def test_a_recommendation_written_to_you_is_never_a_draft(ana: UnitOfWork) -> None:
    """Seed 004's recommendations: one someone wrote you exists; it is received and
    published (or sent, waiting to be published), never a draft of yours."""
    received = recommendations.add_recommendation(
        ana, RecommendationCreate(person="Ana", direction="received", text="Great work"), NOW
    )
    assert received.status == "published" and received.published_at == NOW
    with pytest.raises(InvalidValue, match="not a draft"):
        recommendations.add_recommendation(
            ana, RecommendationCreate(person="Ana", direction="received", status="draft"), NOW
        )
    mine = recommendations.add_recommendation(ana, RecommendationCreate(person="Ana"), NOW)
    assert mine.status == "draft"


def test_reference_needs_approval_and_confidential_name_stays_in_its_record(
    uow: UnitOfWork,
) -> None:
    request = references.add_reference_request(
        uow, ReferenceCreate(vendor="DataCo", company="Globex", confidential=True), NOW
    )
    with pytest.raises(RuleViolation, match="only after approval"):
        references.give_reference(uow, request.id, NOW)
    with pytest.raises(InvalidValue, match="--by"):
        references.decide_reference(uow, request.id, approve=True, approver=" ", now=NOW)
    approved = references.decide_reference(uow, request.id, approve=True, approver="Dana", now=NOW)
    assert (approved.status, approved.approver) == ("approved", "Dana")
    given = references.give_reference(uow, request.id, NOW)
    assert given.status == "given" and given.company == "Globex"
    listed = references.list_references(uow)
    assert [r.company for r in listed] == ["(confidential)"]
    assert "Globex" not in listed[0].model_dump_json()


def test_denied_reference_can_never_be_given(uow: UnitOfWork) -> None:
    request = references.add_reference_request(uow, ReferenceCreate(vendor="DataCo"), NOW)
    references.decide_reference(uow, request.id, approve=False, approver="Legal", now=NOW)
    with pytest.raises(RuleViolation):
        references.give_reference(uow, request.id, NOW)
    with pytest.raises(RuleViolation, match="already denied"):
        references.decide_reference(uow, request.id, approve=True, approver="Me", now=NOW)


def test_brief_and_settings(uow: UnitOfWork) -> None:
    assert brief.show_brief(uow).updated_at is None
    brief.set_brief(uow, BriefUpdate(looking_for="Data audits"), NOW)
    updated = brief.set_brief(uow, BriefUpdate(roles="Fractional head of data"), NOW)
    assert (updated.looking_for, updated.roles) == ("Data audits", "Fractional head of data")
    with pytest.raises(InvalidValue, match="say what to set"):
        brief.set_brief(uow, BriefUpdate(), NOW)
    rows = workspaces.set_setting(uow, "thank_within_days", "3")
    assert {r.key: r.value for r in rows}["thank_within_days"] == 3
    with pytest.raises(InvalidValue, match="smaller than"):
        workspaces.set_setting(uow, "ask_followup_after_days", "45")
    rows = workspaces.reset_setting(uow, "thank_within_days")
    assert {r.key: r.value for r in rows}["thank_within_days"] == 2
