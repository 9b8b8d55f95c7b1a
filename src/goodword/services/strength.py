"""The relationship-strength use case: a person's score and its parts, in words."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import func, select

from goodword.domain.strength import StrengthFacts, Touch, strength
from goodword.domain.vocabulary import Sentiment
from goodword.schemas.network import Ref
from goodword.services.ledger import balance
from goodword.services.lookup import resolve_person
from goodword.storage.tables import Gratitude, Interaction
from goodword.storage.unit_of_work import UnitOfWork


class StrengthPart(BaseModel):
    points: float
    why: str


class StrengthPublic(BaseModel):
    person: Ref
    score: int
    parts: list[StrengthPart]


def person_strength(uow: UnitOfWork, query: str, now: datetime) -> StrengthPublic:
    with uow:
        person = resolve_person(uow, query)
        touches = [
            Touch(at, Sentiment(sentiment))
            for at, sentiment in uow.session.execute(
                select(Interaction.occurred_at, Interaction.sentiment).where(
                    Interaction.person_id == person.id
                )
            )
        ]
        ledger = balance(uow, f"#{person.id}")[0]
        thanked = uow.session.scalar(
            select(func.max(Gratitude.at)).where(Gratitude.person_id == person.id)
        )
        result = strength(
            StrengthFacts(touches, ledger.they_gave_points, ledger.you_gave_points, thanked),
            now,
        )
        return StrengthPublic(
            person=Ref(id=person.id, name=person.name),
            score=result.score,
            parts=[StrengthPart(points=round(p.points, 1), why=p.why) for p in result.parts],
        )
