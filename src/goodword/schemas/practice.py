"""Schemas for referrals, gratitude, asks, recommendations, references, opportunities, the
brief and the reciprocity ledger."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, Field, StrictBool

from goodword.schemas.fields import Money, RecordId
from goodword.schemas.network import Ref


class ReferralReceive(BaseModel):
    referrer: str
    referred_person: str | None = None
    referred_organization: str | None = None
    prospect: str | None = None
    kind: str = "client"
    description: str | None = None
    value: Money | None = None
    when: str | None = None


class ReferralGive(BaseModel):
    referred: str
    to_person: str | None = None
    to_organization: str | None = None
    opportunity_id: RecordId | None = None
    kind: str = "client"
    description: str | None = None
    when: str | None = None


class QualifyingAnswers(BaseModel):
    """Seed 003's questions to the referrer."""

    how_known: str | None = None
    special_situations: str | None = None
    help_relationship: str | None = None
    why_fit: str | None = None


class MilestonePublic(BaseModel):
    id: int
    kind: str
    at: datetime
    outcome: str | None = None
    gratitude: str | None = None
    note: str | None = None


class ReferralPublic(BaseModel):
    id: int
    direction: str
    kind: str
    stage: str
    referrer: Ref | None
    referred: str
    referred_person: Ref | None
    referred_organization: Ref | None
    recipient: str | None
    recipient_person: Ref | None
    recipient_organization: Ref | None
    opportunity_id: int | None
    referred_at: datetime
    description: str | None
    value: Decimal | None
    outcome: str | None
    outcome_value: Decimal | None
    outcome_reason: str | None
    qualifying: QualifyingAnswers
    milestones: list[MilestonePublic]


class ReferralFilter(BaseModel):
    direction: str | None = None
    stage: str | None = None
    person: str | None = None


class GratitudePublic(BaseModel):
    id: int
    person: Ref
    kind: str
    at: datetime
    referral_id: int | None
    recommendation_id: int | None
    note: str | None


class AskCreate(BaseModel):
    person: str
    kind: str = "referral"
    purpose: str | None = None
    channel: str = "email"
    when: str | None = None
    note: str | None = None
    force: bool = False


class AskPublic(BaseModel):
    id: int
    person: Ref
    kind: str
    purpose: str | None
    channel: str
    asked_at: datetime
    status: str
    answered_at: datetime | None
    followed_up_at: datetime | None
    acknowledged_at: datetime | None = None
    """When a decline was acknowledged (the agenda owes it until then)."""
    referral_id: int | None
    forced: bool
    note: str | None


class AskCreated(BaseModel):
    ask: AskPublic
    warnings: list[str]
    overridden: list[str]


class RecommendationCreate(BaseModel):
    person: str
    direction: str = "given"
    kind: str = "recommendation"
    text: str | None = None
    skill: str | None = None
    platform: str = "linkedin"
    status: str | None = None
    """A draft when you are writing it, published when it was written to you."""
    when: str | None = None


class RecommendationPublic(BaseModel):
    id: int
    person: Ref
    direction: str
    kind: str
    text: str | None
    skill: str | None
    platform: str
    status: str
    written_at: datetime
    sent_at: datetime | None
    published_at: datetime | None


class ReferenceCreate(BaseModel):
    vendor: str = Field(min_length=1)
    company: str | None = None
    confidential: StrictBool = False
    requested_by: str | None = None
    prospect: str | None = None
    note: str | None = None
    when: str | None = None


class ReferencePublic(BaseModel):
    """``company`` is the real name only in the request's own record (``show``); lists and
    every other output carry "(confidential)" when the request is confidential."""

    id: int
    vendor: str
    company: str | None
    confidential: bool
    requested_by: Ref | None
    prospect: str | None
    status: str
    requested_at: datetime
    approver: str | None
    decided_at: datetime | None
    confidentiality_asked_at: datetime | None = None
    """After a denial: when the vendor was asked to keep the company's name confidential."""
    given_at: datetime | None
    note: str | None


class OpportunityCreate(BaseModel):
    title: str = Field(min_length=1)
    description: str | None = None
    skills: list[str] = []
    organization: str | None = None
    contact: str | None = None


class OpportunityPublic(BaseModel):
    id: int
    title: str
    description: str | None
    skills: list[str]
    organization: Ref | None
    contact: Ref | None
    status: str
    created_at: datetime


class BriefUpdate(BaseModel):
    looking_for: str | None = None
    ideal_clients: str | None = None
    roles: str | None = None
    partners: str | None = None
    not_a_fit: str | None = None


class BriefPublic(BaseModel):
    looking_for: str | None
    ideal_clients: str | None
    roles: str | None
    partners: str | None
    not_a_fit: str | None
    updated_at: datetime | None


class LedgerRow(BaseModel):
    person: Ref
    they_gave: dict[str, int]
    you_gave: dict[str, int]
    they_gave_points: int
    you_gave_points: int
    balance: int
    verdict: str
    last_exchange_at: datetime | None
