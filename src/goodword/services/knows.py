"""Who knows whom, as the user recorded it: a link between two people with a strength."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import case, or_, select

from goodword.domain.errors import InvalidValue
from goodword.schemas.network import Ref
from goodword.services.lookup import resolve_person
from goodword.storage.tables import Knows, Person
from goodword.storage.unit_of_work import UnitOfWork


class KnowsPublic(BaseModel):
    person: Ref
    other: Ref
    strength: float
    note: str | None


def record_knows(
    uow: UnitOfWork, a: str, b: str, strength: float, now: datetime, note: str | None = None
) -> KnowsPublic:
    """Record (or update) that ``a`` and ``b`` know each other, 0 < strength <= 1."""
    if not 0 < strength <= 1:
        raise InvalidValue(f"--strength must be above 0 and at most 1 (e.g. 0.7), not {strength}")
    with uow:
        first, second = resolve_person(uow, a), resolve_person(uow, b)
        if first.id == second.id:
            raise InvalidValue("a person knows themselves; name two different people")
        low, high = sorted((first.id, second.id))
        row = uow.session.scalar(
            select(Knows).where(Knows.person_a_id == low, Knows.person_b_id == high)
        )
        if row is None:
            row = Knows(
                workspace_id=uow.workspace_id,
                person_a_id=low,
                person_b_id=high,
                strength=strength,
                note=note,
                recorded_at=now,
            )
            uow.session.add(row)
        else:
            row.strength, row.recorded_at = strength, now
            row.note = note or row.note
        result = KnowsPublic(
            person=Ref(id=first.id, name=first.name),
            other=Ref(id=second.id, name=second.name),
            strength=strength,
            note=row.note,
        )
        uow.commit()
        return result


def list_knows(uow: UnitOfWork, query: str) -> list[KnowsPublic]:
    with uow:
        person = resolve_person(uow, query)
        other_id = case(
            (Knows.person_a_id == person.id, Knows.person_b_id), else_=Knows.person_a_id
        )
        rows = uow.session.execute(
            select(Person.id, Person.name, Knows.strength, Knows.note)
            .join(Knows, Person.id == other_id)
            .where(or_(Knows.person_a_id == person.id, Knows.person_b_id == person.id))
            .order_by(Knows.strength.desc(), Person.name)
        )
        me = Ref(id=person.id, name=person.name)
        return [
            KnowsPublic(person=me, other=Ref(id=oid, name=name), strength=strength, note=note)
            for oid, name, strength, note in rows
        ]
