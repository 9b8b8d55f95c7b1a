"""Referral programs (seed 004: "clear guidelines and rewards") and their advocates."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import func, select

from goodword.domain.errors import Conflict, InvalidValue, NotFound
from goodword.programs.rules.rewards import ProgramKind, parse_milestones, parse_reward
from goodword.programs.rules.states import Review
from goodword.programs.store.kept_landings import forget_landings
from goodword.schemas.programs import (
    ProgramCreate,
    ProgramPublic,
    ProgramUpdate,
)
from goodword.services.lookup import get_owned
from goodword.services.workspaces import public_url
from goodword.storage.tables import (
    Advocate,
    Conversion,
    Lead,
    Program,
)
from goodword.storage.unit_of_work import UnitOfWork


def rewards_in_words(
    advocate_spec: str | None, friend_spec: str | None, milestones: str | None
) -> str:
    advocate, friend = parse_reward(advocate_spec), parse_reward(friend_spec)
    parts = [
        f"you get {advocate.describe()}" if advocate else "",
        f"your friend gets {friend.describe()}" if friend else "",
    ]
    words = " and ".join(p for p in parts if p) or "no reward, only our thanks"
    for count, bonus in parse_milestones(milestones).items():
        words += f"; a bonus of {bonus.describe()} at {count} referrals"
    return words


def to_public(uow: UnitOfWork, program: Program) -> ProgramPublic:
    def count(model: type[Advocate] | type[Lead] | type[Conversion]) -> int:
        query = select(func.count()).select_from(model).where(model.program_id == program.id)
        return int(uow.session.scalar(query) or 0)

    waiting = sum(
        int(
            uow.session.scalar(
                select(func.count())
                .select_from(model)
                .where(model.program_id == program.id, model.review == Review.OPEN)
            )
            or 0
        )
        for model in (Lead, Conversion)
    )
    return ProgramPublic(
        id=program.id,
        name=program.name,
        kind=program.kind,
        status=program.status,
        description=program.description,
        window_days=program.window_days,
        eligibility=program.eligibility,
        advocate_reward=program.advocate_reward,
        friend_reward=program.friend_reward,
        rewards_in_words=rewards_in_words(
            program.advocate_reward, program.friend_reward, program.milestones
        ),
        milestones=program.milestones,
        hold_days=program.hold_days,
        cap_per_advocate=program.cap_per_advocate,
        auto_approve_flagged=program.auto_approve_flagged,
        tenure_days=program.tenure_days,
        burst_per_hour=program.burst_per_hour,
        advocates=count(Advocate),
        leads=count(Lead),
        conversions=count(Conversion),
        waiting_for_review=waiting,
        self_signup=program.self_signup,
        leaderboard=program.leaderboard,
        join_path=f"/j/{program.public_token}" if program.self_signup else None,
        created_at=program.created_at,
    )


def _eligibility(text: str) -> str:
    cleaned = text.strip().lower()
    if cleaned in ("anyone", "network") or (cleaned.startswith("tag:") and cleaned[4:].strip()):
        return cleaned
    raise InvalidValue(
        f"eligibility '{text}': use anyone, network (people in your network) or tag:NAME"
    )


def _normalised(data: ProgramCreate | ProgramUpdate) -> dict[str, object]:
    """Every given rule, validated and in its stored spelling."""
    values = data.model_dump(exclude_unset=isinstance(data, ProgramUpdate))
    for side in ("advocate_reward", "friend_reward"):
        if side in values:
            reward = parse_reward(values[side])
            values[side] = reward.spec() if reward else None
    if values.get("milestones") is not None:
        stated = parse_milestones(values["milestones"])
        values["milestones"] = (
            ",".join(f"{n}={r.spec()}" for n, r in stated.items()) if stated else None
        )
    if values.get("eligibility") is not None:
        values["eligibility"] = _eligibility(values["eligibility"])
    if values.get("name") is not None:
        values["name"] = values["name"].strip()
        if not values["name"]:
            raise InvalidValue("a program needs a name")
    if "cap_per_advocate" in values and values["cap_per_advocate"] == 0:
        values["cap_per_advocate"] = None
    return values


def _name_free(uow: UnitOfWork, name: str, except_id: int | None = None) -> None:
    clash = uow.session.scalar(
        select(Program.id).where(
            Program.workspace_id == uow.workspace_id, func.lower(Program.name) == name.lower()
        )
    )
    if clash is not None and clash != except_id:
        raise Conflict(f"a program named '{name}' exists (#{clash}); pick another name")


#: Columns that always have a value: ``None`` in an update means "leave as is" for them,
#: and "remove" for the optional rules (a reward side, milestones, the cap).
_REQUIRED = frozenset(
    {
        "name",
        "description",
        "status",
        "window_days",
        "eligibility",
        "hold_days",
        "burst_per_hour",
        "auto_approve_flagged",
        "self_signup",
        "leaderboard",
    }
)


def create_program(uow: UnitOfWork, data: ProgramCreate, now: datetime) -> ProgramPublic:
    with uow:
        values = _normalised(data)
        _name_free(uow, str(values["name"]))
        if data.kind == ProgramKind.HIRING.value and values.get("tenure_days") is None:
            values["tenure_days"] = 90
        program = Program(
            workspace_id=uow.workspace_id,
            created_at=now,
            public_token=secrets.token_urlsafe(24),
            **values,
        )
        uow.session.add(program)
        uow.session.flush()
        result = to_public(uow, program)
        uow.commit()
        return result


def edit_program(uow: UnitOfWork, program_id: int, data: ProgramUpdate) -> ProgramPublic:
    with uow:
        program = get_owned(uow, Program, program_id, "program")
        values = _normalised(data)
        if values.get("name") is not None:
            _name_free(uow, str(values["name"]), program.id)
        for key, value in values.items():
            if value is None and key in _REQUIRED:
                continue
            setattr(program, key, value)
        uow.session.flush()
        result = to_public(uow, program)
        uow.commit()
    forget_landings(uow.engine)
    return result


def show_program(uow: UnitOfWork, program_id: int) -> ProgramPublic:
    with uow:
        return to_public(uow, get_owned(uow, Program, program_id, "program"))


def list_programs(uow: UnitOfWork) -> list[ProgramPublic]:
    with uow:
        rows = uow.session.scalars(
            select(Program).where(Program.workspace_id == uow.workspace_id).order_by(Program.id)
        )
        return [to_public(uow, p) for p in rows]


def resolve_program(uow: UnitOfWork, query: str) -> int:
    """A program named as people name it: ``#3``, ``3`` or its name (any case)."""
    from goodword.services.lookup import parse_id

    with uow:
        record_id = parse_id(query)
        if record_id is not None:
            return get_owned(uow, Program, record_id, "program").id
        found = uow.session.scalar(
            select(Program.id).where(
                Program.workspace_id == uow.workspace_id,
                func.lower(Program.name) == query.strip().lower(),
            )
        )
        if found is None:
            raise NotFound(f"no program named '{query}': see `goodword program list`")
        return int(found)


def links_base(uow: UnitOfWork) -> str:
    """Where the program's public pages live (the ``public_url`` setting, or the default)."""
    with uow:
        return public_url(uow)
