"""Referral programs: rules, advocates, leads, conversions (idempotent), rewards, review."""

from __future__ import annotations

from typing import Annotated, Literal

from anyio import to_thread
from fastapi import APIRouter, Header, Path, Query, Request, Response
from pydantic import BaseModel, Field

from goodword.api.deps import Id, Now, Uow, write_lane
from goodword.api.errors import COMMON_ERRORS
from goodword.api.pagination import Cursor, Limit, Page, page
from goodword.domain.limits import MAX_ID
from goodword.programs.outbox import webhooks
from goodword.programs.use_cases import advocates as program_advocates
from goodword.programs.use_cases import clawbacks as program_clawbacks
from goodword.programs.use_cases import community as program_community
from goodword.programs.use_cases import conversions as program_conversions
from goodword.programs.use_cases import leads as program_leads
from goodword.programs.use_cases import portal as advocate_portal
from goodword.programs.use_cases import programs
from goodword.programs.use_cases import rewards as program_rewards
from goodword.programs.use_cases import stats as program_statistics
from goodword.programs.use_cases.stats import ProgramStats
from goodword.schemas.messages import MessagePublic, WebhookCreate, WebhookCreated, WebhookPublic
from goodword.schemas.programs import (
    AdvocateCreate,
    AdvocatePublic,
    Clawback,
    ConversionCreate,
    ConversionPublic,
    HiringStageChange,
    LeadCreate,
    LeaderboardRow,
    LeadPublic,
    ProgramCreate,
    ProgramPublic,
    ProgramUpdate,
    ReviewDecision,
    ReviewItem,
    RewardIssue,
    RewardPublic,
    StoryCreate,
    StoryPublic,
)

router = APIRouter(responses=COMMON_ERRORS)
ChildId = Annotated[int, Path(ge=1, le=MAX_ID, description="The record's id")]
Status = Annotated[str | None, Query(max_length=40)]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=200,
        description="Send the same key to replay safely: the first result comes back",
    ),
]


class RewardDenial(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)
    by: str = Field(default="owner", min_length=1, max_length=200)


@router.get("/programs", tags=["programs"])
def list_programs(uow: Uow, limit: Limit = 50, cursor: Cursor = None) -> Page[ProgramPublic]:
    return page(programs.list_programs(uow), limit, cursor)


@router.post("/programs", status_code=201, tags=["programs"])
def create_program(uow: Uow, now: Now, data: ProgramCreate) -> ProgramPublic:
    return programs.create_program(uow, data, now)


@router.get("/programs/{program_id}", tags=["programs"])
def get_program(uow: Uow, program_id: Id) -> ProgramPublic:
    return programs.show_program(uow, program_id)


@router.patch("/programs/{program_id}", tags=["programs"])
def edit_program(uow: Uow, program_id: Id, data: ProgramUpdate) -> ProgramPublic:
    return programs.edit_program(uow, program_id, data)


@router.get("/programs/{program_id}/advocates", tags=["programs"])
def list_advocates(
    request: Request, uow: Uow, program_id: Id, limit: Limit = 50, cursor: Cursor = None
) -> Page[AdvocatePublic]:
    seen_at = str(request.base_url)
    return page(program_advocates.list_advocates(uow, program_id, seen_at), limit, cursor)


@router.post("/programs/{program_id}/advocates", status_code=201, tags=["programs"])
def enrol_advocate(
    request: Request, uow: Uow, now: Now, program_id: Id, data: AdvocateCreate
) -> AdvocatePublic:
    """Enrol a person from your network (``person``) or anyone by ``name`` and ``email``.
    The link uses the ``public_url`` setting, else the address this request came to."""
    return program_advocates.enrol_advocate(uow, program_id, data, now, str(request.base_url))


@router.get("/programs/{program_id}/leads", tags=["programs"])
def list_leads(
    uow: Uow, program_id: Id, limit: Limit = 50, cursor: Cursor = None, status: Status = None
) -> Page[LeadPublic]:
    return page(program_leads.list_leads(uow, program_id, status), limit, cursor)


@router.post("/programs/{program_id}/leads", status_code=201, tags=["programs"])
def create_lead(uow: Uow, now: Now, program_id: Id, data: LeadCreate) -> LeadPublic:
    """A lead from your own system. A duplicate or a failed check is recorded with its
    reason (``status``, ``flags``), never dropped."""
    return program_leads.create_lead(uow, program_id, data, now)


@router.post("/programs/{program_id}/leads/{lead_id}/stage", tags=["programs"])
def move_candidate(
    uow: Uow, now: Now, program_id: Id, lead_id: ChildId, data: HiringStageChange
) -> LeadPublic:
    return program_leads.move_candidate(uow, program_id, lead_id, data, now)


