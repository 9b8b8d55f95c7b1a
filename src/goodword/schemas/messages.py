"""Schemas for what programs send: webhook endpoints and the delivery log."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class WebhookCreate(BaseModel):
    url: str = Field(min_length=8, max_length=1000, description="https://… (http:// for local)")
    events: list[str] = Field(
        default_factory=list, max_length=20, description="Events to send; empty for all"
    )


class WebhookPublic(BaseModel):
    id: int
    url: str
    events: list[str]
    active: bool
    created_at: datetime


class WebhookCreated(WebhookPublic):
    secret: str
    """Shown once: verify each delivery's ``Goodword-Signature`` with it."""


class MessagePublic(BaseModel):
    id: int
    channel: str
    event: str
    recipient: str
    subject: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
