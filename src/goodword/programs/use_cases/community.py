"""Celebrating advocates: an opt-in leaderboard (first name and initial) and success stories
told only with the advocate's recorded consent (seed 004: "celebrate success")."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from goodword.domain.errors import InvalidValue, NotFound
from goodword.programs.rules.states import ConversionStatus, LeadStatus
from goodword.programs.use_cases.portal import token_hash
from goodword.schemas.programs import LeaderboardRow, StoryCreate, StoryPublic
from goodword.services.lookup import get_owned
from goodword.storage.tables import Advocate, Conversion, Lead, Program, Story
from goodword.storage.unit_of_work import UnitOfWork

TOP = 10


def shown_name(name: str) -> str:
    """``Ana Lee`` → ``Ana L.``: enough to be recognised by friends, not by strangers."""
    parts = name.split()
    if len(parts) < 2:
        return name.strip()
    return f"{parts[0]} {parts[-1][0].upper()}."


def leaderboard_rows(uow: UnitOfWork, program: Program) -> list[LeaderboardRow]:
    """Inside the caller's unit of work: the opted-in advocates, most conversions first."""
    if not program.leaderboard:
        return []
    conversions = (
        select(func.count())
        .where(Conversion.advocate_id == Advocate.id, Conversion.status == ConversionStatus.VALID)
        .scalar_subquery()
    )
    referrals = (
        select(func.count())
        .where(Lead.advocate_id == Advocate.id, Lead.status != LeadStatus.DUPLICATE)
        .scalar_subquery()
    )
    rows = uow.session.execute(
        select(Advocate.name, conversions, referrals)
        .where(Advocate.program_id == program.id, Advocate.on_leaderboard.is_(True))
        .order_by(conversions.desc(), referrals.desc(), Advocate.id)
        .limit(TOP)
    ).all()
    return [LeaderboardRow(name=shown_name(n), conversions=c, referrals=r) for n, c, r in rows]


def leaderboard(uow: UnitOfWork, program_id: int) -> list[LeaderboardRow]:
    with uow:
        return leaderboard_rows(uow, get_owned(uow, Program, program_id, "program"))


def choose_leaderboard(engine: Engine, portal_token: str, show: bool) -> None:
    """The advocate's own choice, from their private page."""
    with Session(engine) as session:
        advocate = session.scalar(
            select(Advocate).where(Advocate.portal_token_hash == token_hash(portal_token))
        )
        if advocate is None:
            raise NotFound("this private link is not (or no longer) valid; ask for a new one")
        advocate.on_leaderboard = show
        session.commit()


def _story(story: Story, advocate: str | None) -> StoryPublic:
    return StoryPublic(
        id=story.id,
        program_id=story.program_id,
        title=story.title,
        body=story.body,
        advocate=advocate,
        consent=story.consent,
        consent_at=story.consent_at,
    )


def add_story(uow: UnitOfWork, program_id: int, data: StoryCreate, now: datetime) -> StoryPublic:
    if not data.consent.strip():
        raise InvalidValue("consent: record how the advocate agreed to the story being shown")
    with uow:
        program = get_owned(uow, Program, program_id, "program")
        advocate = (
            get_owned(uow, Advocate, data.advocate_id, "advocate") if data.advocate_id else None
        )
        if advocate is not None and advocate.program_id != program.id:
            raise NotFound(f"advocate #{advocate.id} is not in program '{program.name}'")
        story = Story(
            workspace_id=uow.workspace_id,
            program_id=program.id,
            advocate_id=advocate.id if advocate else None,
            title=data.title.strip(),
            body=data.body.strip(),
            consent=data.consent.strip(),
            consent_at=now,
            created_at=now,
        )
        uow.session.add(story)
        uow.session.flush()
        result = _story(story, shown_name(advocate.name) if advocate else None)
        uow.commit()
        return result


def stories_of(uow: UnitOfWork, program_id: int) -> list[StoryPublic]:
    """Inside the caller's unit of work, newest first."""
    rows = uow.session.execute(
        select(Story, Advocate.name)
        .outerjoin(Advocate, Advocate.id == Story.advocate_id)
        .where(Story.program_id == program_id, Story.workspace_id == uow.workspace_id)
        .order_by(Story.id.desc())
    ).all()
    return [_story(s, shown_name(n) if n else None) for s, n in rows]


def list_stories(uow: UnitOfWork, program_id: int) -> list[StoryPublic]:
    with uow:
        return stories_of(uow, get_owned(uow, Program, program_id, "program").id)
