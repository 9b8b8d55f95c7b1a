"""Per-person summaries the agenda reads from one indexed row: the last interaction and
the reciprocity balance. They are recomputed from the source rows (never incremented), in
the same unit of work as the change that affects them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, bindparam, case, func, or_, select, update

from goodword.domain.ledger import POINTS, LedgerItem
from goodword.domain.strength import StrengthFacts, Touch, strength
from goodword.domain.vocabulary import Sentiment
from goodword.storage.base import table_of
from goodword.storage.tables import Gratitude, Interaction, Person, Recommendation, Referral
from goodword.storage.unit_of_work import UnitOfWork


def _referral_points() -> ColumnElement[Any]:
    return case(
        (Referral.kind == "introduction", POINTS[LedgerItem.INTRODUCTION]),
        else_=POINTS[LedgerItem.REFERRAL],
    )


def _recommendation_points() -> ColumnElement[Any]:
    return case(
        (Recommendation.kind == "endorsement", POINTS[LedgerItem.ENDORSEMENT]),
        else_=POINTS[LedgerItem.RECOMMENDATION],
    )


def _total(aggregate: ColumnElement[Any], *where: Any) -> ColumnElement[Any]:
    return func.coalesce(select(aggregate).where(*where).scalar_subquery(), 0)


def _until(column: Any, as_of: datetime | None) -> list[Any]:
    return [] if as_of is None else [column <= as_of]


def they_gave_expression(person_id: Any, as_of: datetime | None = None) -> ColumnElement[Any]:
    """Ledger points of what ``person_id`` gave the user: referrals and recommendations."""
    return _total(
        func.sum(_referral_points()),
        Referral.direction == "received",
        Referral.referrer_id == person_id,
        *_until(Referral.referred_at, as_of),
    ) + _total(
        func.sum(_recommendation_points()),
        Recommendation.direction == "received",
        Recommendation.person_id == person_id,
        *_until(Recommendation.written_at, as_of),
    )


def you_gave_expression(person_id: Any, as_of: datetime | None = None) -> ColumnElement[Any]:
    """Ledger points of what the user gave ``person_id``: referrals, recommendations, thanks."""
    return (
        _total(
            func.sum(_referral_points()),
            Referral.direction == "given",
            or_(
                Referral.referred_person_id == person_id, Referral.recipient_person_id == person_id
            ),
            *_until(Referral.referred_at, as_of),
        )
        + _total(
            func.sum(_recommendation_points()),
            Recommendation.direction == "given",
            Recommendation.status != "draft",
            Recommendation.person_id == person_id,
            *_until(Recommendation.written_at, as_of),
        )
        + _total(
            func.count() * POINTS[LedgerItem.GRATITUDE],
            Gratitude.person_id == person_id,
            *_until(Gratitude.at, as_of),
        )
    )


def balance_expression(person_id: Any, as_of: datetime | None = None) -> ColumnElement[Any]:
    """The ledger balance of ``person_id`` in SQL — the same sum as domain.ledger, so the
    agenda can rank people by it without loading their history."""
    return they_gave_expression(person_id, as_of) - you_gave_expression(person_id, as_of)


def refresh_strengths(uow: UnitOfWork, ids: list[int], now: datetime) -> None:
    """Recompute the stored relationship strength of these people, in a few set-based
    queries whatever their number (an import refreshes thousands at once)."""
    touches: dict[int, list[Touch]] = defaultdict(list)
    for pid, at, sentiment in uow.session.execute(
        select(Interaction.person_id, Interaction.occurred_at, Interaction.sentiment).where(
            Interaction.person_id.in_(ids)
        )
    ):
        touches[pid].append(Touch(at, Sentiment(sentiment)))
    thanked = dict(
        uow.session.execute(
            select(Gratitude.person_id, func.max(Gratitude.at))
            .where(Gratitude.person_id.in_(ids))
            .group_by(Gratitude.person_id)
        ).all()
    )
    rows = []
    for pid, they, you in uow.session.execute(
        select(Person.id, they_gave_expression(Person.id), you_gave_expression(Person.id)).where(
            Person.id.in_(ids)
        )
    ):
        facts = StrengthFacts(touches[pid], int(they), int(you), thanked.get(pid))
        rows.append({"pid": pid, "score": strength(facts, now).score, "at": now})
    if rows:
        uow.session.execute(
            update(table_of(Person))
            .where(table_of(Person).c.id == bindparam("pid"))
            .values(strength=bindparam("score"), strength_at=bindparam("at")),
            rows,
        )


def refresh_people(
    uow: UnitOfWork, person_ids: Iterable[int | None], now: datetime | None = None
) -> None:
    """Recompute the summaries of these people from their rows (and, given ``now``, their
    relationship strength)."""
    ids = sorted({pid for pid in person_ids if pid is not None})
    if not ids:
        return
    uow.session.flush()
    last = (
        select(func.max(Interaction.occurred_at))
        .where(Interaction.person_id == Person.id)
        .scalar_subquery()
    )
    uow.session.execute(
        update(Person)
        .where(Person.workspace_id == uow.workspace_id, Person.id.in_(ids))
        .values(last_interaction_at=last, reciprocity_balance=balance_expression(Person.id))
        .execution_options(synchronize_session=False)
    )
    if now is not None:
        refresh_strengths(uow, ids, now)
    for person in uow.session.identity_map.values():
        if isinstance(person, Person) and person.id in ids:
            uow.session.expire(
                person, ["last_interaction_at", "reciprocity_balance", "strength", "strength_at"]
            )