@router.post(
    "/programs/{program_id}/conversions",
    status_code=201,
    tags=["programs"],
    responses={200: {"description": "A replay: the conversion recorded earlier"}},
)
async def record_conversion(
    request: Request,
    uow: Uow,
    now: Now,
    program_id: Id,
    data: ConversionCreate,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> ConversionPublic:
    """Record a purchase (or a hire) and create the rewards the rules say. Replaying the
    same request, with the same ``Idempotency-Key`` or order id, returns the first result
    (200) and creates nothing; the same key with a different body is a 409.

    Conversions of one server process go through one lane: they write, and taking them one
    at a time keeps them from waiting on each other's SQLite write lock."""
    result, created = await to_thread.run_sync(
        program_conversions.record_conversion,
        uow,
        program_id,
        data,
        now,
        idempotency_key,
        limiter=write_lane(request),
    )
    if not created:
        response.status_code = 200
        response.headers["Idempotent-Replayed"] = "true"
    return result


@router.post("/programs/{program_id}/conversions/{conversion_id}/reverse", tags=["programs"])
def reverse_conversion(
    uow: Uow, now: Now, program_id: Id, conversion_id: ChildId, data: Clawback
) -> ConversionPublic:
    """A refund or a reversed hire: the rewards are clawed back (recovered if already paid)."""
    return program_clawbacks.reverse_conversion(
        uow, program_id, conversion_id, data.reason, now, "api"
    )


@router.get("/programs/{program_id}/rewards", tags=["programs"])
def list_rewards(
    uow: Uow,
    program_id: Id,
    limit: Limit = 50,
    cursor: Cursor = None,
    status: Status = None,
    advocate_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> Page[RewardPublic]:
    return page(program_rewards.list_rewards(uow, program_id, status, advocate_id), limit, cursor)


@router.post("/rewards/{reward_id}/issue", tags=["programs"])
def issue_reward(uow: Uow, now: Now, reward_id: Id, data: RewardIssue) -> RewardPublic:
    """Mark an approved reward paid, with its reference; a second call is a 409."""
    return program_rewards.issue_reward(uow, reward_id, data, now)


@router.post("/rewards/{reward_id}/deny", tags=["programs"])
def deny_reward(uow: Uow, now: Now, reward_id: Id, data: RewardDenial) -> RewardPublic:
    return program_rewards.deny_reward(uow, reward_id, data.reason, data.by, now)


@router.get("/review", tags=["programs"])
def review_queue(
    uow: Uow,
    limit: Limit = 50,
    cursor: Cursor = None,
    program_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> Page[ReviewItem]:
    return page(program_rewards.review_queue(uow, program_id), limit, cursor)


@router.post("/review/{kind}/{item_id}", tags=["programs"])
def decide_review(
    uow: Uow,
    now: Now,
    kind: Literal["lead", "conversion"],
    item_id: ChildId,
    data: ReviewDecision,
) -> ReviewItem:
    return program_rewards.decide_review(uow, kind, item_id, data, now)


@router.get("/webhooks", tags=["webhooks"])
def list_webhooks(uow: Uow, limit: Limit = 50, cursor: Cursor = None) -> Page[WebhookPublic]:
    return page(webhooks.list_webhooks(uow), limit, cursor)


@router.post("/webhooks", status_code=201, tags=["webhooks"])
def add_webhook(uow: Uow, now: Now, data: WebhookCreate) -> WebhookCreated:
    """Deliveries are POSTed as JSON with ``Goodword-Signature: t=<unix>,v1=<hex>`` — the
    HMAC-SHA256 of ``"<t>.<body>"`` with this secret (shown once) — and ``Goodword-Event``."""
    return webhooks.add_webhook(uow, data, now)


@router.delete("/webhooks/{webhook_id}", tags=["webhooks"])
def remove_webhook(uow: Uow, webhook_id: Id) -> WebhookPublic:
    return webhooks.remove_webhook(uow, webhook_id)


@router.get("/outbox", tags=["webhooks"])
def delivery_log(
    uow: Uow,
    limit: Limit = 50,
    cursor: Cursor = None,
    status: Annotated[Literal["pending", "sending", "sent", "failed"] | None, Query()] = None,
) -> Page[MessagePublic]:
    """Every email and webhook, newest first, with attempts and the last error."""
    return page(webhooks.delivery_log(uow, status, 5000), limit, cursor)


class PortalLink(BaseModel):
    portal_link: str


@router.post("/advocates/{advocate_id}/portal-link", tags=["programs"])
def new_portal_link(request: Request, uow: Uow, advocate_id: Id) -> PortalLink:
    """A new private page link for an advocate (the old one stops working)."""
    return PortalLink(
        portal_link=advocate_portal.rotate_portal_link(uow, advocate_id, str(request.base_url))
    )


@router.get("/programs/{program_id}/stats", tags=["programs"])
def program_stats(uow: Uow, now: Now, program_id: Id) -> ProgramStats:
    """Participation, share and conversion rates (each with its parts), the k-factor, what
    the rewards cost, the revenue referrals brought, per advocate and per month."""
    return program_statistics.program_stats(uow, program_id, now)


@router.get("/programs/{program_id}/leaderboard", tags=["programs"])
def program_leaderboard(uow: Uow, program_id: Id) -> list[LeaderboardRow]:
    return program_community.leaderboard(uow, program_id)


@router.get("/programs/{program_id}/stories", tags=["programs"])
def list_stories(
    uow: Uow, program_id: Id, limit: Limit = 50, cursor: Cursor = None
) -> Page[StoryPublic]:
    return page(program_community.list_stories(uow, program_id), limit, cursor)


@router.post("/programs/{program_id}/stories", status_code=201, tags=["programs"])
def add_story(uow: Uow, now: Now, program_id: Id, data: StoryCreate) -> StoryPublic:
    """A success story for the program's pages; ``consent`` records how the advocate agreed."""
    return program_community.add_story(uow, program_id, data, now)
