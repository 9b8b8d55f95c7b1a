"""The referral brief: what the user is looking for, so referrers can spot a good fit."""

from __future__ import annotations

from datetime import datetime

from goodword.domain.errors import InvalidValue
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
