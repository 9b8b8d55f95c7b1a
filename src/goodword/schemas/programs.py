"""Schemas for referral programs: programs, advocates, leads, conversions, rewards."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field, StrictBool

from goodword.domain.limits import MAX_ID
from goodword.schemas.fields import Money

Reward = Field(
    default=None,
    max_length=250,
    description="TYPE:AMOUNT:CURRENCY (cash:50:USD, discount-code:10:%) or custom:WORDS; "
    "none or empty for no reward",
)


class ProgramCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    kind: Literal["customer", "hiring"] = "customer"
    description: str = Field(default="", max_length=5000)
    window_days: int = Field(default=30, ge=1, le=3650)
    eligibility: str = Field(
        default="anyone",
        max_length=120,
        description="anyone, network (people in your network) or tag:NAME",
    )
    advocate_reward: str | None = Reward
    friend_reward: str | None = Reward
    milestones: str | None = Field(
        default=None, max_length=2000, description="COUNT=REWARD,… e.g. 3=cash:25:USD"
    )
    hold_days: int = Field(default=30, ge=0, le=3650)
    cap_per_advocate: int | None = Field(default=None, ge=1, le=100000)
    auto_approve_flagged: StrictBool = False
    tenure_days: int | None = Field(default=None, ge=0, le=3650)
    burst_per_hour: int = Field(default=10, ge=1, le=100000)
    self_signup: StrictBool = Field(
        default=False, description="people may sign themselves up on the public page"
    )
    leaderboard: StrictBool = Field(
        default=False, description="show the advocates who opt in, by first name and initial"
    )


class ProgramUpdate(BaseModel):
    """Only the fields given change; an empty reward text removes that reward."""

    name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=5000)
    status: Literal["active", "paused"] | None = None
    window_days: int | None = Field(default=None, ge=1, le=3650)
    eligibility: str | None = Field(default=None, max_length=120)
    advocate_reward: str | None = Reward
    friend_reward: str | None = Reward
    milestones: str | None = Field(default=None, max_length=2000)
    hold_days: int | None = Field(default=None, ge=0, le=3650)
    cap_per_advocate: int | None = Field(default=None, ge=0, le=100000)
    auto_approve_flagged: StrictBool | None = None
    tenure_days: int | None = Field(default=None, ge=0, le=3650)
    burst_per_hour: int | None = Field(default=None, ge=1, le=100000)
    self_signup: StrictBool | None = None
    leaderboard: StrictBool | None = None


class ProgramPublic(BaseModel):
    id: int
    name: str
    kind: str
    status: str
    description: str
    window_days: int
    eligibility: str
    advocate_reward: str | None
    friend_reward: str | None
    rewards_in_words: str
    milestones: str | None
    hold_days: int
    cap_per_advocate: int | None
    auto_approve_flagged: bool
    tenure_days: int | None
    burst_per_hour: int
    advocates: int = 0
    leads: int = 0
    conversions: int = 0
    waiting_for_review: int = 0
    self_signup: bool = False
    leaderboard: bool = False
    join_path: str | None = None
    """The public sign-up page (``/j/…``), when people may sign themselves up."""
    created_at: datetime


class AdvocateCreate(BaseModel):
    """A person from the network (``person``: a name, email or ``#id``) or name and email."""

    person: str | None = Field(default=None, max_length=320)
    name: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=320)
    customer_id: str | None = Field(default=None, max_length=200)
    device_id: str | None = Field(default=None, max_length=64)


class AdvocatePublic(BaseModel):
    id: int
    program_id: int
    name: str
    email: str | None
    person_id: int | None
    customer_id: str | None
    code: str
    link: str
    enrolled_at: datetime
    visits: int = 0
    leads: int = 0
    conversions: int = 0
    portal_link: str | None = None
    """The advocate's private page; given once, when enrolled (also in their welcome email)."""


class Check(BaseModel):
    check: str
    detail: str


class LeadCreate(BaseModel):
    email: str = Field(min_length=3, max_length=320)
    name: str = Field(default="", max_length=200)
    code: str | None = Field(default=None, max_length=40, description="The advocate's code")
    advocate_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    customer_id: str | None = Field(default=None, max_length=200)
    consent: StrictBool = False
    existing_customer: StrictBool = False
    ip: str | None = Field(default=None, max_length=45)
    device_id: str | None = Field(default=None, max_length=64)


class LeadPublic(BaseModel):
    id: int
    program_id: int
    advocate_id: int
    advocate: str
    name: str
    email: str
    status: str
    reason: str
    consent: bool
    source: str
    flags: list[Check]
    signals: list[Check]
    review: str
    review_note: str | None
    created_at: datetime


class ConversionCreate(BaseModel):
    lead_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    email: str | None = Field(default=None, max_length=320)
    external_id: str = Field(min_length=1, max_length=200, description="Your order or hire id")
    amount: Money | None = None
    currency: str | None = Field(default=None, min_length=3, max_length=3)
    customer_id: str | None = Field(default=None, max_length=200)


class RewardPublic(BaseModel):
    id: int
    program_id: int
    advocate_id: int
    advocate: str
    conversion_id: int | None
    beneficiary: str
    rule: str
    reward: str
    reward_type: str
    amount: Decimal | None
    currency: str | None
    status: str
    reason: str
    held_for_review: bool
    due_at: datetime
    issued_at: datetime | None
    issue_ref: str | None


class ConversionPublic(BaseModel):
    id: int
    program_id: int
    lead_id: int
    advocate_id: int
    external_id: str
    amount: Decimal | None
    currency: str | None
    status: str
    flags: list[Check]
    review: str
    created_at: datetime
    rewards: list[RewardPublic]


class ReviewItem(BaseModel):
    kind: Literal["lead", "conversion"]
    id: int
    program_id: int
    advocate: str
    who: str
    flags: list[Check]
    signals: list[Check]
    created_at: datetime


class ReviewDecision(BaseModel):
    approve: StrictBool
    by: str = Field(min_length=1, max_length=200)
    note: str | None = Field(default=None, max_length=2000)


class RewardIssue(BaseModel):
    reference: str | None = Field(default=None, max_length=200)
    by: str = Field(default="owner", min_length=1, max_length=200)


class Clawback(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


class HiringStageChange(BaseModel):
    stage: Literal["interviewing", "not-hired"]


class StoryCreate(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=5000)
    consent: str = Field(
        min_length=3,
        max_length=500,
        description="How the advocate agreed to the story being shown (e.g. 'said yes by email')",
    )
    advocate_id: int | None = Field(default=None, ge=1, le=MAX_ID)


class StoryPublic(BaseModel):
    id: int
    program_id: int
    title: str
    body: str
    advocate: str | None
    consent: str
    consent_at: datetime


class LeaderboardRow(BaseModel):
    name: str
    """First name and initial: what the advocate agreed to show."""
    conversions: int
    referrals: int
