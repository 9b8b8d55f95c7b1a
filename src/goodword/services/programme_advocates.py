"""Advocates of a programme: enrolled from the network (or by name and email), each with a
unique code and a /r/CODE link."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import func, or_, select

from goodword.domain.errors import Conflict, InvalidValue, NotFound, RuleViolation
from goodword.domain.programme_checks import normalise_email
from goodword.domain.referral_codes import make_code
from goodword.schemas.programmes import AdvocateCreate, AdvocatePublic
from goodword.services import programme_events
from goodword.services.advocate_portal import new_portal_token
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


def advocate_public(uow: UnitOfWork, advocate: Advocate, base_url: str) -> AdvocatePublic:
    def count(model: type[Visit] | type[Lead] | type[Conversion]) -> int:
        query = select(func.count()).select_from(model).where(model.advocate_id == advocate.id)
        return int(uow.session.scalar(query) or 0)

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
        visits=count(Visit),
        leads=count(Lead),
        conversions=count(Conversion),
    )


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
            f"programme '{program.name}' is open to {program.eligibility} only: enrol a person "
            "from your network (give --person)"
        )
    if program.eligibility.startswith("tag:"):
        tag = program.eligibility[4:]
        tagged = uow.session.scalar(
            select(Tag.id).where(Tag.person_id == person.id, func.lower(Tag.name) == tag)
        )
        if tagged is None:
            raise RuleViolation(
                f"{person.name} is not tagged '{tag}', and programme '{program.name}' is for "
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
        if email and "@" not in email:
            raise InvalidValue(f"email '{email}' is not an email address")
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
        result = advocate_public(uow, advocate, base)
        result.portal_link = f"{base}/a/{token}"
        programme_events.advocate_enrolled(
            uow.session, program, advocate, result.link, result.portal_link, now
        )
        uow.commit()
        return result


def list_advocates(
    uow: UnitOfWork, program_id: int, seen_at: str | None = None
) -> list[AdvocatePublic]:
    with uow:
        program = get_owned(uow, Program, program_id, "program")
        base = public_url(uow, seen_at)
        rows = uow.session.scalars(
            select(Advocate).where(Advocate.program_id == program.id).order_by(Advocate.id)
        )
        return [advocate_public(uow, a, base) for a in rows]


def owned_advocate(uow: UnitOfWork, program: Program, advocate_id: int) -> Advocate:
    found = get_owned(uow, Advocate, advocate_id, "advocate")
    if found.program_id != program.id:
        raise NotFound(f"advocate #{advocate_id} is not in programme '{program.name}'")
    return found
