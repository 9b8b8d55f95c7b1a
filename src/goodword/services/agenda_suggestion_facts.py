"""The facts the agenda's suggestions read: the ask window's moments and recent asks,
overdue keep-in-touch cadences, and the top of the reciprocity ledger — each a bounded,
index-served query whatever the size of the network."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select

from goodword.domain.agenda_facts import Balance, Contact, KeptDayFacts, Moment, Who
from goodword.domain.agenda_suggestions import LEANS
from goodword.domain.etiquette import Etiquette
from goodword.domain.history import HISTORY_PACE, cutoff
from goodword.domain.milestones import MilestoneKind
from goodword.domain.person_dates import upcoming
from goodword.domain.vocabulary import Outcome, Sentiment, Tier
from goodword.services.agenda_offers import offers_for
from goodword.services.person_summaries import balance_expression
from goodword.storage.tables import (
    Ask,
    Interaction,
    Person,
    PersonDate,
    Recommendation,
    Referral,
    ReferralMilestone,
)
from goodword.storage.unit_of_work import UnitOfWork


def ask_window(
    uow: UnitOfWork, on: datetime, e: Etiquette
) -> tuple[list[Moment], list[tuple[int, datetime]]]:
    rows = uow.session.execute(
        select(
            Person.id,
            Person.name,
            Interaction.occurred_at,
            Interaction.kind,
            Interaction.sentiment,
        )
        .join(Person, Person.id == Interaction.person_id)
        .where(
            Interaction.workspace_id == uow.workspace_id,
            Interaction.occurred_at >= on - timedelta(days=e.ask_window_days),
            Interaction.occurred_at <= on,
            Interaction.sentiment != Sentiment.NEUTRAL.value,
        )
    )
    moments = [
        Moment(Who(pid, name), at, kind, Sentiment(sentiment))
        for pid, name, at, kind, sentiment in rows
    ]
    recent = uow.session.execute(
        select(Ask.person_id, func.max(Ask.asked_at))
        .where(
            Ask.workspace_id == uow.workspace_id,
            Ask.asked_at > on - timedelta(days=e.ask_spacing_days),
            Ask.asked_at <= on,
        )
        .group_by(Ask.person_id)
    )
    return moments, [(pid, at) for pid, at in recent]


def overdue_contacts(uow: UnitOfWork, on: datetime, e: Etiquette, limit: int) -> list[Contact]:
    """The longest-overdue people of each tier (each query walks an index), those with a
    cadence of their own, and — for a day in the past — those in touch since. A cadence
    counts from when someone was added at the earliest (history before that is history)."""
    ws = uow.workspace_id
    columns = (
        Person.id,
        Person.name,
        Person.tier,
        Person.cadence_days,
        Person.last_interaction_at,
        Person.created_at,
    )
    rows: list[Any] = []
    for tier in Tier:
        due_before = on - timedelta(days=e.cadence_for(tier))
        scope = select(*columns).where(
            Person.workspace_id == ws, Person.tier == tier.value, Person.cadence_days.is_(None)
        )
        rows += uow.session.execute(
            scope.where(Person.last_interaction_at < due_before, Person.created_at < due_before)
            .order_by(Person.last_interaction_at, Person.id)
            .limit(limit)
        ).all()
        rows += uow.session.execute(
            scope.where(Person.last_interaction_at.is_(None), Person.created_at < due_before)
            .order_by(Person.created_at, Person.id)
            .limit(limit)
        ).all()
    own_cadence = uow.session.execute(
        select(*columns).where(
            Person.workspace_id == ws,
            Person.cadence_days > 0,  # a range the cadence index answers
        )
    ).all()
    rows += [
        row
        for row in own_cadence
        if row.created_at <= on
        and (row.last_interaction_at is None or row.last_interaction_at <= on)
    ]
    # People with interactions after the day: their last one as of that day, computed.
    last_then = (
        select(func.max(Interaction.occurred_at))
        .where(Interaction.person_id == Person.id, Interaction.occurred_at <= on)
        .scalar_subquery()
    )
    rows += uow.session.execute(
        select(
            Person.id, Person.name, Person.tier, Person.cadence_days, last_then, Person.created_at
        ).where(
            Person.workspace_id == ws,
            Person.tier.in_([t.value for t in Tier]),
            Person.created_at <= on,
            Person.last_interaction_at > on,
        )
    ).all()
    return [
        Contact(Who(pid, name), tier, cadence or e.cadence_for(Tier(tier)), last, created)
        for pid, name, tier, cadence, last, created in rows
    ]


#: What counts as a favour received: (its table's workspace, who gave it, its direction,
#: when) for referrals and for recommendations.
FAVOURS = (
    (Referral.workspace_id, Referral.referrer_id, Referral.direction, Referral.referred_at),
    (
        Recommendation.workspace_id,
        Recommendation.person_id,
        Recommendation.direction,
        Recommendation.written_at,
    ),
)


def _givers(ws: int, on: datetime) -> Any:
    """People who gave the user something (a referral, a recommendation) by ``on``."""
    first, *others = (
        select(who).where(workspace == ws, direction == "received", at <= on)
        for workspace, who, direction, at in FAVOURS
    )
    return first.union(*others)


def _gave_since(since: datetime, on: datetime) -> ColumnElement[bool]:
    """Whether the person (the outer query's) gave the user something between ``since``
    and ``on`` — asked of each candidate through its own favours
    (``ix_referrals_referrer_at``) instead of listing every recent giver first."""
    return or_(
        *(
            select(who)
            .where(who == Person.id, direction == "received", at >= since, at <= on)
            .exists()
            for _, who, direction, at in FAVOURS
        )
    )


def _last_favours(uow: UnitOfWork, ids: list[int], on: datetime) -> dict[int, datetime]:
    found: dict[int, datetime] = {}
    for pid, at in [
        *uow.session.execute(
            select(Referral.referrer_id, func.max(Referral.referred_at))
            .where(
                Referral.referrer_id.in_(ids),
                Referral.direction == "received",
                Referral.referred_at <= on,
            )
            .group_by(Referral.referrer_id)
        ),
        *uow.session.execute(
            select(Recommendation.person_id, func.max(Recommendation.written_at))
            .where(
                Recommendation.person_id.in_(ids),
                Recommendation.direction == "received",
                Recommendation.written_at <= on,
            )
            .group_by(Recommendation.person_id)
        ),
    ]:
        if pid is not None and at is not None:
            found[pid] = max(found.get(pid, at), at)
    return found


def top_balances(
    uow: UnitOfWork, on: datetime, now: datetime, limit: int, e: Etiquette
) -> list[Balance]:
    """The most unbalanced people whose favours are recent, and — paced — the few most
    unbalanced whose favours are all history. Only balances that lean (``domain
    .agenda_suggestions.leans``: enough points, or a won referral) are read."""
    ws = uow.workspace_id
    won = _won_by(ws, on)
    if on >= now:
        # Nothing can be dated after now, so the stored balance is the balance on ``on``.
        balance: ColumnElement[Any] = Person.__table__.c.reciprocity_balance
        query = select(Person.id, Person.name, balance).where(Person.workspace_id == ws)
    else:
        balance = balance_expression(Person.id, as_of=on)
        query = select(Person.id, Person.name, balance.label("b")).where(
            Person.workspace_id == ws, Person.id.in_(_givers(ws, on))
        )
    query = query.where(balance > 0, or_(balance >= LEANS, Person.id.in_(won)))
    recent = _gave_since(cutoff(on, e), on)
    ordered = (balance.desc(), Person.id)
    rows = [
        *uow.session.execute(query.where(recent).order_by(*ordered).limit(limit)),
        *uow.session.execute(query.where(~recent).order_by(*ordered).limit(HISTORY_PACE)),
    ]
    ids = [pid for pid, _, _ in rows]
    offers = offers_for(uow, ids)
    last = _last_favours(uow, ids, on)
    winners = _winners_among(uow, ids, on)
    return [
        Balance(Who(pid, name), int(b), tuple(offers.get(pid, ())), last.get(pid), pid in winners)
        for pid, name, b in rows
    ]


def _won_by(ws: int, on: datetime) -> Any:
    """Referrers of a received referral whose outcome was won by ``on`` — found from the
    wins (``ix_referral_milestones_won``: few) rather than from every referral."""
    wins = select(ReferralMilestone.referral_id).where(
        ReferralMilestone.workspace_id == ws,
        ReferralMilestone.kind == MilestoneKind.OUTCOME.value,
        ReferralMilestone.outcome == Outcome.WON.value,
        ReferralMilestone.at <= on,
    )
    return select(Referral.referrer_id).where(
        Referral.id.in_(wins), Referral.direction == "received"
    )


def _winners_among(uow: UnitOfWork, ids: list[int], on: datetime) -> set[int]:
    """Which of these few people had a referral won by ``on``."""
    won = _won_by(uow.workspace_id, on).where(Referral.referrer_id.in_(ids))
    return set(uow.session.scalars(won.distinct()))


def coming_days(uow: UnitOfWork, on: datetime) -> list[KeptDayFacts]:
    """Birthdays and anniversaries from ``on`` to a few days ahead (an indexed lookup by
    month and day), with each person's last interaction."""
    pairs = upcoming(on.date())
    rows = uow.session.execute(
        select(
            Person.id,
            Person.name,
            PersonDate.kind,
            PersonDate.month,
            PersonDate.day,
            PersonDate.year,
            Person.last_interaction_at,
        )
        .join(Person, Person.id == PersonDate.person_id)
        .where(
            PersonDate.workspace_id == uow.workspace_id,
            or_(*[and_(PersonDate.month == m, PersonDate.day == d) for m, d in pairs]),
            Person.created_at <= on,
        )
    )
    return [
        KeptDayFacts(Who(pid, name), kind, month, day, year, last)
        for pid, name, kind, month, day, year, last in rows
    ]
