"""Team workspaces: one network shared by its members; only an owner changes who belongs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from goodword.domain.errors import Conflict, InvalidValue, NotAllowed, NotFound
from goodword.schemas.accounts import MemberPublic, WorkspacePublic
from goodword.services.accounts import clean_account_email, workspace_for
from goodword.storage.tables import Membership, User, Workspace


def create_team(engine: Engine, user_id: int, name: str, now: datetime) -> WorkspacePublic:
    label = name.strip()
    if not label or len(label) > 100:
        raise InvalidValue("name: give the team a name of 1 to 100 characters")
    with Session(engine) as session, session.begin():
        stored = f"team:{label}"
        if session.scalar(select(Workspace.id).where(Workspace.name == stored)) is not None:
            raise Conflict(f"a team called '{label}' already exists; choose another name")
        workspace = Workspace(name=stored, kind="team", created_at=now)
        session.add(workspace)
        session.flush()
        session.add(
            Membership(workspace_id=workspace.id, user_id=user_id, role="owner", joined_at=now)
        )
        return WorkspacePublic(id=workspace.id, name=label, kind="team", role="owner")


def _owned_team(engine: Engine, user_id: int, workspace_id: int) -> WorkspacePublic:
    workspace = workspace_for(engine, user_id, workspace_id)
    if workspace.kind != "team":
        raise NotAllowed("a personal workspace has no other members; create a team instead")
    if workspace.role != "owner":
        raise NotAllowed("only an owner of the team can change its members")
    return workspace


def list_members(engine: Engine, user_id: int, workspace_id: int) -> list[MemberPublic]:
    workspace_for(engine, user_id, workspace_id)
    with Session(engine) as session:
        rows = session.execute(
            select(User, Membership.role)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.workspace_id == workspace_id)
            .order_by(User.name)
        )
        return [MemberPublic(user_id=u.id, email=u.email, name=u.name, role=r) for u, r in rows]


def add_member(
    engine: Engine, user_id: int, workspace_id: int, email: str, role: str, now: datetime
) -> MemberPublic:
    _owned_team(engine, user_id, workspace_id)
    if role not in ("owner", "member"):
        raise InvalidValue(f"role: '{role}' is not a role; use owner or member")
    address = clean_account_email(email)
    with Session(engine) as session, session.begin():
        user = session.scalar(select(User).where(User.email == address))
        if user is None:
            raise NotFound(f"no account with the email {address}; they create one first")
        if session.get(Membership, (workspace_id, user.id)) is not None:
            raise Conflict(f"{user.name} is already a member of this team")
        session.add(
            Membership(workspace_id=workspace_id, user_id=user.id, role=role, joined_at=now)
        )
        return MemberPublic(user_id=user.id, email=user.email, name=user.name, role=role)


def remove_member(engine: Engine, user_id: int, workspace_id: int, member_id: int) -> None:
    _owned_team(engine, user_id, workspace_id)
    with Session(engine) as session, session.begin():
        membership = session.get(Membership, (workspace_id, member_id))
        if membership is None:
            raise NotFound(f"no member #{member_id} in this team")
        owners = session.scalar(
            select(func.count())
            .select_from(Membership)
            .where(Membership.workspace_id == workspace_id, Membership.role == "owner")
        )
        if membership.role == "owner" and owners == 1:
            raise Conflict("a team keeps at least one owner; make someone else owner first")
        session.delete(membership)
