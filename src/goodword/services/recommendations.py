"""Use cases for recommendations and endorsements, given and received."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from goodword.domain.errors import InvalidValue, RuleViolation
from goodword.domain.lifecycles import check_recommendation_status
from goodword.domain.vocabulary import (
    Direction,
    GratitudeKind,
    Platform,
    RecommendationKind,
    RecommendationStatus,
    parse_choice,
)
from goodword.schemas.practice import GratitudePublic, RecommendationCreate, RecommendationPublic
from goodword.services.gratitude import to_public as gratitude_public
from goodword.services.lookup import get_owned, ref, resolve_person
from goodword.services.person_summaries import refresh_people
from goodword.services.time_zones import moment
from goodword.storage.tables import Gratitude, Recommendation
from goodword.storage.unit_of_work import UnitOfWork


def to_public(rec: Recommendation) -> RecommendationPublic:
    person = ref(rec.person)
    assert person is not None
    return RecommendationPublic(
        id=rec.id,
        person=person,
        direction=rec.direction,
        kind=rec.kind,
        text=rec.text,
        skill=rec.skill,
        platform=rec.platform,
        status=rec.status,
        written_at=rec.written_at,
        sent_at=rec.sent_at,
        published_at=rec.published_at,
    )


def _status_of(direction: Direction, given: str | None) -> RecommendationStatus:
    """A recommendation someone wrote you exists already: it is never a draft."""
    if given is None or not given.strip():
        received = direction is Direction.RECEIVED
        return RecommendationStatus.PUBLISHED if received else RecommendationStatus.DRAFT
    status = parse_choice(RecommendationStatus, given, "status")
    if direction is Direction.RECEIVED and status is RecommendationStatus.DRAFT:
        raise InvalidValue(
            "status: a recommendation you received was written already, so it is not a "
            "draft; use published (or sent, if they have not published it yet)"
        )
    return status


def add_recommendation(
    uow: UnitOfWork, data: RecommendationCreate, now: datetime
) -> RecommendationPublic:
    with uow:
        direction = parse_choice(Direction, data.direction, "direction")
        kind = parse_choice(RecommendationKind, data.kind, "recommendation kind")
        platform = parse_choice(Platform, data.platform, "platform")
        status = _status_of(direction, data.status)
        if kind is RecommendationKind.ENDORSEMENT and not (data.skill and data.skill.strip()):
            raise InvalidValue("an endorsement is for a skill: add --skill")
        at = moment(uow, data.when, now)
        if at > now:
            raise RuleViolation(f"a recommendation dated {at.date().isoformat()} is in the future")
        rec = Recommendation(
            workspace_id=uow.workspace_id,
            person=resolve_person(uow, data.person),
            direction=direction.value,
            kind=kind.value,
            text=data.text or None,
            skill=data.skill.strip() if data.skill else None,
            platform=platform.value,
            status=status.value,
            written_at=at,
            sent_at=at if status is not RecommendationStatus.DRAFT else None,
            published_at=at if status is RecommendationStatus.PUBLISHED else None,
        )
        uow.session.add(rec)
        uow.session.flush()
        refresh_people(uow, [rec.person_id], now)
        result = to_public(rec)
        uow.commit()
        return result


def set_recommendation_status(
    uow: UnitOfWork, rec_id: int, status: str, now: datetime, when: str | None = None
) -> RecommendationPublic:
    with uow:
        new = parse_choice(RecommendationStatus, status, "status")
        rec = get_owned(uow, Recommendation, rec_id, "recommendation")
        check_recommendation_status(RecommendationStatus(rec.status), new)
        at = moment(uow, when, now)
        if at > now or at < rec.written_at:
            raise RuleViolation(
                f"{new.value} on {at.date().isoformat()} must fall between "
                f"{rec.written_at.date().isoformat()} and today"
            )
        rec.status = new.value
        rec.sent_at = rec.sent_at or at
        if new is RecommendationStatus.PUBLISHED:
            rec.published_at = at
        refresh_people(uow, [rec.person_id], now)
        result = to_public(rec)
        uow.commit()
        return result


def thank_for_recommendation(
    uow: UnitOfWork,
    rec_id: int,
    via: str,
    now: datetime,
    when: str | None = None,
    note: str | None = None,
) -> GratitudePublic:
    with uow:
        kind = parse_choice(GratitudeKind, via, "gratitude kind")
        rec = get_owned(uow, Recommendation, rec_id, "recommendation")
        if rec.direction != Direction.RECEIVED.value:
            raise RuleViolation(
                f"recommendation #{rec_id} is one you gave; thank-yous are for ones you received"
            )
        at = moment(uow, when, now)
        if at > now or at < rec.written_at:
            raise RuleViolation(
                f"a thank-you on {at.date().isoformat()} must fall between "
                f"{rec.written_at.date().isoformat()} and today"
            )
        gratitude = Gratitude(
            workspace_id=uow.workspace_id,
            person_id=rec.person_id,
            kind=kind.value,
            at=at,
            recommendation_id=rec.id,
            note=note or None,
        )
        uow.session.add(gratitude)
        refresh_people(uow, [rec.person_id], now)
        result = gratitude_public(gratitude)
        uow.commit()
        return result


def show_recommendation(uow: UnitOfWork, rec_id: int) -> RecommendationPublic:
    with uow:
        return to_public(get_owned(uow, Recommendation, rec_id, "recommendation"))


def list_recommendations(
    uow: UnitOfWork, direction: str | None = None, status: str | None = None
) -> list[RecommendationPublic]:
    with uow:
        query = select(Recommendation).where(Recommendation.workspace_id == uow.workspace_id)
        if direction:
            query = query.where(
                Recommendation.direction == parse_choice(Direction, direction, "direction").value
            )
        if status:
            query = query.where(
                Recommendation.status == parse_choice(RecommendationStatus, status, "status").value
            )
        rows = uow.session.scalars(query.order_by(Recommendation.written_at.desc()))
        return [to_public(r) for r in rows]
