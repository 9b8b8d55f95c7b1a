"""Changing and deleting any record of the practice. A deletion moves the record (and what
went with it) to the trash for 30 days: ``POST /trash/{id}/restore`` brings it back."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field, StrictInt

from goodword.api.deps import Id, Now, Uow
from goodword.api.errors import COMMON_ERRORS
from goodword.api.pagination import Cursor, Limit, Page, page
from goodword.domain.limits import MAX_ID
from goodword.schemas.edits import (
    AskUpdate,
    GratitudeUpdate,
    InteractionUpdate,
    OpportunityUpdate,
    RecommendationUpdate,
    ReferenceUpdate,
    ReferralUpdate,
)
from goodword.schemas.network import InteractionPublic, MergeResult
from goodword.schemas.practice import (
    AskPublic,
    GratitudePublic,
    OpportunityPublic,
    RecommendationPublic,
    ReferencePublic,
    ReferralPublic,
)
from goodword.services import deletions, duplicates, people_merge
from goodword.services import record_edits as edits
from goodword.services.deletions import TrashedPublic
from goodword.services.duplicates import DuplicateProposal

router = APIRouter(responses=COMMON_ERRORS)


@router.patch("/interactions/{interaction_id}", tags=["interactions"])
def update_interaction(
    uow: Uow, now: Now, interaction_id: Id, changes: InteractionUpdate
) -> InteractionPublic:
    return edits.edit_interaction(uow, interaction_id, changes, now)


@router.delete("/interactions/{interaction_id}", tags=["interactions"])
def delete_interaction(uow: Uow, now: Now, interaction_id: Id) -> TrashedPublic:
    return deletions.delete_record(uow, "interaction", interaction_id, now)


@router.patch("/referrals/{referral_id}", tags=["referrals"])
def update_referral(uow: Uow, now: Now, referral_id: Id, changes: ReferralUpdate) -> ReferralPublic:
    return edits.edit_referral(uow, referral_id, changes, now)


@router.delete("/referrals/{referral_id}", tags=["referrals"])
def delete_referral(uow: Uow, now: Now, referral_id: Id) -> TrashedPublic:
    """Moves the referral and its milestones to the trash."""
    return deletions.delete_record(uow, "referral", referral_id, now)


@router.patch("/asks/{ask_id}", tags=["asks"])
def update_ask(uow: Uow, now: Now, ask_id: Id, changes: AskUpdate) -> AskPublic:
    return edits.edit_ask(uow, ask_id, changes, now)


@router.delete("/asks/{ask_id}", tags=["asks"])
def delete_ask(uow: Uow, now: Now, ask_id: Id) -> TrashedPublic:
    return deletions.delete_record(uow, "ask", ask_id, now)


@router.patch("/gratitude/{gratitude_id}", tags=["gratitude"])
def update_gratitude(
    uow: Uow, now: Now, gratitude_id: Id, changes: GratitudeUpdate
) -> GratitudePublic:
    return edits.edit_gratitude(uow, gratitude_id, changes, now)


@router.delete("/gratitude/{gratitude_id}", tags=["gratitude"])
def delete_gratitude(uow: Uow, now: Now, gratitude_id: Id) -> TrashedPublic:
    """Moves the thank-you to the trash; a referral it settled is owed a thank-you again."""
    return deletions.delete_record(uow, "gratitude", gratitude_id, now)


@router.patch("/recommendations/{rec_id}", tags=["recommendations"])
def update_recommendation(
    uow: Uow, now: Now, rec_id: Id, changes: RecommendationUpdate
) -> RecommendationPublic:
    return edits.edit_recommendation(uow, rec_id, changes, now)


@router.delete("/recommendations/{rec_id}", tags=["recommendations"])
def delete_recommendation(uow: Uow, now: Now, rec_id: Id) -> TrashedPublic:
    return deletions.delete_record(uow, "recommendation", rec_id, now)


@router.patch("/references/{request_id}", tags=["references"])
def update_reference(
    uow: Uow, now: Now, request_id: Id, changes: ReferenceUpdate
) -> ReferencePublic:
    return edits.edit_reference(uow, request_id, changes, now)


@router.delete("/references/{request_id}", tags=["references"])
def delete_reference(uow: Uow, now: Now, request_id: Id) -> TrashedPublic:
    return deletions.delete_record(uow, "reference", request_id, now)


@router.patch("/opportunities/{opportunity_id}", tags=["opportunities"])
def update_opportunity(
    uow: Uow, now: Now, opportunity_id: Id, changes: OpportunityUpdate
) -> OpportunityPublic:
    return edits.edit_opportunity(uow, opportunity_id, changes, now)


@router.delete("/opportunities/{opportunity_id}", tags=["opportunities"])
def delete_opportunity(uow: Uow, now: Now, opportunity_id: Id) -> TrashedPublic:
    return deletions.delete_record(uow, "opportunity", opportunity_id, now)


class MergeRequest(BaseModel):
    other: StrictInt = Field(ge=1, le=MAX_ID)
    """The duplicate to fold into this person."""


@router.get("/duplicates", tags=["people"])
def list_duplicates(uow: Uow, limit: Limit = 50, cursor: Cursor = None) -> Page[DuplicateProposal]:
    """People who may be one person, each with the evidence (a shared email, link or phone;
    or alike names at one company — only ever a suggestion)."""
    return page(duplicates.find_duplicates(uow), limit, cursor)


@router.post("/people/{person_id}/merge", tags=["people"])
def merge_person(uow: Uow, now: Now, person_id: Id, body: MergeRequest) -> MergeResult:
    """Folds ``other`` into this person: history moves over, the merge is logged."""
    return people_merge.merge_people(uow, f"#{person_id}", f"#{body.other}", now)
