"""Changes to a record of the practice: only the fields given change; an empty text clears
it. Unknown fields are refused (a typo is an error, not a silent no-op)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from goodword.schemas.fields import Money


class Changes(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def given(self) -> dict[str, object]:
        """The fields that ask for a change."""
        found = self.model_dump(exclude_unset=True, exclude_none=True)
        return {k: v for k, v in found.items() if v != []}


class InteractionUpdate(Changes):
    kind: str | None = None
    sentiment: str | None = None
    when: str | None = Field(default=None, max_length=40)
    note: str | None = Field(default=None, max_length=20_000)


class ReferralUpdate(Changes):
    kind: str | None = None
    value: Money | None = None
    description: str | None = Field(default=None, max_length=20_000)
    when: str | None = Field(default=None, max_length=40)


class AskUpdate(Changes):
    kind: str | None = None
    purpose: str | None = Field(default=None, max_length=2000)
    channel: str | None = None
    when: str | None = Field(default=None, max_length=40)
    note: str | None = Field(default=None, max_length=20_000)


class GratitudeUpdate(Changes):
    kind: str | None = None
    when: str | None = Field(default=None, max_length=40)
    note: str | None = Field(default=None, max_length=20_000)


class RecommendationUpdate(Changes):
    kind: str | None = None
    text: str | None = Field(default=None, max_length=50_000)
    skill: str | None = Field(default=None, max_length=200)
    platform: str | None = None
    when: str | None = Field(default=None, max_length=40)


class ReferenceUpdate(Changes):
    vendor: str | None = Field(default=None, max_length=300)
    company: str | None = Field(default=None, max_length=300)
    confidential: StrictBool | None = None
    prospect: str | None = Field(default=None, max_length=300)
    note: str | None = Field(default=None, max_length=20_000)


class OpportunityUpdate(Changes):
    title: str | None = Field(default=None, max_length=300)
    description: str | None = Field(default=None, max_length=20_000)
    organization: str | None = Field(default=None, max_length=300)
    contact: str | None = Field(default=None, max_length=300)
    add_skills: list[str] = []
    remove_skills: list[str] = []
