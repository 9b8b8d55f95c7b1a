"""In a team workspace, each member's own network joins the introduction graph — shared
only as "this member knows this person, this well".

A member's personal workspace is read for one thing: people who are also in the team's
workspace (the same email, profile link or phone), with how recently the member was in
touch with them. Nothing else of the member's network — not their notes, interactions or
the people the team does not have — leaves it. The member asking is the start of every
chain; other members are nodes of their own (negative ids), linked to each other as
teammates.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, aliased

from goodword.storage.tables import ContactPoint, Membership, Person, User, Workspace

#: Teammates know each other well enough to ask for an introduction.
TEAMMATES = 0.8


def member_node(user_id: int) -> int:
    return -user_id


def member_links(
    engine: Engine,
    team_workspace_id: int,
    asking_user_id: int,
    you: int,
    now: datetime,
    in_touch: Callable[[datetime, datetime], float],
    add: Callable[[int, int, float], None],
) -> dict[int, str]:
    """Add each member's links to the team's people; the names of the member nodes."""
    with Session(engine) as session:
        kind = session.scalar(select(Workspace.kind).where(Workspace.id == team_workspace_id))
        if kind != "team":
            return {}
        members = session.execute(
            select(User.id, User.name, User.personal_workspace_id)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.workspace_id == team_workspace_id)
        ).all()
        names: dict[int, str] = {}
        for user_id, name, _ in members:
            if user_id != asking_user_id:
                node = member_node(user_id)
                names[node] = f"{name} (teammate)"
                add(you, node, TEAMMATES)
        theirs, ours = aliased(ContactPoint), aliased(ContactPoint)
        for user_id, _, personal in members:
            node = you if user_id == asking_user_id else member_node(user_id)
            rows = session.execute(
                select(ours.person_id, func.max(Person.last_interaction_at))
                .select_from(theirs)
                .join(Person, Person.id == theirs.person_id)
                .join(
                    ours,
                    (ours.kind == theirs.kind)
                    & (func.lower(ours.value) == func.lower(theirs.value))
                    & (ours.workspace_id == team_workspace_id),
                )
                .where(theirs.workspace_id == personal, Person.last_interaction_at.is_not(None))
                .group_by(ours.person_id)
            )
            for team_person, last in rows:
                if last is not None and last <= now:
                    add(node, team_person, in_touch(last, now))
        return names
