"""Schemas for matching people to needs, and for what the user could offer someone."""

from __future__ import annotations

from pydantic import BaseModel

from goodword.schemas.network import Ref


class MatchPublic(BaseModel):
    person: Ref
    score: float
    why: str
    skills: list[str]
    title: str | None
    company: str | None


class MatchResult(BaseModel):
    query: str
    terms: list[str]
    """The words and whole skills the query was read as."""
    semantic: bool = False
    """Whether closeness of meaning took part (the semantic extra)."""
    matches: list[MatchPublic]


class OfferPublic(BaseModel):
    kind: str
    """``opportunity`` (refer them to it), ``client`` (someone who needs what they do) or
    ``provider`` (someone who does what they look for)."""
    about: str
    person: Ref | None = None
    opportunity_id: int | None = None
    score: float
    why: str


class OfferResult(BaseModel):
    person: Ref
    offers: list[OfferPublic]
