"""What history left unsettled, gathered for the catch-up item: received recommendations,
endorsements and referrals never thanked, and asks never answered, from before the
history horizon (and not filed as history) — counted in SQL, with only the most recent
few loaded, so a decade of endorsements costs the same as one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select

from goodword.domain.agenda_facts import Backlog, HistoryAct, HistoryCount, Who
from goodword.domain.etiquette import Etiquette
from goodword.domain.history import RECENT, cutoff
from goodword.storage.tables import (
    Ask,
    Gratitude,
    Person,
    Recommendation,
    Referral,
    ReferralMilestone,
)
from goodword.storage.unit_of_work import UnitOfWork


def not_filed(column: Any, on: datetime) -> ColumnElement[bool]:
    """Not filed as history by the day (filed later: it was still owed then)."""
    return or_(column.is_(None), column > on)


def _unthanked_recommendations(uow: UnitOfWork, on: datetime, e: Etiquette) -> Any:
    thanked = (
        select(Gratitude.id)
        .where(Gratitude.recommendation_id == Recommendation.id, Gratitude.at <= on)
        .exists()
    )
    return and_(
        Recommendation.workspace_id == uow.workspace_id,
        Recommendation.direction == "received",
        Recommendation.written_at < cutoff(on, e),
        not_filed(Recommendation.history_at, on),
        ~thanked,
    )


def _unthanked_referrals(uow: UnitOfWork, on: datetime, e: Etiquette) -> Any:
    thanked = (
        select(ReferralMilestone.id)
        .where(
            ReferralMilestone.referral_id == Referral.id,
            ReferralMilestone.kind == "thanked",
            ReferralMilestone.at <= on,
        )
        .exists()
    )
    return and_(
        Referral.workspace_id == uow.workspace_id,
        Referral.direction == "received",
        # Implied by ~thanked (a settled referral was thanked first, domain.milestones
        # .settled_at), and what lets the open-referrals index find the few candidates.
        or_(Referral.settled_at.is_(None), Referral.settled_at > on),
        Referral.referred_at < cutoff(on, e),
        not_filed(Referral.history_at, on),
        ~thanked,
    )


def _unanswered_asks(uow: UnitOfWork, on: datetime, e: Etiquette) -> Any:
    return and_(
        Ask.workspace_id == uow.workspace_id,
        Ask.asked_at < cutoff(on, e),
        not_filed(Ask.history_at, on),
        or_(Ask.answered_at.is_(None), Ask.answered_at > on),
    )


def backlog(uow: UnitOfWork, on: datetime, e: Etiquette, recent: int = RECENT) -> Backlog:
    counts: list[HistoryCount] = []
    acts: list[HistoryAct] = []
    recs = _unthanked_recommendations(uow, on, e)
    for kind, n, first, last in uow.session.execute(
        select(
            Recommendation.kind,
            func.count(),
            func.min(Recommendation.written_at),
            func.max(Recommendation.written_at),
        )
        .where(recs)
        .group_by(Recommendation.kind)
    ):
        counts.append(HistoryCount(kind, n, first, last))
    acts += [
        HistoryAct(kind, rid, Who(pid, name), at)
        for rid, kind, pid, name, at in uow.session.execute(
            select(
                Recommendation.id,
                Recommendation.kind,
                Person.id,
                Person.name,
                Recommendation.written_at,
            )
            .join(Person, Person.id == Recommendation.person_id)
            .where(recs)
            .order_by(Recommendation.written_at.desc(), Recommendation.id.desc())
            .limit(recent)
        )
    ]
    referrals = _unthanked_referrals(uow, on, e)
    n, first, last = uow.session.execute(
        select(func.count(), func.min(Referral.referred_at), func.max(Referral.referred_at)).where(
            referrals
        )
    ).one()
    if n:
        counts.append(HistoryCount("referral", n, first, last))
        acts += [
            HistoryAct("referral", rid, Who(pid, name), at)
            for rid, pid, name, at in uow.session.execute(
                select(Referral.id, Person.id, Person.name, Referral.referred_at)
                .join(Person, Person.id == Referral.referrer_id)
                .where(referrals)
                .order_by(Referral.referred_at.desc(), Referral.id.desc())
                .limit(recent)
            )
        ]
    asks = _unanswered_asks(uow, on, e)
    n, first, last = uow.session.execute(
        select(func.count(), func.min(Ask.asked_at), func.max(Ask.asked_at)).where(asks)
    ).one()
    if n:
        counts.append(HistoryCount("ask", n, first, last))
        acts += [
            HistoryAct("ask", aid, Who(pid, name), at)
            for aid, pid, name, at in uow.session.execute(
                select(Ask.id, Person.id, Person.name, Ask.asked_at)
                .join(Person, Person.id == Ask.person_id)
                .where(asks)
                .order_by(Ask.asked_at.desc(), Ask.id.desc())
                .limit(recent)
            )
        ]
    acts.sort(key=lambda a: (a.kind == "ask", -a.at.timestamp(), a.id))
    return Backlog(tuple(counts), tuple(acts))


def unsettled(uow: UnitOfWork, on: datetime, e: Etiquette) -> dict[str, Any]:
    """The conditions that find each kind of unsettled history act (for filing them)."""
    return {
        "recommendation": _unthanked_recommendations(uow, on, e),
        "referral": _unthanked_referrals(uow, on, e),
        "ask": _unanswered_asks(uow, on, e),
    }
