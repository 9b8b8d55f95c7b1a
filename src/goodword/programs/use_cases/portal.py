"""The advocate's private page, reached by a magic link (no password): their code and link,
texts to share, each referral and reward with the reason for its state, and the rules.

Only the SHA-256 of the link's token is stored; the link itself lives in the advocate's
email. A new link (``goodword program portal-link``) makes the old one stop working.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, func, select

from goodword.programs.rules.rewards import parse_milestones
from goodword.programs.rules.states import ConversionStatus
from goodword.programs.use_cases.leads import lead_public
from goodword.programs.use_cases.programs import to_public
from goodword.programs.use_cases.rewards import reward_public
from goodword.schemas.programs import (
    LeaderboardRow,
    LeadPublic,
    ProgramPublic,
    RewardPublic,
    StoryPublic,
)
from goodword.services.draft_words import first_name
from goodword.services.lookup import by_secret, get_owned
from goodword.services.workspaces import public_url
from goodword.storage.tables import Advocate, Conversion, Lead, Program, RewardRow
from goodword.storage.unit_of_work import UnitOfWork


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_portal_token(advocate: Advocate) -> str:
    token = secrets.token_urlsafe(32)
    advocate.portal_token_hash = token_hash(token)
    return token


@dataclass(frozen=True)
class Progress:
    conversions: int
    next_milestone: int | None
    bonus: str | None


@dataclass(frozen=True)
class PortalView:
    name: str
    code: str
    link: str
    program: ProgramPublic
    leads: list[LeadPublic]
    rewards: list[RewardPublic]
    progress: Progress
    share_email: str
    share_social: str
    on_leaderboard: bool
    leaderboard: list[LeaderboardRow]
    stories: list[StoryPublic]


def _share_texts(program: ProgramPublic, link: str, first_name: str) -> tuple[str, str]:
    email = (
        f"Hi,\n\nI have been happy with {program.name} and thought of you."
        + (f" {program.description}" if program.description else "")
        + f"\n\nIf it could help you, this link tells them I sent you: {link}\n\n{first_name}"
    )
    social = f"I recommend {program.name} — if it could help you, here is my link: {link}"
    return email, social


def portal_view(engine: Engine, token: str, seen_at: str | None = None) -> PortalView:
    """Everything the advocate may see, found by the token alone (no account)."""
    uow, advocate_id = by_secret(
        engine,
        Advocate,
        Advocate.portal_token_hash == token_hash(token.strip()),
        "this private link is not (or no longer) valid; ask for a new one",
    )
    with uow:
        advocate = get_owned(uow, Advocate, advocate_id, "advocate")
        program = get_owned(uow, Program, advocate.program_id, "program")
        public = to_public(uow, program)
        link = f"{public_url(uow, seen_at)}/r/{advocate.code}"
        leads = [
            lead_public(lead, program, advocate.name)
            for lead in uow.session.scalars(
                select(Lead).where(Lead.advocate_id == advocate.id).order_by(Lead.id)
            )
        ]
        rewards = [
            reward_public(row, advocate.name)
            for row in uow.session.scalars(
                select(RewardRow)
                .where(RewardRow.advocate_id == advocate.id, RewardRow.beneficiary == "advocate")
                .order_by(RewardRow.id)
            )
        ]
        converted = uow.session.scalar(
            select(func.count())
            .select_from(Conversion)
            .where(
                Conversion.advocate_id == advocate.id, Conversion.status == ConversionStatus.VALID
            )
        )
        name, code, shown = advocate.name, advocate.code, advocate.on_leaderboard
        from goodword.programs.use_cases.community import leaderboard_rows, stories_of

        board = leaderboard_rows(uow, program)
        stories = stories_of(uow, program.id)
    count = int(converted or 0)
    ahead = [(n, r) for n, r in parse_milestones(public.milestones).items() if n > count]
    progress = Progress(
        count, ahead[0][0] if ahead else None, ahead[0][1].describe() if ahead else None
    )
    share_email, share_social = _share_texts(public, link, first_name(name))
    return PortalView(
        name,
        code,
        link,
        public,
        leads,
        rewards,
        progress,
        share_email,
        share_social,
        shown,
        board,
        stories,
    )


def rotate_portal_link(uow: UnitOfWork, advocate_id: int, seen_at: str | None = None) -> str:
    """A new private link for an advocate; the old one stops working."""
    with uow:
        advocate = get_owned(uow, Advocate, advocate_id, "advocate")
        token = new_portal_token(advocate)
        link = f"{public_url(uow, seen_at)}/a/{token}"
        uow.commit()
        return link
