"""Per-person summaries the agenda reads from one indexed row: the last interaction and
the reciprocity balance. They are recomputed from the source rows (never incremented), in
the same unit of work as the change that affects them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select, update

from goodword.domain.ledger import POINTS, LedgerItem
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


def balance_expression(person_id: Any, as_of: datetime | None = None) -> ColumnElement[Any]:
    """The ledger balance of ``person_id`` in SQL — the same sum as domain.ledger, so the
    agenda can rank people by it without loading their history."""

    def total(aggregate: ColumnElement[Any], *where: Any) -> ColumnElement[Any]:
        return func.coalesce(select(aggregate).where(*where).scalar_subquery(), 0)

    def until(column: Any) -> list[Any]:
        return [] if as_of is None else [column <= as_of]

    they_gave = total(
        func.sum(_referral_points()),
        Referral.direction == "received",
        Referral.referrer_id == person_id,
        *until(Referral.referred_at),
    ) + total(
        func.sum(_recommendation_points()),
        Recommendation.direction == "received",
        Recommendation.person_id == person_id,
        *until(Recommendation.written_at),
    )
    you_gave = (
        total(
            func.sum(_referral_points()),
            Referral.direction == "given",
            or_(
                Referral.referred_person_id == person_id, Referral.recipient_person_id == person_id
            ),
            *until(Referral.referred_at),
        )
        + total(
            func.sum(_recommendation_points()),
            Recommendation.direction == "given",
            Recommendation.status != "draft",
            Recommendation.person_id == person_id,
            *until(Recommendation.written_at),
        )
        + total(
            func.count() * POINTS[LedgerItem.GRATITUDE],
            Gratitude.person_id == person_id,
            *until(Gratitude.at),
        )
    )
    return they_gave - you_gave


def refresh_people(uow: UnitOfWork, person_ids: Iterable[int | None]) -> None:
    """Recompute the summaries of these people from their rows."""
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
    for person in uow.session.identity_map.values():
        if isinstance(person, Person) and person.id in ids:
            uow.session.expire(person, ["last_interaction_at", "reciprocity_balance"])
