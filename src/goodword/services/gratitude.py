"""Acts of gratitude: every thank-you the user gave, for referrals and recommendations."""

from __future__ import annotations

from sqlalchemy import select

from goodword.schemas.practice import GratitudePublic
from goodword.services.lookup import get_owned, ref, resolve_person
from goodword.storage.tables import Gratitude
from goodword.storage.unit_of_work import UnitOfWork


def to_public(g: Gratitude) -> GratitudePublic:
    who = ref(g.person)
    assert who is not None
    return GratitudePublic(
        id=g.id,
        person=who,
        kind=g.kind,
        at=g.at,
        referral_id=g.referral_id,
        recommendation_id=g.recommendation_id,
        note=g.note,
    )


def list_gratitude(uow: UnitOfWork, person: str | None = None) -> list[GratitudePublic]:
    with uow:
        query = select(Gratitude).where(Gratitude.workspace_id == uow.workspace_id)
        if person:
            query = query.where(Gratitude.person_id == resolve_person(uow, person).id)
        rows = uow.session.scalars(query.order_by(Gratitude.at.desc(), Gratitude.id.desc()))
        return [to_public(g) for g in rows]


def show_gratitude(uow: UnitOfWork, gratitude_id: int) -> GratitudePublic:
    with uow:
        return to_public(get_owned(uow, Gratitude, gratitude_id, "thank-you"))
