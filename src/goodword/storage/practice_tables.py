"""Tables for the practice: referrals and their milestones, gratitude, asks, recommendations,
vendor reference requests, opportunities and the referral brief."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from goodword.storage.base import Base, UTCDateTime, WorkspaceOwned
from goodword.storage.history_tables import Imported
from goodword.storage.network_tables import Organization, Person

_PERSON = "people.id"
_ORG = "organizations.id"


class Referral(WorkspaceOwned, Base):
    __tablename__ = "referrals"
    __table_args__ = (
        Index("ix_referrals_open", "workspace_id", "direction", "settled_at"),
        Index("ix_referrals_referrer_at", "referrer_id", "direction", "referred_at"),
    )
    direction: Mapped[str] = mapped_column(String(20), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    referrer_id: Mapped[int | None] = mapped_column(
        ForeignKey(_PERSON, ondelete="CASCADE"), index=True
    )
    referred_person_id: Mapped[int | None] = mapped_column(
        ForeignKey(_PERSON, ondelete="SET NULL"), index=True
    )
    referred_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey(_ORG, ondelete="SET NULL")
    )
    referred_text: Mapped[str | None] = mapped_column(String(500))
    recipient_person_id: Mapped[int | None] = mapped_column(
        ForeignKey(_PERSON, ondelete="SET NULL"), index=True
    )
    recipient_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey(_ORG, ondelete="SET NULL")
    )
    opportunity_id: Mapped[int | None] = mapped_column(
        ForeignKey("opportunities.id", ondelete="SET NULL")
    )
    referred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    description: Mapped[str | None] = mapped_column(Text)
    value: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    outcome: Mapped[str | None] = mapped_column(String(20))
    outcome_value: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    outcome_reason: Mapped[str | None] = mapped_column(Text)
    qualify_how_known: Mapped[str | None] = mapped_column(Text)
    qualify_special_situations: Mapped[str | None] = mapped_column(Text)
    qualify_help_relationship: Mapped[str | None] = mapped_column(Text)
    qualify_why_fit: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # When the referral stopped owing anything (thanked, loop closed); see
    # domain.milestones.settled_at. Open referrals have NULL, so the agenda finds them fast.
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    history_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """When the user filed it as history: it owes nothing any more (it still counts)."""

    referrer: Mapped[Person | None] = relationship(foreign_keys=[referrer_id], lazy="selectin")
    referred_person: Mapped[Person | None] = relationship(
        foreign_keys=[referred_person_id], lazy="selectin"
    )
    referred_organization: Mapped[Organization | None] = relationship(
        foreign_keys=[referred_organization_id], lazy="selectin"
    )
    recipient_person: Mapped[Person | None] = relationship(
        foreign_keys=[recipient_person_id], lazy="selectin"
    )
    recipient_organization: Mapped[Organization | None] = relationship(
        foreign_keys=[recipient_organization_id], lazy="selectin"
    )
    milestones: Mapped[list[ReferralMilestone]] = relationship(
        cascade="all, delete-orphan",
        lazy="selectin",
        passive_deletes=True,
        order_by="(ReferralMilestone.at, ReferralMilestone.id)",
    )


class ReferralMilestone(WorkspaceOwned, Base):
    __tablename__ = "referral_milestones"
    __table_args__ = (
        Index("ix_referral_milestones_steps", "referral_id", "kind", "at", "outcome"),
        Index("ix_referral_milestones_won", "workspace_id", "kind", "outcome", "at", "referral_id"),
    )
    referral_id: Mapped[int] = mapped_column(
        ForeignKey("referrals.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(20))
    gratitude_id: Mapped[int | None] = mapped_column(
        ForeignKey("gratitude.id", ondelete="SET NULL")
    )
    note: Mapped[str | None] = mapped_column(Text)

    gratitude: Mapped[Gratitude | None] = relationship(lazy="joined")


class Gratitude(WorkspaceOwned, Base):
    __tablename__ = "gratitude"
    person_id: Mapped[int] = mapped_column(ForeignKey(_PERSON, ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    referral_id: Mapped[int | None] = mapped_column(
        ForeignKey("referrals.id", ondelete="SET NULL"), index=True
    )
    recommendation_id: Mapped[int | None] = mapped_column(
        ForeignKey("recommendations.id", ondelete="SET NULL"), index=True
    )
    note: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship(lazy="selectin")


class Ask(WorkspaceOwned, Base):
    __tablename__ = "asks"
    __table_args__ = (
        Index("ix_asks_open", "workspace_id", "status", "asked_at"),
        Index("ix_asks_spacing", "workspace_id", "asked_at"),
        Index("ix_asks_history", "workspace_id", "asked_at", "answered_at", "history_at"),
    )
    person_id: Mapped[int] = mapped_column(ForeignKey(_PERSON, ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    purpose: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(20))
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    followed_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """When a decline was acknowledged: "I understand", and the relationship goes on."""
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id", ondelete="SET NULL"))
    forced: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    history_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """When the user filed it as history (closed without an answer; no follow-up owed)."""

    person: Mapped[Person] = relationship(lazy="selectin")


class Recommendation(WorkspaceOwned, Imported, Base):
    __tablename__ = "recommendations"
    __table_args__ = (Index("ix_recommendations_open", "workspace_id", "direction", "status"),)
    person_id: Mapped[int] = mapped_column(ForeignKey(_PERSON, ondelete="CASCADE"), index=True)
    direction: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str | None] = mapped_column(Text)
    skill: Mapped[str | None] = mapped_column(String(200))
    platform: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20))
    written_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    imported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """When an import brought it (LinkedIn's export brings years-old ones): a thank-you is
    owed from then, never from the day it was written."""
    history_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """When the user filed it as history: no thank-you is owed (it still counts)."""

    person: Mapped[Person] = relationship(lazy="selectin")


class ReferenceRequest(WorkspaceOwned, Base):
    __tablename__ = "reference_requests"
    vendor: Mapped[str] = mapped_column(String(300))
    company: Mapped[str | None] = mapped_column(String(300))
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey(_PERSON, ondelete="SET NULL"))
    prospect: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), index=True)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    approver: Mapped[str | None] = mapped_column(String(300))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confidentiality_asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """After a denial: when the vendor was asked to keep the company's name confidential."""
    given_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)

    requested_by: Mapped[Person | None] = relationship()


