"""Tables for a business's referral program: programs, advocates and their codes, link
visits, leads, conversions, rewards, the reward ledger, and the worker lease.

The "exactly once" promises live here as constraints, not only in code: one winning lead per
email per program (``attributed_key``), one conversion per external order and per
Idempotency-Key, one reward per rule, one ledger entry of each kind per reward.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from goodword.programs.rules.rewards import ProgramKind, RewardStatus, RewardType
from goodword.programs.rules.states import ConversionStatus, LeadStatus, ProgramStatus
from goodword.programs.rules.states import Review as ReviewState
from goodword.storage.base import Base, UTCDateTime, WorkspaceOwned, one_of

_PROGRAM = "programs.id"


class Program(WorkspaceOwned, Base):
    __tablename__ = "programs"
    __table_args__ = (
        UniqueConstraint("workspace_id", "name"),
        one_of("kind", ProgramKind),
        one_of("status", ProgramStatus),
    )
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=ProgramStatus.ACTIVE.value)
    window_days: Mapped[int] = mapped_column(Integer)
    eligibility: Mapped[str] = mapped_column(String(120))
    advocate_reward: Mapped[str | None] = mapped_column(String(250))
    friend_reward: Mapped[str | None] = mapped_column(String(250))
    milestones: Mapped[str | None] = mapped_column(Text)
    hold_days: Mapped[int] = mapped_column(Integer)
    cap_per_advocate: Mapped[int | None] = mapped_column(Integer)
    auto_approve_flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    tenure_days: Mapped[int | None] = mapped_column(Integer)
    burst_per_hour: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The public page where people sign themselves up (``/j/TOKEN``), when ``self_signup``.
    public_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    self_signup: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: Show a leaderboard of the advocates who opted in (first name and initial).
    leaderboard: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Advocate(WorkspaceOwned, Base):
    __tablename__ = "advocates"
    __table_args__ = (
        UniqueConstraint("program_id", "email_key", name="uq_advocates_program_email"),
        UniqueConstraint("program_id", "person_id", name="uq_advocates_program_person"),
    )
    program_id: Mapped[int] = mapped_column(ForeignKey(_PROGRAM, ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    email_key: Mapped[str | None] = mapped_column(String(320))
    customer_id: Mapped[str | None] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(40), unique=True)
    device_id: Mapped[str | None] = mapped_column(String(64))
    ip: Mapped[str | None] = mapped_column(String(45))
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: SHA-256 of the private portal link's token (the link itself is only in the email).
    portal_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    on_leaderboard: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Visit(WorkspaceOwned, Base):
    __tablename__ = "visits"
    __table_args__ = (Index("ix_visits_advocate_time", "advocate_id", "at"),)
    program_id: Mapped[int] = mapped_column(ForeignKey(_PROGRAM, ondelete="CASCADE"), index=True)
    advocate_id: Mapped[int] = mapped_column(ForeignKey("advocates.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    ip: Mapped[str | None] = mapped_column(String(45))
    device_id: Mapped[str | None] = mapped_column(String(64))


class Review:
    """Columns shared by leads and conversions: the checks they failed and the decision."""

    flags: Mapped[str] = mapped_column(Text, default="[]")
    signals: Mapped[str] = mapped_column(Text, default="[]")
    review: Mapped[str] = mapped_column(String(20), default=ReviewState.NONE.value)
    reviewed_by: Mapped[str | None] = mapped_column(String(200))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_note: Mapped[str | None] = mapped_column(Text)


class Lead(Review, WorkspaceOwned, Base):
    __tablename__ = "leads"
    __table_args__ = (
        UniqueConstraint("program_id", "attributed_key"),
        Index("ix_leads_advocate_time", "advocate_id", "created_at"),
        Index("ix_leads_program_email", "program_id", "email_key"),
        Index("ix_leads_review", "workspace_id", "review"),
        one_of("status", LeadStatus),
        one_of("review", ReviewState),
    )
    program_id: Mapped[int] = mapped_column(ForeignKey(_PROGRAM, ondelete="CASCADE"), index=True)
    advocate_id: Mapped[int] = mapped_column(ForeignKey("advocates.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    email_key: Mapped[str] = mapped_column(String(320))
    #: ``email_key`` for the winning lead, NULL for a duplicate (first valid touch wins).
    attributed_key: Mapped[str | None] = mapped_column(String(320))
    customer_id: Mapped[str | None] = mapped_column(String(200))
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    duplicate_reason: Mapped[str | None] = mapped_column(String(300))
    ip: Mapped[str | None] = mapped_column(String(45))
    device_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    stage_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Conversion(Review, WorkspaceOwned, Base):
    __tablename__ = "conversions"
    __table_args__ = (
        UniqueConstraint("program_id", "external_id", name="uq_conversions_program_order"),
        UniqueConstraint("program_id", "idempotency_key", name="uq_conversions_program_key"),
        Index("ix_conversions_review", "workspace_id", "review"),
        one_of("status", ConversionStatus),
        one_of("review", ReviewState),
    )
    program_id: Mapped[int] = mapped_column(ForeignKey(_PROGRAM, ondelete="CASCADE"), index=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"), index=True)
    advocate_id: Mapped[int] = mapped_column(
        ForeignKey("advocates.id", ondelete="CASCADE"), index=True
    )
    external_id: Mapped[str] = mapped_column(String(200))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    customer_id: Mapped[str | None] = mapped_column(String(200))
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default=ConversionStatus.VALID.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reversed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reversal_reason: Mapped[str | None] = mapped_column(Text)


class RewardRow(WorkspaceOwned, Base):
    __tablename__ = "rewards"
    __table_args__ = (
        UniqueConstraint("program_id", "rule"),
        Index("ix_rewards_due", "status", "due_at"),
        one_of("status", RewardStatus),
        one_of("reward_type", RewardType),
    )
    program_id: Mapped[int] = mapped_column(ForeignKey(_PROGRAM, ondelete="CASCADE"), index=True)
    advocate_id: Mapped[int] = mapped_column(
        ForeignKey("advocates.id", ondelete="CASCADE"), index=True
    )
    conversion_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversions.id", ondelete="CASCADE"), index=True
    )
    beneficiary: Mapped[str] = mapped_column(String(20))
    rule: Mapped[str] = mapped_column(String(100))
    reward_type: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    text: Mapped[str | None] = mapped_column(String(250))
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    held_for_review: Mapped[bool] = mapped_column(Boolean, default=False)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    issue_ref: Mapped[str | None] = mapped_column(String(200))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[str | None] = mapped_column(String(200))


class RewardEvent(WorkspaceOwned, Base):
    """The reward ledger: what happened to each reward, when, why and by whom. ``amount`` is
    money out (+ when issued) and back (− when clawed back after payout), so the sum per
    advocate is what they truly received."""

    __tablename__ = "reward_events"
    __table_args__ = (UniqueConstraint("reward_id", "kind"),)
    reward_id: Mapped[int] = mapped_column(ForeignKey("rewards.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal(0))
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200))


class WorkerLease(Base):
    """Who runs ``goodword worker`` on a SQLite database (one at a time is enough there)."""

    __tablename__ = "worker_leases"
    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Signup(WorkspaceOwned, Base):
    """Someone who asked to become an advocate on the public page: double opt-in, so the
    link is issued only once they follow the emailed confirmation (within 14 days)."""

    __tablename__ = "signups"
    program_id: Mapped[int] = mapped_column(ForeignKey(_PROGRAM, ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    advocate_id: Mapped[int | None] = mapped_column(ForeignKey("advocates.id", ondelete="SET NULL"))


class Story(WorkspaceOwned, Base):
    """A success story the owner tells on the program's pages (seed 004: "celebrate
    success"), only with the advocate's recorded consent."""

    __tablename__ = "stories"
    program_id: Mapped[int] = mapped_column(ForeignKey(_PROGRAM, ondelete="CASCADE"), index=True)
    advocate_id: Mapped[int | None] = mapped_column(ForeignKey("advocates.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    consent: Mapped[str] = mapped_column(String(500))
    consent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
