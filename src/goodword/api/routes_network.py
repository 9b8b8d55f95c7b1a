"""People, organizations and interactions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, Field

from goodword.api.deps import Id, Now, Uow, User, person_query
from goodword.api.errors import COMMON_ERRORS
from goodword.api.pagination import Cursor, Limit, Page, fetched_page, offset_of, page
from goodword.domain.limits import MAX_ID
from goodword.schemas.matching import MatchResult, OfferResult
from goodword.schemas.network import (
    InteractionCreate,
    InteractionPublic,
    NotePublic,
    OrganizationCreate,
    OrganizationDetail,
    OrganizationPublic,
    OrganizationUpdate,
    PersonAdded,
    PersonCreate,
    PersonDetail,
    PersonFilter,
    PersonPublic,
    PersonUpdate,
)
from goodword.services import (
    interactions,
    intros,
    matching,
    organizations,
    people,
    people_listing,
    people_merge,
)
from goodword.services.deletions import TrashedPublic

router = APIRouter(responses=COMMON_ERRORS)
Text = Annotated[str | None, Query(max_length=300)]


class NoteCreate(BaseModel):
    body: str = Field(min_length=1, max_length=20_000)


class TagsChange(BaseModel):
    add: list[str] = []
    remove: list[str] = []


@router.get("/people", tags=["people"])
def list_people(
    uow: Uow,
    limit: Limit = 50,
    cursor: Cursor = None,
    q: Text = None,
    company: Text = None,
    tag: Text = None,
    skill: Text = None,
) -> Page[PersonPublic]:
    """People in the workspace, by name; filter by text, company, tag or skill."""
    filters = PersonFilter(text=q, company=company, tag=tag, skill=skill, limit=limit + 1)
    found = people_listing.list_people(uow, filters, offset_of(cursor))
    return fetched_page(found, limit, cursor)


@router.post("/people", status_code=status.HTTP_201_CREATED, tags=["people"])
def create_person(uow: Uow, now: Now, data: PersonCreate) -> PersonAdded:
    """Creates the person; ``warnings`` says when an email, link or phone already belongs
    to someone else."""
    return people.add_person(uow, data, now)


@router.get("/people/{person_id}", tags=["people"])
def get_person(uow: Uow, person_id: Id) -> PersonDetail:
    """A person with their notes and timeline."""
    return people.show_person(uow, f"#{person_id}")


@router.patch("/people/{person_id}", tags=["people"])
def update_person(uow: Uow, now: Now, person_id: Id, changes: PersonUpdate) -> PersonPublic:
    return people.edit_person(uow, f"#{person_id}", changes, now)


@router.delete("/people/{person_id}", tags=["people"])
def delete_person(uow: Uow, now: Now, person_id: Id) -> TrashedPublic:
    """Moves the person and what hangs off them to the trash (30 days; ``POST
    /trash/{id}/restore`` brings them back); answers with what went."""
    return people_merge.delete_person(uow, person_id, now)


@router.post("/people/{person_id}/tags", tags=["people"])
def tag_person(uow: Uow, now: Now, person_id: Id, change: TagsChange) -> PersonPublic:
    return people.change_tags(uow, f"#{person_id}", change.add, change.remove, now)


@router.post("/people/{person_id}/notes", status_code=201, tags=["people"])
def note_person(uow: Uow, now: Now, person_id: Id, note: NoteCreate) -> NotePublic:
    return people.note_person(uow, f"#{person_id}", note.body, now)


@router.get("/organizations", tags=["organizations"])
def list_organizations(
    uow: Uow, limit: Limit = 50, cursor: Cursor = None, q: Text = None, tag: Text = None
) -> Page[OrganizationPublic]:
    return page(organizations.list_orgs(uow, text=q, tag=tag), limit, cursor)


@router.post("/organizations", status_code=201, tags=["organizations"])
def create_organization(uow: Uow, now: Now, data: OrganizationCreate) -> OrganizationPublic:
    return organizations.add_org(uow, data, now)


@router.get("/organizations/{org_id}", tags=["organizations"])
def get_organization(uow: Uow, org_id: Id) -> OrganizationDetail:
    return organizations.show_org(uow, f"#{org_id}")


@router.patch("/organizations/{org_id}", tags=["organizations"])
def update_organization(
    uow: Uow, now: Now, org_id: Id, changes: OrganizationUpdate
) -> OrganizationPublic:
    return organizations.edit_org(uow, f"#{org_id}", changes, now)


@router.delete("/organizations/{org_id}", tags=["organizations"])
def delete_organization(uow: Uow, now: Now, org_id: Id) -> TrashedPublic:
    """Moves the organization to the trash; its people and referrals stay, unlinked."""
    return organizations.delete_org(uow, org_id, now)


@router.get("/interactions", tags=["interactions"])
def list_interactions(
    uow: Uow,
    limit: Limit = 50,
    cursor: Cursor = None,
    person_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> Page[InteractionPublic]:
    """Interactions, newest first; optionally with one person."""
    found = interactions.list_interactions(
        uow, person_query(person_id), limit + 1, offset_of(cursor)
    )
    return fetched_page(found, limit, cursor)


@router.post("/interactions", status_code=201, tags=["interactions"])
def log_interaction(uow: Uow, now: Now, data: InteractionCreate) -> InteractionPublic:
    """Log an interaction; ``person`` is a name, an email or ``#id``."""
    return interactions.log_interaction(uow, data, now)


@router.get("/match", tags=["matching"])
def match(
    uow: Uow,
    now: Now,
    q: Annotated[str | None, Query(max_length=2000, description="What is needed")] = None,
    opportunity_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    semantic: Annotated[bool | None, Query(description="Blend in meaning (the extra)")] = None,
) -> MatchResult:
    """The people whose expertise fits a need or an opportunity, best first, with why."""
    return matching.match_people(uow, q, opportunity_id, limit, now=now, semantic=semantic)


@router.get("/people/{person_id}/offers", tags=["matching"])
def offers(uow: Uow, person_id: Id, limit: Annotated[int, Query(ge=1, le=50)] = 5) -> OfferResult:
    """What you could refer to this person, in both directions."""
    return matching.offers_for_person(uow, f"#{person_id}", limit)


@router.get("/intro", tags=["matching"])
def intro(
    uow: Uow,
    now: Now,
    user: User,
    target: Annotated[
        str, Query(min_length=1, max_length=300, description="A person or an organization")
    ],
    hops: Annotated[int, Query(ge=1, le=6)] = 3,
    limit: Annotated[int, Query(ge=1, le=20)] = 3,
) -> list[intros.IntroPathPublic]:
    """The warmest chains of people from you (or, in a team, from any member) to a target."""
    return intros.intro_paths(uow, target, now, hops, limit, asking_user=user.id)
