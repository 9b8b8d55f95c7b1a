"""Referrals, received and given, and the milestones that move them along."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from goodword.api.deps import Id, Now, Uow, person_query
from goodword.api.errors import COMMON_ERRORS
from goodword.api.pagination import Cursor, Limit, Page, page
from goodword.domain.limits import MAX_ID
from goodword.schemas.fields import Money
from goodword.schemas.practice import (
    QualifyingAnswers,
    ReferralFilter,
    ReferralGive,
    ReferralPublic,
    ReferralReceive,
)
from goodword.services import referral_milestones as milestones
from goodword.services import referrals
from goodword.services.referral_lessons import LessonPublic, record_lesson

router = APIRouter(responses=COMMON_ERRORS, tags=["referrals"])
When = Field(default=None, max_length=40, description="ISO date/time or 'yesterday'; default now")


class ThankCreate(BaseModel):
    via: str = Field(default="email", description="email, call, note, gift, lunch, public-praise…")
    when: str | None = When
    note: str | None = Field(default=None, max_length=5000)


class QualifyCreate(QualifyingAnswers):
    when: str | None = When


class LessonCreate(BaseModel):
    why_fit: str = Field(min_length=1, max_length=5000)
    """What made the referrer think it was a good referral for you."""
    impression: str | None = Field(default=None, max_length=5000)
    """What you say or do that gave them that impression."""
    update_brief: bool = False
    """Add what did not fit to the brief's not-a-fit line in the same step."""
    when: str | None = When


class ContactCreate(BaseModel):
    succeeded: bool = True
    when: str | None = When
    note: str | None = Field(default=None, max_length=5000)


class OutcomeCreate(BaseModel):
    outcome: Literal["won", "lost", "not-a-fit", "no-response"]
    value: Money | None = None
    reason: str | None = Field(default=None, max_length=5000)
    when: str | None = When


class UpdateCreate(BaseModel):
    when: str | None = When
    note: str | None = Field(default=None, max_length=5000)


@router.get("/referrals")
def list_referrals(
    uow: Uow,
    limit: Limit = 50,
    cursor: Cursor = None,
    direction: Annotated[Literal["received", "given"] | None, Query()] = None,
    stage: Annotated[str | None, Query(max_length=40)] = None,
    person_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> Page[ReferralPublic]:
    """Referrals, newest first; filter by direction, derived stage or a person involved."""
    filters = ReferralFilter(direction=direction, stage=stage, person=person_query(person_id))
    return page(referrals.list_referrals(uow, filters), limit, cursor)


@router.post("/referrals/received", status_code=201)
def receive_referral(uow: Uow, now: Now, data: ReferralReceive) -> ReferralPublic:
    """Someone referred a prospect to you: a gift. Thank them next (see the agenda)."""
    return referrals.receive_referral(uow, data, now)


@router.post("/referrals/given", status_code=201)
def give_referral(uow: Uow, now: Now, data: ReferralGive) -> ReferralPublic:
    return referrals.give_referral(uow, data, now)


@router.get("/referrals/{referral_id}")
def get_referral(uow: Uow, referral_id: Id) -> ReferralPublic:
    return referrals.show_referral(uow, referral_id)


@router.post("/referrals/{referral_id}/thanked")
def thank(uow: Uow, now: Now, referral_id: Id, data: ThankCreate) -> ReferralPublic:
    """You thanked the referrer (records the act of gratitude too)."""
    return milestones.thank_referrer(uow, referral_id, data.via, now, data.when, data.note)


@router.post("/referrals/{referral_id}/qualified")
def qualify(uow: Uow, now: Now, referral_id: Id, data: QualifyCreate) -> ReferralPublic:
    answers = QualifyingAnswers(**data.model_dump(exclude={"when"}))
    return milestones.qualify_referral(uow, referral_id, answers, now, data.when)


@router.post("/referrals/{referral_id}/lesson")
def lesson(uow: Uow, now: Now, referral_id: Id, data: LessonCreate) -> LessonPublic:
    """Seed 003's ugly sweater: keep what made the referrer think it fitted, and get (or
    apply) the brief edit it suggests."""
    return record_lesson(
        uow,
        referral_id,
        data.why_fit,
        now,
        impression=data.impression,
        update_brief=data.update_brief,
        when=data.when,
    )


@router.post("/referrals/{referral_id}/contacted")
def contacted(uow: Uow, now: Now, referral_id: Id, data: ContactCreate) -> ReferralPublic:
    """You reached the referred person (``succeeded``), or tried and could not."""
    return milestones.record_contact(
        uow, referral_id, succeeded=data.succeeded, now=now, when=data.when, note=data.note
    )


@router.post("/referrals/{referral_id}/outcome")
def outcome(uow: Uow, now: Now, referral_id: Id, data: OutcomeCreate) -> ReferralPublic:
    return milestones.record_outcome(
        uow, referral_id, data.outcome, now, value=data.value, reason=data.reason, when=data.when
    )


@router.post("/referrals/{referral_id}/referrer-updated")
def referrer_updated(uow: Uow, now: Now, referral_id: Id, data: UpdateCreate) -> ReferralPublic:
    """You told the referrer how it went: the loop is closed."""
    return milestones.record_referrer_updated(uow, referral_id, now, data.when, data.note)
