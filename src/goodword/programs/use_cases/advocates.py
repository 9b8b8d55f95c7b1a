"""Advocates of a program: enrolled from the network (or by name and email), each with a
unique code and a /r/CODE link."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import func, or_, select

from goodword.domain.errors import Conflict, InvalidValue, RuleViolation
from goodword.programs.rules.checks import normalise_email
from goodword.programs.rules.codes import make_code
from goodword.programs.use_cases import events as program_events
from goodword.programs.use_cases.leads import checked_email
from goodword.programs.use_cases.portal import new_portal_token
from goodword.schemas.programs import AdvocateCreate, AdvocatePublic
from goodword.services.lookup import get_owned, resolve_person
from goodword.services.workspaces import public_url
from goodword.storage.tables import (
    Advocate,
    ContactPoint,
    Conversion,
    Lead,
    Person,
    Program,
    Tag,
    Visit,
)
from goodword.storage.unit_of_work import UnitOfWork


def advocate_public(
    advocate: Advocate, base_url: str, counts: tuple[int, int, int] = (0, 0, 0)
) -> AdvocatePublic:
    """``counts``: the advocate's visits, leads and conversions."""
    visits, leads, conversions = counts
    return AdvocatePublic(
        id=advocate.id,
        program_id=advocate.program_id,
        name=advocate.name,
        email=advocate.email,
        person_id=advocate.person_id,
        customer_id=advocate.customer_id,
        code=advocate.code,
        link=f"{base_url}/r/{advocate.code}",
        enrolled_at=advocate.enrolled_at,
        visits=visits,
        leads=leads,
        conversions=conversions,
    )


def _counts_by_advocate(uow: UnitOfWork, program_id: int) -> dict[int, tuple[int, int, int]]:
    """Visits, leads and conversions of every advocate of a program: three grouped
    queries, however many advocates there are."""
    found: dict[int, list[int]] = {}
    models: tuple[type[Visit] | type[Lead] | type[Conversion], ...] = (Visit, Lead, Conversion)
    for slot, model in enumerate(models):
        rows = uow.session.execute(
            select(model.advocate_id, func.count())
            .where(model.program_id == program_id)
            .group_by(model.advocate_id)
        )
        for advocate_id, count in rows:
            found.setdefault(advocate_id, [0, 0, 0])[slot] = int(count)
    return {key: (v[0], v[1], v[2]) for key, v in found.items()}


def _primary_email(uow: UnitOfWork, person: Person) -> str | None:
    return uow.session.scalar(
        select(ContactPoint.value)
        .where(ContactPoint.person_id == person.id, ContactPoint.kind == "email")
        .order_by(ContactPoint.id)
        .limit(1)
    )


def _check_eligible(uow: UnitOfWork, program: Program, person: Person | None) -> None:
    if program.eligibility == "anyone":
        return
    if person is None:
        raise RuleViolation(
            f"program '{program.name}' is open to {program.eligibility} only: enrol a person "
            "from your network (give --person)"
        )
    if program.eligibility.startswith("tag:"):
        tag = program.eligibility[4:]
        tagged = uow.session.scalar(
            select(Tag.id).where(Tag.person_id == person.id, func.lower(Tag.name) == tag)
        )
        if tagged is None:
            raise RuleViolation(
                f"{person.name} is not tagged '{tag}', and program '{program.name}' is for "
                f"people tagged '{tag}': tag them first (goodword people tag)"
            )


def _new_code(uow: UnitOfWork, name: str) -> str:
    for _ in range(5):
        code = make_code(name, secrets.token_bytes(8))
        if uow.session.scalar(select(Advocate.id).where(Advocate.code == code)) is None:
            return code
    raise Conflict("could not find a free code; try again")  # 50 random bits: never in practice


def enrol_advocate(
    uow: UnitOfWork,
    program_id: int,
    data: AdvocateCreate,
    now: datetime,
    seen_at: str | None = None,
) -> AdvocatePublic:
    """Give a person their code and link. The same person or address twice is refused."""
    with uow:
        program = get_owned(uow, Program, program_id, "program")
        person = resolve_person(uow, data.person) if data.person else None
        name = (data.name or (person.name if person else "")).strip()
        email = (data.email or (_primary_email(uow, person) if person else None) or "").strip()
        if not name:
            raise InvalidValue("an advocate needs a name: give a person from your network or name")
        if email:
            email = checked_email(email)
        _check_eligible(uow, program, person)
        key = normalise_email(email) if email else None
        same = [Advocate.email_key == key] if key else []
        same += [Advocate.person_id == person.id] if person is not None else []
        clash = (
            uow.session.scalar(
                select(Advocate).where(Advocate.program_id == program.id, or_(*same)).limit(1)
            )
            if same
            else None
        )
        if clash is not None:
            raise Conflict(
                f"{clash.name} is already an advocate of '{program.name}' (code {clash.code})"
            )
        advocate = Advocate(
            workspace_id=uow.workspace_id,
            program_id=program.id,
            person_id=person.id if person else None,
            name=name,
            email=email or None,
            email_key=key,
            customer_id=(data.customer_id or "").strip() or None,
            code=_new_code(uow, name),
            device_id=data.device_id,
            enrolled_at=now,
        )
        token = new_portal_token(advocate)
        uow.session.add(advocate)
        uow.session.flush()
        base = public_url(uow, seen_at)
        result = advocate_public(advocate, base)
        result.portal_link = f"{base}/a/{token}"
        program_events.advocate_enrolled(uow.session, program, advocate, token, now)
        uow.commit()
        return result


def list_advocates(
    uow: UnitOfWork, program_id: int, seen_at: str | None = None
) -> list[AdvocatePublic]:
    with uow:
        program = get_owned(uow, Program, program_id, "program")
        base = public_url(uow, seen_at)
        counts = _counts_by_advocate(uow, program.id)
        rows = uow.session.scalars(
            select(Advocate).where(Advocate.program_id == program.id).order_by(Advocate.id)
        )
        return [advocate_public(a, base, counts.get(a.id, (0, 0, 0))) for a in rows]