class Opportunity(WorkspaceOwned, Base):
    __tablename__ = "opportunities"
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey(_ORG, ondelete="SET NULL"))
    contact_person_id: Mapped[int | None] = mapped_column(ForeignKey(_PERSON, ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    organization: Mapped[Organization | None] = relationship()
    contact: Mapped[Person | None] = relationship()
    skills: Mapped[list[OpportunitySkill]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="OpportunitySkill.name"
    )


class OpportunitySkill(WorkspaceOwned, Base):
    __tablename__ = "opportunity_skills"
    __table_args__ = (UniqueConstraint("opportunity_id", "name"),)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))


class Brief(Base):
    __tablename__ = "briefs"
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True
    )
    looking_for: Mapped[str | None] = mapped_column(Text)
    ideal_clients: Mapped[str | None] = mapped_column(Text)
    roles: Mapped[str | None] = mapped_column(Text)
    partners: Mapped[str | None] = mapped_column(Text)
    not_a_fit: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    share_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    """The secret in the brief's read-only link; none until the user shares it."""


class ProfileEmbedding(WorkspaceOwned, Base):
    """A person's profile as a unit vector (float32 bytes), with the hash of the text it was
    computed from: a changed profile is re-embedded, an unchanged one never is."""

    __tablename__ = "profile_embeddings"
    __table_args__ = (UniqueConstraint("person_id", "model"),)
    person_id: Mapped[int] = mapped_column(ForeignKey(_PERSON, ondelete="CASCADE"), index=True)
    model: Mapped[str] = mapped_column(String(100))
    text_hash: Mapped[str] = mapped_column(String(64))
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
