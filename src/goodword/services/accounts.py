"""Accounts: create, sign in, and which workspaces an account may open.

Every web page and API route reaches data through :func:`workspace_for`, which refuses a
workspace the account does not belong to with the same ``NotFound`` as a missing one, so an
id never reveals whether someone else's record exists.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, Row, Select, bindparam, func, select
from sqlalchemy.orm import Session

from goodword.domain.errors import Conflict, InvalidValue, NotAuthenticated, NotFound
from goodword.schemas.accounts import UserCreate, UserPublic, WorkspacePublic
from goodword.services.workspaces import LOCAL_WORKSPACE
from goodword.storage.tables import Membership, User, Workspace

if TYPE_CHECKING:
    from argon2 import PasswordHasher

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@cache
def _hasher() -> PasswordHasher:
    """argon2id with the library's current recommended parameters — loaded by the first
    command that checks a password, not by every command (it costs ~150 ms and 64 MiB)."""
    from argon2 import PasswordHasher

    return PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified against when the email is unknown, so a wrong email costs as long as a
    wrong password."""
    return _hasher().hash("not a real password, only spends the same time")


def warm_up() -> None:
    """Make the hasher and the dummy hash before the first sign-in (a server calls this at
    start), so that the first wrong email costs no more than a wrong password."""
    _dummy_hash()


def _verify(stored: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(_hasher().verify(stored, password))
    except (VerificationError, InvalidHashError):
        return False


def clean_account_email(value: str) -> str:
    email = value.strip().lower()
    if not _EMAIL.match(email):
        raise InvalidValue(f"'{value}' is not an email address (e.g. ana@example.com)")
    return email


def user_public(user: User | Row[Any]) -> UserPublic:
    return UserPublic(
        id=user.id,
        email=user.email,
        name=user.name,
        personal_workspace_id=user.personal_workspace_id,
        created_at=user.created_at,
    )


def count_users(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(User)) or 0


def _personal_workspace(session: Session, email: str, now: datetime) -> Workspace:
    """The first account takes the CLI's local workspace (made now if the CLI has not run
    yet), so the browser and the ``goodword`` command show the same network; later accounts
    get a new, empty one."""
    local = session.scalar(select(Workspace).where(Workspace.name == LOCAL_WORKSPACE))
    if local is None and session.scalar(select(func.count()).select_from(User)) == 0:
        local = Workspace(name=LOCAL_WORKSPACE, kind="personal", created_at=now)
        session.add(local)
        session.flush()
    if local is not None:
        claimed = session.scalar(select(User.id).where(User.personal_workspace_id == local.id))
        if claimed is None:
            return local
    workspace = Workspace(name=f"personal:{email}", kind="personal", created_at=now)
    session.add(workspace)
    session.flush()
    return workspace


def create_user(engine: Engine, data: UserCreate, now: datetime) -> UserPublic:
    email = clean_account_email(data.email)
    name = data.name.strip()
    if not name:
        raise InvalidValue("name: give the account's name")
    with Session(engine) as session, session.begin():
        if session.scalar(select(User.id).where(User.email == email)) is not None:
            raise Conflict(f"an account with the email {email} already exists; sign in instead")
        workspace = _personal_workspace(session, email, now)
        user = User(
            email=email,
            name=name,
            password_hash=_hasher().hash(data.password),
            personal_workspace_id=workspace.id,
            created_at=now,
        )
        session.add(user)
        session.flush()
        session.add(
            Membership(workspace_id=workspace.id, user_id=user.id, role="owner", joined_at=now)
        )
        return user_public(user)


def authenticate(engine: Engine, email: str, password: str) -> UserPublic:
    """The account for this email and password, or ``NotAuthenticated`` (same words either way)."""
    with Session(engine) as session:
        user = session.scalar(select(User).where(User.email == email.strip().lower()))
        if not _verify(user.password_hash if user else _dummy_hash(), password):
            user = None
        if user is None:
            raise NotAuthenticated("wrong email or password")
        return user_public(user)


def get_user(engine: Engine, user_id: int) -> UserPublic:
    with Session(engine) as session:
        user = session.get(User, user_id)
        if user is None:
            raise NotAuthenticated("this account no longer exists; sign in again")
        return user_public(user)


def change_password(engine: Engine, user_id: int, old: str, new: str) -> None:
    if len(new) < 10:
        raise InvalidValue("new_password: use at least 10 characters")
    with Session(engine) as session, session.begin():
        user = session.get(User, user_id)
        if user is None:
            raise NotAuthenticated("this account no longer exists; sign in again")
        if not _verify(user.password_hash, old):
            raise InvalidValue("current_password: that is not your current password")
        user.password_hash = _hasher().hash(new)


def user_workspaces(engine: Engine, user_id: int) -> list[WorkspacePublic]:
    with engine.connect() as connection:
        rows = connection.execute(_memberships(), {"user_id": user_id}).all()
    return [WorkspacePublic(id=w.id, name=_label(w), kind=w.kind, role=w.role) for w in rows]


@cache
def _memberships() -> Select[*tuple[Any, ...]]:
    """An account's workspaces as plain rows (every API request asks which is theirs)."""
    return (
        select(Workspace.id, Workspace.name, Workspace.kind, Membership.role)
        .join(Membership, Membership.workspace_id == Workspace.id)
        .where(Membership.user_id == bindparam("user_id"))
        .order_by(Workspace.kind, Workspace.id)
    )


def _label(workspace: Workspace | Row[Any]) -> str:
    if workspace.kind == "personal":
        return "Personal"
    return workspace.name.removeprefix("team:")


def workspace_for(engine: Engine, user_id: int, workspace_id: int | None) -> WorkspacePublic:
    """The workspace this account asked for (default: its personal one), if it is a member."""
    for workspace in user_workspaces(engine, user_id):
        if workspace_id is None and workspace.kind == "personal":
            return workspace
        if workspace.id == workspace_id:
            return workspace
    raise NotFound(f"no workspace #{workspace_id} among yours")


def list_users(engine: Engine) -> list[UserPublic]:
    with Session(engine) as session:
        return [user_public(u) for u in session.scalars(select(User).order_by(User.id))]
