"""The public side of an advocate's link: a visit is recorded, a lead comes from its form.

``/r/CODE`` is the hottest path in the server (every share lands here), so a visit is one
insert through the driver (``storage/bulk_insert``: the statement written once), and what
the page shows of the link — its program, rewards and advocate — is kept per code for a
few seconds (``programs/store/kept_landings``): a link shared in a group chat is opened hundreds of times
a minute, and the lookup was half of each visit. An edit of the program forgets what this
process kept at once; another server process sees it within those seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select

from goodword.domain.errors import NotFound
from goodword.programs.rules.codes import canonical_code
from goodword.programs.rules.rewards import parse_reward
from goodword.programs.rules.states import ProgramStatus
from goodword.programs.store.kept_landings import kept_landing
from goodword.programs.use_cases.leads import add_lead
from goodword.programs.use_cases.programs import rewards_in_words
from goodword.schemas.programs import LeadCreate, LeadPublic
from goodword.services.draft_words import first_name
from goodword.storage.base import table_of
from goodword.storage.bulk_insert import prepared_insert
from goodword.storage.tables import Advocate, Program, Visit
from goodword.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Landing:
    """What the landing page shows: the program's guidelines and who invited the visitor."""

    workspace_id: int
    program_id: int
    advocate_id: int
    code: str
    program: str
    description: str
    rewards: str
    friend_reward: str | None
    invited_by: str
    window_days: int
    active: bool


def _landing(engine: Engine, code: str) -> Landing:
    canonical = canonical_code(code)
    row = None
    if canonical is not None:
        with engine.connect() as connection:
            row = connection.execute(
                select(
                    Advocate.id,
                    Advocate.workspace_id,
                    Advocate.name,
                    Program.id,
                    Program.name,
                    Program.description,
                    Program.advocate_reward,
                    Program.friend_reward,
                    Program.milestones,
                    Program.window_days,
                    Program.status,
                )
                .join(Program, Program.id == Advocate.program_id)
                .where(Advocate.code == canonical)
            ).first()
    if row is None or canonical is None:
        raise NotFound("this referral link is not (or no longer) valid; ask for a new one")
    (advocate_id, workspace_id, name, program_id, program, description) = row[:6]
    advocate_reward, friend_reward, milestones, window_days, status = row[6:]
    return Landing(
        workspace_id=workspace_id,
        program_id=program_id,
        advocate_id=advocate_id,
        code=canonical,
        program=program,
        description=description,
        rewards=rewards_in_words(advocate_reward, friend_reward, milestones),
        friend_reward=_described(friend_reward),
        invited_by=first_name(name),
        window_days=window_days,
        active=status == ProgramStatus.ACTIVE,
    )


def _described(spec: str | None) -> str | None:
    reward = parse_reward(spec)
    return reward.describe() if reward else None


def record_visit(
    engine: Engine, code: str, ip: str | None, device_id: str | None, now: datetime
) -> Landing:
    landing = kept_landing(engine, code, now, lambda: _landing(engine, code))
    row = {
        "workspace_id": landing.workspace_id,
        "program_id": landing.program_id,
        "advocate_id": landing.advocate_id,
        "at": now,
        "ip": ip,
        "device_id": device_id,
    }
    with engine.begin() as connection:
        prepared_insert(connection, table_of(Visit), tuple(row)).run(connection, [row])
    return landing


def landing_for(engine: Engine, code: str) -> Landing:
    return _landing(engine, code)


def lead_from_link(
    engine: Engine, code: str, first_touch: str | None, data: LeadCreate, now: datetime
) -> tuple[Landing, LeadPublic]:
    """The link's form. The first advocate whose link this browser followed (within the
    window, per the signed cookie) gets the referral, whichever link the form is on."""
    landing = _landing(engine, code)
    if first_touch and first_touch != landing.code:
        try:
            earlier = _landing(engine, first_touch)
        except NotFound:
            earlier = None
        if earlier is not None and earlier.program_id == landing.program_id:
            landing = earlier
    uow = UnitOfWork(engine, landing.workspace_id)
    with uow:
        program = uow.session.get(Program, landing.program_id)
        advocate = uow.session.get(Advocate, landing.advocate_id)
        assert program is not None and advocate is not None
        lead = add_lead(uow, program, advocate, data, "link", now)
        uow.commit()
    return landing, lead
