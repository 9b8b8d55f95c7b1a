"""What importers hand to the import service: people and their traces, with the file and
line they came from, and the rows that could not be used (with the reason)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class IncomingDate:
    """A day a person keeps: ``birthday`` or ``anniversary``, the year when known."""

    kind: str
    month: int
    day: int
    year: int | None = None
    label: str | None = None


@dataclass
class IncomingPerson:
    name: str
    line: int
    source: str
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    company: str | None = None
    title: str | None = None
    note: str | None = None
    tags: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    connected_on: datetime | None = None
    file: str = ""
    uids: list[str] = field(default_factory=list)
    """A card's UID (vCard): it names the person as surely as an email does."""
    given_name: str | None = None
    family_name: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    """The label a source gave an email, phone or link (``work``, ``home``, ``cell``), by
    the value as it came."""
    dates: list[IncomingDate] = field(default_factory=list)
    occurrence: int = 0
    """For a row with no email, link, phone or UID: its place among the rows of the same
    name and company in the file (set by the importer)."""


@dataclass
class IncomingRecommendation:
    """A LinkedIn recommendation or endorsement, given or received."""

    person: IncomingPerson
    direction: str
    kind: str
    written_at: datetime
    text: str | None = None
    skill: str | None = None
    published: bool = True


@dataclass
class IncomingInteraction:
    person: IncomingPerson
    kind: str
    at: datetime
    note: str | None = None


@dataclass
class Problem:
    file: str
    line: int
    reason: str


@dataclass
class ImportBatch:
    source: str
    people: list[IncomingPerson] = field(default_factory=list)
    recommendations: list[IncomingRecommendation] = field(default_factory=list)
    interactions: list[IncomingInteraction] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    unknown_files: list[str] = field(default_factory=list)
    files: dict[str, int] = field(default_factory=dict)
    profile: dict[str, object] = field(default_factory=dict)
