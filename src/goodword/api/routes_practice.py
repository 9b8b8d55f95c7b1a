"""Asks, gratitude, recommendations, reference requests, opportunities and the brief."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from goodword.api.deps import Id, Now, Uow, person_query
from goodword.api.errors import COMMON_ERRORS
from goodword.api.pagination import Cursor, Limit, Page, page
from goodword.api.routes_referrals import ThankCreate, When
from goodword.domain.limits import MAX_ID
from goodword.schemas.practice import (
    AskCreate,
    AskCreated,
    AskPublic,
    BriefPublic,
    BriefUpdate,
    GratitudePublic,
    OpportunityCreate,
    OpportunityPublic,
    RecommendationCreate,
    RecommendationPublic,
    ReferenceCreate,
    ReferencePublic,
)
from goodword.services import asks, brief, gratitude, opportunities, recommendations, references

router = APIRouter(responses=COMMON_ERRORS)
PersonId = Annotated[int | None, Query(ge=1, le=MAX_ID)]
Status = Annotated[str | None, Query(max_length=40)]


class AskAnswer(BaseModel):
    answer: Literal["accepted", "declined", "no-response"]
    referral_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    when: str | None = When
    note: str | None = Field(default=None, max_length=5000)


class FollowUp(BaseModel):
    when: str | None = When


class RecommendationStatus(BaseModel):
    status: Literal["draft", "sent", "published"]
    when: str | None = When


class ReferenceDecision(BaseModel):
    approve: bool
    approver: str = Field(min_length=1, max_length=200)
    when: str | None = When
    note: str | None = Field(default=None, max_length=5000)


class ReferenceGiven(BaseModel):
    when: str | None = When


class Confidential(BaseModel):
    note: str | None = Field(default=None, max_length=5000)


@router.get("/asks", tags=["asks"])
def list_asks(
    uow: Uow,
    limit: Limit = 50,
    cursor: Cursor = None,
    status: Status = None,
    person_id: PersonId = None,
) -> Page[AskPublic]:
    return page(asks.list_asks(uow, status, person_query(person_id)), limit, cursor)


@router.post("/asks", status_code=201, tags=["asks"])
def create_ask(uow: Uow, now: Now, data: AskCreate) -> AskCreated:
    """Ask for a referral, recommendation or introduction; refused when it is too soon
    (the answer names why) unless ``force`` is set."""
    return asks.create_ask(uow, data, now)


@router.get("/asks/{ask_id}", tags=["asks"])
def get_ask(uow: Uow, ask_id: Id) -> AskPublic:
    return asks.show_ask(uow, ask_id)


@router.post("/asks/{ask_id}/answer", tags=["asks"])
def answer_ask(uow: Uow, now: Now, ask_id: Id, data: AskAnswer) -> AskPublic:
    return asks.answer_ask(
        uow, ask_id, data.answer, now, when=data.when, referral_id=data.referral_id, note=data.note
    )


@router.post("/asks/{ask_id}/follow-up", tags=["asks"])
def follow_up_ask(uow: Uow, now: Now, ask_id: Id, data: FollowUp) -> AskPublic:
    """The one gentle follow-up an ask gets."""
    return asks.follow_up_ask(uow, ask_id, now, data.when)


@router.post("/asks/{ask_id}/acknowledged", tags=["asks"])
def acknowledge_ask(uow: Uow, now: Now, ask_id: Id, data: FollowUp) -> AskPublic:
    """A decline was acknowledged: "I understand", and the relationship goes on."""
    return asks.acknowledge_ask(uow, ask_id, now, data.when)


@router.get("/gratitude", tags=["gratitude"])
def list_gratitude(
    uow: Uow, limit: Limit = 50, cursor: Cursor = None, person_id: PersonId = None
) -> Page[GratitudePublic]:
    """Every thank-you you gave, newest first."""
    return page(gratitude.list_gratitude(uow, person_query(person_id)), limit, cursor)


@router.get("/recommendations", tags=["recommendations"])
def list_recommendations(
    uow: Uow,
    limit: Limit = 50,
    cursor: Cursor = None,
    direction: Annotated[Literal["received", "given"] | None, Query()] = None,
    status: Status = None,
) -> Page[RecommendationPublic]:
    return page(recommendations.list_recommendations(uow, direction, status), limit, cursor)


@router.post("/recommendations", status_code=201, tags=["recommendations"])
def create_recommendation(uow: Uow, now: Now, data: RecommendationCreate) -> RecommendationPublic:
    return recommendations.add_recommendation(uow, data, now)


@router.get("/recommendations/{rec_id}", tags=["recommendations"])
def get_recommendation(uow: Uow, rec_id: Id) -> RecommendationPublic:
    return recommendations.show_recommendation(uow, rec_id)


@router.post("/recommendations/{rec_id}/status", tags=["recommendations"])
def set_status(uow: Uow, now: Now, rec_id: Id, data: RecommendationStatus) -> RecommendationPublic:
    return recommendations.set_recommendation_status(uow, rec_id, data.status, now, data.when)


@router.post("/recommendations/{rec_id}/thanked", status_code=201, tags=["gratitude"])
def thank_for_recommendation(uow: Uow, now: Now, rec_id: Id, data: ThankCreate) -> GratitudePublic:
    return recommendations.thank_for_recommendation(
        uow, rec_id, data.via, now, data.when, data.note
    )


@router.get("/references", tags=["references"])
def list_references(
    uow: Uow, limit: Limit = 50, cursor: Cursor = None, status: Status = None
) -> Page[ReferencePublic]:
    return page(references.list_references(uow, status), limit, cursor)


@router.post("/references", status_code=201, tags=["references"])
def create_reference(uow: Uow, now: Now, data: ReferenceCreate) -> ReferencePublic:
    """A vendor asks you to be a reference: nothing is given before the company approves."""
    return references.add_reference_request(uow, data, now)


@router.get("/references/{request_id}", tags=["references"])
def get_reference(uow: Uow, request_id: Id) -> ReferencePublic:
    return references.show_reference(uow, request_id)


@router.post("/references/{request_id}/decision", tags=["references"])
def decide_reference(
    uow: Uow, now: Now, request_id: Id, data: ReferenceDecision
) -> ReferencePublic:
    return references.decide_reference(
        uow,
        request_id,
        approve=data.approve,
        approver=data.approver,
        now=now,
        when=data.when,
        note=data.note,
    )


@router.post("/references/{request_id}/given", tags=["references"])
def give_reference(uow: Uow, now: Now, request_id: Id, data: ReferenceGiven) -> ReferencePublic:
    return references.give_reference(uow, request_id, now, data.when)


@router.post("/references/{request_id}/confidentiality-asked", tags=["references"])
def ask_confidentiality(
    uow: Uow, now: Now, request_id: Id, data: ReferenceGiven
) -> ReferencePublic:
    """After a denial: the vendor was asked whether the company's name can stay out of it."""
    return references.ask_confidentiality(uow, request_id, now, data.when)


