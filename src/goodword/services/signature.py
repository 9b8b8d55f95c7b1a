"""Who signs a drafted message: the ``your_name`` setting, else the account whose personal
workspace this is (on the server). Until either is known, drafts are unsigned, and the CLI
asks for the name once, the first time it drafts something."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from goodword.services.workspaces import set_setting, store_setting, text_setting
from goodword.storage import tables
from goodword.storage.unit_of_work import UnitOfWork

#: Stored once the user was asked and chose to skip: they are not asked again.
ASKED = "your_name_asked_at"


def signature(uow: UnitOfWork) -> str:
    """The name a draft ends with (inside the caller's unit of work); empty if unknown."""
    named = text_setting(uow, "your_name")
    if named:
        return named
    user = tables.User  # the accounts' tables load only when a draft needs its signer
    owner = uow.session.scalar(
        select(user.name).where(user.personal_workspace_id == uow.workspace_id)
    )
    return owner or ""


def name_wanted(uow: UnitOfWork) -> bool:
    """Whether drafts would be unsigned and the user has not been asked yet."""
    with uow:
        return not signature(uow) and text_setting(uow, ASKED) is None


def remember_name(uow: UnitOfWork, name: str, now: datetime) -> None:
    """Keep the name the user gave; an empty answer means "do not ask again"."""
    if name.strip():
        set_setting(uow, "your_name", name)
        return
    with uow:
        store_setting(uow, ASKED, now.isoformat())
        uow.commit()
