"""Use cases for interactions: log one, list them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from goodword.domain.errors import RuleViolation
from goodword.domain.vocabulary import InteractionKind, Sentiment, parse_choice
from goodword.schemas.network import InteractionCreate, InteractionPublic, Ref
from goodword.services.lookup import resolve_person
from goodword.services.person_summaries import refresh_people
from goodword.services.time_zones import moment
from goodword.storage.tables import Interaction, Person
from goodword.storage.unit_of_work import UnitOfWork


def _public(i: Interaction, person: Person) -> InteractionPublic:
    return InteractionPublic(
        id=i.id,
        person=Ref(id=person.id, name=person.name),
        kind=i.kind,
        sentiment=i.sentiment,
        occurred_at=i.occurred_at,
        note=i.note,
    )


def log_interaction(uow: UnitOfWork, data: InteractionCreate, now: datetime) -> InteractionPublic:
    with uow:
        kind = parse_choice(InteractionKind, data.kind, "interaction kind")
        sentiment = parse_choice(Sentiment, data.sentiment, "sentiment")
        at = moment(uow, data.when, now)
        if at > now:
            raise RuleViolation(
                f"the interaction on {at.date().isoformat()} is in the future; log it once it happened"
            )
        person = resolve_person(uow, data.person)
        interaction = Interaction(
            workspace_id=uow.workspace_id,
            person_id=person.id,
            kind=kind.value,
            sentiment=sentiment.value,
            occurred_at=at,
            note=data.note or None,
            created_at=now,
        )
        uow.session.add(interaction)
        refresh_people(uow, [person.id], now)
        result = _public(interaction, person)
        uow.commit()
        return result


def list_interactions(
    uow: UnitOfWork, person: str | None = None, limit: int | None = None
) -> list[InteractionPublic]:
    with uow:
        query = (
            select(Interaction, Person)
            .join(Person, Person.id == Interaction.person_id)
            .where(Interaction.workspace_id == uow.workspace_id)
        )
        if person:
            query = query.where(Interaction.person_id == resolve_person(uow, person).id)
        query = query.order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        if limit:
            query = query.limit(limit)
        return [_public(i, p) for i, p in uow.session.execute(query).unique()]