@router.post("/references/{request_id}/confidential", tags=["references"])
def make_confidential(uow: Uow, now: Now, request_id: Id, data: Confidential) -> ReferencePublic:
    """The vendor keeps the company's name confidential; a denied request opens again for
    a fresh approval."""
    return references.make_confidential(uow, request_id, now, data.note)


@router.get("/opportunities", tags=["opportunities"])
def list_opportunities(
    uow: Uow, limit: Limit = 50, cursor: Cursor = None, status: Status = None
) -> Page[OpportunityPublic]:
    return page(opportunities.list_opportunities(uow, status), limit, cursor)


@router.post("/opportunities", status_code=201, tags=["opportunities"])
def create_opportunity(uow: Uow, now: Now, data: OpportunityCreate) -> OpportunityPublic:
    return opportunities.add_opportunity(uow, data, now)


@router.get("/opportunities/{opportunity_id}", tags=["opportunities"])
def get_opportunity(uow: Uow, opportunity_id: Id) -> OpportunityPublic:
    return opportunities.show_opportunity(uow, opportunity_id)


@router.post("/opportunities/{opportunity_id}/close", tags=["opportunities"])
def close_opportunity(uow: Uow, opportunity_id: Id) -> OpportunityPublic:
    return opportunities.close_opportunity(uow, opportunity_id)


@router.get("/brief", tags=["brief"])
def get_brief(uow: Uow) -> BriefPublic:
    return brief.show_brief(uow)


@router.patch("/brief", tags=["brief"])
def update_brief(uow: Uow, now: Now, changes: BriefUpdate) -> BriefPublic:
    return brief.set_brief(uow, changes, now)
