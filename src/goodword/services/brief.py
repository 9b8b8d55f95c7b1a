"""The referral brief: what the user is looking for, so referrers can spot a good fit."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from goodword.domain.errors import InvalidValue, NotFound
from goodword.schemas.practice import BriefPublic, BriefUpdate
from goodword.storage.tables import Brief
from goodword.storage.unit_of_work import UnitOfWork

_FIELDS = ("looking_for", "ideal_clients", "roles", "partners", "not_a_fit")


def _public(brief: Brief | None) -> BriefPublic:
    if brief is None:
        return BriefPublic(
            looking_for=None,
            ideal_clients=None,
            roles=None,
            partners=None,
            not_a_fit=None,
            updated_at=None,
        )
    return BriefPublic(**{f: getattr(brief, f) for f in _FIELDS}, updated_at=brief.updated_at)


def show_brief(uow: UnitOfWork) -> BriefPublic:
    with uow:
        return _public(uow.session.get(Brief, uow.workspace_id))


def set_brief(uow: UnitOfWork, changes: BriefUpdate, now: datetime) -> BriefPublic:
    """Set the given parts of the brief; an empty string clears a part."""
    with uow:
        updates = changes.model_dump(exclude_none=True)
        if not updates:
            raise InvalidValue(
                "say what to set: --looking-for, --ideal-clients, --roles, --partners or --not-a-fit"
            )
        brief = uow.session.get(Brief, uow.workspace_id)
        if brief is None:
            brief = Brief(workspace_id=uow.workspace_id, updated_at=now)
            uow.session.add(brief)
        for key, value in updates.items():
            setattr(brief, key, value.strip() or None)
        brief.updated_at = now
        result = _public(brief)
        uow.commit()
        return result


def share_brief(uow: UnitOfWork, now: datetime) -> str:
    """The secret for the brief's read-only link, made on first share (and kept after)."""
    with uow:
        brief = uow.session.get(Brief, uow.workspace_id)
        if brief is None:
            brief = Brief(workspace_id=uow.workspace_id, updated_at=now)
            uow.session.add(brief)
        if brief.share_token is None:
            brief.share_token = secrets.token_urlsafe(24)
        token = brief.share_token
        uow.commit()
        return token


def stop_sharing_brief(uow: UnitOfWork) -> None:
    """The old link stops working; sharing again makes a new one."""
    with uow:
        brief = uow.session.get(Brief, uow.workspace_id)
        if brief is not None:
            brief.share_token = None
        uow.commit()


def shared_token(uow: UnitOfWork) -> str | None:
    with uow:
        brief = uow.session.get(Brief, uow.workspace_id)
        return brief.share_token if brief else None


def brief_by_token(engine: Engine, token: str) -> BriefPublic:
    """The brief behind a shared link; the same ``NotFound`` for a wrong or a stopped link."""
    with Session(engine) as session:
        brief = session.scalar(select(Brief).where(Brief.share_token == token)) if token else None
        if brief is None:
            raise NotFound("this brief is not shared (the link is wrong or was stopped)")
        return _public(brief)
