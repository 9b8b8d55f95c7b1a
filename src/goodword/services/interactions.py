"""Use cases for interactions: log one, list them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from goodword.domain.errors import RuleViolation
from goodword.domain.vocabulary import InteractionKind, Sentiment, parse_choice
from goodword.schemas.network import InteractionCreate, InteractionPublic, Ref
from goodword.services.lookup import get_owned, resolve_person
from goodword.services.person_summaries import refresh_people
from goodword.services.time_zones import moment
from goodword.storage.tables import Interaction, Person
from goodword.storage.unit_of_work import UnitOfWork


def interaction_public(i: Interaction, person: Person) -> InteractionPublic:
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
        result = interaction_public(interaction, person)
        uow.commit()
        return result


def _scope(uow: UnitOfWork, person: str | None) -> list[Any]:
    where: list[Any] = [Interaction.workspace_id == uow.workspace_id]
    if person:
        where.append(Interaction.person_id == resolve_person(uow, person).id)
    return where


def count_interactions(uow: UnitOfWork, person: str | None = None) -> int:
    with uow:
        query = select(func.count()).select_from(Interaction).where(*_scope(uow, person))
        return int(uow.session.scalar(query) or 0)


def stream_interactions(
    uow: UnitOfWork, person: str | None = None, limit: int | None = None, offset: int = 0
) -> Iterator[InteractionPublic]:
    """Newest first, a chunk at a time (a million interactions never sit in memory)."""
    with uow:
        query = (
            select(
                Interaction.id,
                Interaction.kind,
                Interaction.sentiment,
                Interaction.occurred_at,
                Interaction.note,
                Person.id,
                Person.name,
            )
            .join(Person, Person.id == Interaction.person_id)
            .where(*_scope(uow, person))
            .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
            .execution_options(yield_per=1000)
        )
        if limit:
            query = query.limit(limit)
        if offset:
            query = query.offset(offset)
        for part in uow.session.execute(query).partitions():
            for iid, kind, sentiment, at, note, pid, name in part:
                yield InteractionPublic(
                    id=iid,
                    person=Ref(id=pid, name=name),
                    kind=kind,
                    sentiment=sentiment,
                    occurred_at=at,
                    note=note,
                )


def list_interactions(
    uow: UnitOfWork, person: str | None = None, limit: int | None = None, offset: int = 0
) -> list[InteractionPublic]:
    return list(stream_interactions(uow, person, limit, offset))


def show_interaction(uow: UnitOfWork, interaction_id: int) -> InteractionPublic:
    with uow:
        row = get_owned(uow, Interaction, interaction_id, "interaction")
        person = uow.session.get(Person, row.person_id)
        assert person is not None
        return interaction_public(row, person)
