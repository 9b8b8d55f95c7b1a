"""Schemas for accounts, workspaces and API tokens."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class UserCreate(BaseModel):
    email: str = Field(min_length=3, max_length=320)
    name: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=10, max_length=1024)


class UserPublic(BaseModel):
    id: int
    email: str
    name: str
    personal_workspace_id: int
    created_at: datetime


class WorkspacePublic(BaseModel):
    id: int
    name: str
    kind: str
    role: str


class MemberPublic(BaseModel):
    user_id: int
    email: str
    name: str
    role: str


class TokenPublic(BaseModel):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(BaseModel):
    token: TokenPublic
    secret: str
    """Shown once; only its hash is stored."""
