"""Tables for the network itself: workspaces, settings, people, organizations, and what hangs
off them (contact points, skills, tags, notes, interactions)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from goodword.storage.base import Base, UTCDateTime, WorkspaceOwned
from goodword.storage.history_tables import Imported


def new_uid() -> str:
    """A random identifier that names one record anywhere (calendars, address books)."""
    return str(uuid.uuid4())


class Workspace(Base):
    __tablename__ = "workspaces"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str | None] = mapped_column(String(64), unique=True, default=new_uid)
    """Makes identifiers this workspace hands out (calendar UIDs) unique to it."""
    name: Mapped[str] = mapped_column(String(200), unique=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[str] = mapped_column(String(20), default="personal", server_default="personal")
    """``personal`` (one account's, or the CLI's local one) or ``team`` (shared by members)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Setting(Base):
    __tablename__ = "settings"
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Organization(WorkspaceOwned, Imported, Base):
    __tablename__ = "organizations"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)
    name: Mapped[str] = mapped_column(String(300))
    website: Mapped[str | None] = mapped_column(String(500))
    industry: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Person(WorkspaceOwned, Imported, Base):
    __tablename__ = "people"
    __table_args__ = (
        Index("ix_people_keep_in_touch", "workspace_id", "tier", "last_interaction_at"),
        Index("ix_people_reciprocity", "workspace_id", "reciprocity_balance"),
        Index("ix_people_cadence", "workspace_id", "cadence_days"),
        UniqueConstraint("workspace_id", "uid"),
    )
    name: Mapped[str] = mapped_column(String(300), index=True)
    given_name: Mapped[str | None] = mapped_column(String(200))
    family_name: Mapped[str | None] = mapped_column(String(200))
    """The name's parts as a source gave them (a vCard's N, LinkedIn's first and last)."""
    uid: Mapped[str | None] = mapped_column(String(200), default=new_uid)
    """The person's card UID: the one their phone gave, or goodword's own; unique in the
    workspace, so a card exported and imported again finds its person."""
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str | None] = mapped_column(String(300))
    how_met: Mapped[str | None] = mapped_column(Text)
    looking_for: Mapped[str | None] = mapped_column(Text)
    """What they look for (clients, a role, a provider): what the user could refer to them."""
    matching_opt_out: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    """Never suggested by `goodword match` or `goodword offer` (they asked not to be)."""
    tier: Mapped[str] = mapped_column(String(20), default="network")
    cadence_days: Mapped[int | None]
    source: Mapped[str] = mapped_column(String(40), default="manual")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Summaries kept current by the services (services/person_summaries.py) so that the
    # agenda reads one indexed row per person instead of aggregating every interaction.
    last_interaction_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reciprocity_balance: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    strength: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Relationship strength 0–100 (domain.strength) as of ``strength_at``, recomputed
    whenever their interactions, referrals, recommendations or thanks change."""
    strength_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organization: Mapped[Organization | None] = relationship(lazy="joined")
    contact_points: Mapped[list[ContactPoint]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ContactPoint.id",
        lazy="selectin",
    )
    skills: Mapped[list[Skill]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Skill.name", lazy="selectin"
    )
    tags: Mapped[list[Tag]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="Tag.name", lazy="selectin"
    )
    dates: Mapped[list[PersonDate]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(PersonDate.kind, PersonDate.month, PersonDate.day)",
        lazy="selectin",
    )


# Lists of people are in folded-name order: this index hands out a page without a sort.
Index("ix_people_folded_name", Person.workspace_id, func.lower(Person.name), Person.id)


class ContactPoint(WorkspaceOwned, Imported, Base):
    __tablename__ = "contact_points"
    __table_args__ = (UniqueConstraint("person_id", "kind", "value"),)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(500), index=True)
    label: Mapped[str | None] = mapped_column(String(100))


class PersonDate(WorkspaceOwned, Imported, Base):
    """A day a person keeps — a birthday, an anniversary — with or without the year."""

    __tablename__ = "person_dates"
    __table_args__ = (
        UniqueConstraint("person_id", "kind", "month", "day"),
        Index("ix_person_dates_day", "workspace_id", "month", "day"),
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    month: Mapped[int]
    day: Mapped[int]
    year: Mapped[int | None]
    label: Mapped[str | None] = mapped_column(String(100))


class Skill(WorkspaceOwned, Imported, Base):
    __tablename__ = "skills"
    __table_args__ = (UniqueConstraint("person_id", "name"),)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)


_ONE_SUBJECT = "(person_id IS NULL) <> (organization_id IS NULL)"


class Tag(WorkspaceOwned, Imported, Base):
    __tablename__ = "tags"
    __table_args__ = (
        CheckConstraint(_ONE_SUBJECT, name="one_subject"),
        UniqueConstraint("person_id", "organization_id", "name"),
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100), index=True)


class Note(WorkspaceOwned, Imported, Base):
    __tablename__ = "notes"
    __table_args__ = (CheckConstraint(_ONE_SUBJECT, name="one_subject"),)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Interaction(WorkspaceOwned, Imported, Base):
    __tablename__ = "interactions"
    __table_args__ = (
        Index("ix_interactions_person_time", "person_id", "occurred_at"),
        # Covers the agenda's ask-window scan without touching the table rows.
        Index(
            "ix_interactions_window",
            "workspace_id",
            "occurred_at",
            "sentiment",
            "person_id",
            "kind",
        ),
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    sentiment: Mapped[str] = mapped_column(String(20))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class MergeRecord(WorkspaceOwned, Base):
    """A merge of two person records, kept so it can be listed (and understood) later."""

    __tablename__ = "merges"
    kept_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    kept_name: Mapped[str] = mapped_column(String(300))
    merged_id: Mapped[int]
    merged_name: Mapped[str] = mapped_column(String(300))
    moved: Mapped[str] = mapped_column(Text)
    merged_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Knows(WorkspaceOwned, Base):
    """Someone knows someone else, as the user recorded it; both directions, one row."""

    __tablename__ = "knows"
    __table_args__ = (
        CheckConstraint("person_a_id < person_b_id", name="ordered_pair"),
        CheckConstraint("strength > 0 AND strength <= 1", name="strength_range"),
        UniqueConstraint("person_a_id", "person_b_id"),
    )
    person_a_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    person_b_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    strength: Mapped[float]
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PastPosition(WorkspaceOwned, Base):
    """Someone used to work at an organization (recorded when their company changes): past
    colleagues may still know each other, weakly, which warm introductions use."""

    __tablename__ = "past_positions"
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    until: Mapped[datetime] = mapped_column(UTCDateTime)
