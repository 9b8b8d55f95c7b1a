"""Schemas for people, organizations, interactions and timelines."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, StrictBool


class Ref(BaseModel):
    """A pointer to a person or organization: its id and its name."""

    id: int
    name: str


class PersonCreate(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    company: str | None = Field(default=None, max_length=300)
    title: str | None = Field(default=None, max_length=300)
    emails: list[str] = []
    phones: list[str] = []
    urls: list[str] = []
    skills: list[str] = []
    tags: list[str] = []
    how_met: str | None = None
    looking_for: str | None = Field(default=None, max_length=2000)
    matching: StrictBool = True
    tier: str = "network"
    cadence_days: int | None = Field(default=None, ge=1, le=3650)
    source: str = "manual"
    note: str | None = None
    birthday: str | None = Field(default=None, max_length=20)
    """``1985-04-12``, or ``04-12`` / ``--04-12`` without the year."""
    anniversary: str | None = Field(default=None, max_length=20)


class PersonUpdate(BaseModel):
    """Only the fields that are set change; an empty string clears a text field."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(default=None, max_length=300)
    company: str | None = Field(default=None, max_length=300)
    title: str | None = Field(default=None, max_length=300)
    how_met: str | None = None
    looking_for: str | None = Field(default=None, max_length=2000)
    matching: StrictBool | None = None
    tier: str | None = None
    cadence_days: int | None = Field(default=None, ge=1, le=3650)
    add_emails: list[str] = []
    add_phones: list[str] = []
    add_urls: list[str] = []
    add_skills: list[str] = []
    remove_skills: list[str] = []
    birthday: str | None = Field(default=None, max_length=20)
    """A day (``1985-04-12``, ``04-12``); an empty string forgets it."""
    anniversary: str | None = Field(default=None, max_length=20)


class PersonPublic(BaseModel):
    id: int
    name: str
    company: Ref | None
    title: str | None
    emails: list[str]
    phones: list[str]
    urls: list[str]
    skills: list[str]
    tags: list[str]
    how_met: str | None
    looking_for: str | None = None
    matching: StrictBool = True
    tier: str
    cadence_days: int
    source: str
    last_interaction_at: datetime | None = None
    created_at: datetime
    updated_at: datetime
    birthday: str | None = None
    """``1985-04-12``, or ``--04-12`` when the year is not known."""
    anniversaries: list[str] = []


class PersonAdded(PersonPublic):
    warnings: list[str] = []
    """Their email, link or phone already belongs to someone else (they may be one)."""


class TimelineEntry(BaseModel):
    at: datetime
    kind: str
    summary: str
    ref: str | None = None
    """The record this entry is about, e.g. ``referral:12``."""


class NotePublic(BaseModel):
    id: int
    body: str
    created_at: datetime


class PersonDetail(PersonPublic):
    notes: list[NotePublic]
    timeline: list[TimelineEntry]


class PersonFilter(BaseModel):
    text: str | None = None
    company: str | None = None
    tag: str | None = None
    skill: str | None = None
    limit: int | None = Field(default=None, ge=1)


class DeletionImpact(BaseModel):
    """What deleting a record would take with it, shown before asking for confirmation."""

    id: int
    name: str
    removes: dict[str, int]


class MergeResult(BaseModel):
    kept: PersonPublic
    merged_id: int
    moved: dict[str, int]


class OrganizationCreate(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    website: str | None = None
    industry: str | None = None
    tags: list[str] = []
    note: str | None = None


class OrganizationUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str | None = None
    website: str | None = None
    industry: str | None = None


class OrganizationPublic(BaseModel):
    id: int
    name: str
    website: str | None
    industry: str | None
    tags: list[str]
    people_count: int
    created_at: datetime


class OrganizationDetail(OrganizationPublic):
    people: list[Ref]
    notes: list[NotePublic]


class OrganizationMergeResult(BaseModel):
    kept: OrganizationPublic
    merged_id: int
    moved: dict[str, int]


class InteractionCreate(BaseModel):
    person: str
    kind: str
    sentiment: str = "neutral"
    when: str | None = None
    note: str | None = None


class InteractionPublic(BaseModel):
    id: int
    person: Ref
    kind: str
    sentiment: str
    occurred_at: datetime
    note: str | None
