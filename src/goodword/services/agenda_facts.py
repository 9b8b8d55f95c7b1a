"""Gathering the agenda's facts with a fixed number of set-based queries.

Each query reads only what can still be owed on the day (open referrals by their
``settled_at``, unanswered asks, the ask window, overdue cadences, the top of the ledger),
joined with the names it needs, so the query count does not grow with the network.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import aliased

from goodword.domain.agenda_facts import (
    AskFacts,
    Balance,
    Contact,
    Moment,
    RecommendationFacts,
    ReferenceFacts,
    ReferralFacts,
    Who,
)
from goodword.domain.etiquette import Etiquette
from goodword.domain.lifecycles import shown_company
from goodword.domain.milestones import Milestone, MilestoneKind
from goodword.domain.vocabulary import Outcome, Sentiment, Tier
from goodword.services.agenda_offers import offers_for
from goodword.services.person_summaries import balance_expression
from goodword.storage.tables import (
    Ask,
    Gratitude,
    Interaction,
    Organization,
    Person,
    Recommendation,
    ReferenceRequest,
    Referral,
    ReferralMilestone,
)
from goodword.storage.unit_of_work import UnitOfWork


def open_referrals(uow: UnitOfWork, on: datetime) -> list[ReferralFacts]:
    ws = uow.workspace_id
    referrer, referred = aliased(Person), aliased(Person)
    is_open = and_(
        Referral.workspace_id == ws,
        Referral.direction == "received",
        Referral.referred_at <= on,
        or_(Referral.settled_at.is_(None), Referral.settled_at > on),
    )
    rows = uow.session.execute(
        select(
            Referral.id,
            Referral.kind,
            Referral.referred_at,
            Referral.value,
            Referral.referred_text,
            referrer.id,
            referrer.name,
            referred.name,
            Organization.name,
        )
        .join(referrer, referrer.id == Referral.referrer_id)
        .outerjoin(referred, referred.id == Referral.referred_person_id)
        .outerjoin(Organization, Organization.id == Referral.referred_organization_id)
        .where(is_open)
    ).all()
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    for referral_id, kind, at, outcome in uow.session.execute(
        select(
            ReferralMilestone.referral_id,
            ReferralMilestone.kind,
            ReferralMilestone.at,
            ReferralMilestone.outcome,
        )
        .join(Referral, Referral.id == ReferralMilestone.referral_id)
        .where(is_open, ReferralMilestone.at <= on)
        .order_by(ReferralMilestone.at, ReferralMilestone.id)
    ):
        milestones[referral_id].append(
            Milestone(MilestoneKind(kind), at, Outcome(outcome) if outcome else None)
        )
    return [
        ReferralFacts(
            id=rid,
            kind=kind,
            referrer=Who(pid, pname),
            referred=person_name or org_name or text or "(someone)",
            referred_at=at,
            value=Decimal(value) if value is not None else None,
            milestones=tuple(milestones[rid]),
        )
        for rid, kind, at, value, text, pid, pname, person_name, org_name in rows
    ]


def open_asks(uow: UnitOfWork, on: datetime, e: Etiquette) -> list[AskFacts]:
    base = (
        select(
            Ask.id,
            Person.id,
            Person.name,
            Ask.kind,
            Ask.purpose,
            Ask.asked_at,
            Ask.followed_up_at,
            Ask.answered_at,
        )
        .join(Person, Person.id == Ask.person_id)
        .where(
            Ask.workspace_id == uow.workspace_id,
            Ask.asked_at <= on - timedelta(days=e.ask_followup_after_days),
        )
    )
    # Two index-served halves instead of an OR the planner would answer with a scan:
    # still pending, or answered only after the day.
    rows = [
        *uow.session.execute(base.where(Ask.status == "pending")),
        *uow.session.execute(base.where(Ask.status != "pending", Ask.answered_at > on)),
    ]
    return [
        AskFacts(aid, Who(pid, name), kind, purpose, asked, followed, answered)
        for aid, pid, name, kind, purpose, asked, followed, answered in rows
    ]


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
    cadence of their own, and — for a day in the past — those in touch since."""
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
        cutoff = on - timedelta(days=e.cadence_for(tier))
        scope = select(*columns).where(
            Person.workspace_id == ws, Person.tier == tier.value, Person.cadence_days.is_(None)
        )
        rows += uow.session.execute(
            scope.where(Person.last_interaction_at < cutoff)
            .order_by(Person.last_interaction_at, Person.id)
            .limit(limit)
        ).all()
        rows += uow.session.execute(
            scope.where(Person.last_interaction_at.is_(None), Person.created_at < cutoff)
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


def top_balances(uow: UnitOfWork, on: datetime, now: datetime, limit: int) -> list[Balance]:
    ws = uow.workspace_id
    if on >= now:
        # Nothing can be dated after now, so the stored balance is the balance on ``on``.
        balance: ColumnElement[Any] = Person.__table__.c.reciprocity_balance
        query = select(Person.id, Person.name, balance).where(
            Person.workspace_id == ws, balance > 0
        )
    else:
        balance = balance_expression(Person.id, as_of=on)
        givers = (
            select(Referral.referrer_id)
            .where(
                Referral.workspace_id == ws,
                Referral.direction == "received",
                Referral.referred_at <= on,
            )
            .union(
                select(Recommendation.person_id).where(
                    Recommendation.workspace_id == ws,
                    Recommendation.direction == "received",
                    Recommendation.written_at <= on,
                )
            )
        )
        query = select(Person.id, Person.name, balance.label("b")).where(
            Person.workspace_id == ws, Person.id.in_(givers), balance > 0
        )
    rows = uow.session.execute(query.order_by(balance.desc(), Person.id).limit(limit)).all()
    offers = offers_for(uow, [pid for pid, _, _ in rows])
    return [Balance(Who(pid, name), int(b), tuple(offers.get(pid, ()))) for pid, name, b in rows]


def pending_references(uow: UnitOfWork, on: datetime) -> list[ReferenceFacts]:
    rows = uow.session.scalars(
        select(ReferenceRequest).where(
            ReferenceRequest.workspace_id == uow.workspace_id,
            ReferenceRequest.requested_at <= on,
            or_(ReferenceRequest.decided_at.is_(None), ReferenceRequest.decided_at > on),
        )
    )
    return [
        ReferenceFacts(
            r.id, r.vendor, shown_company(r.company, r.confidential), r.requested_at, r.decided_at
        )
        for r in rows
    ]


def open_recommendations(uow: UnitOfWork, on: datetime) -> list[RecommendationFacts]:
    thanked = (
        select(func.min(Gratitude.at))
        .where(Gratitude.recommendation_id == Recommendation.id)
        .scalar_subquery()
    )
    rows = uow.session.execute(
        select(
            Recommendation.id,
            Person.id,
            Person.name,
            Recommendation.direction,
            Recommendation.kind,
            Recommendation.platform,
            Recommendation.written_at,
            Recommendation.sent_at,
            Recommendation.text,
            thanked,
        )
        .join(Person, Person.id == Recommendation.person_id)
        .where(
            Recommendation.workspace_id == uow.workspace_id,
            Recommendation.written_at <= on,
            or_(
                and_(
                    Recommendation.direction == "received",
                    ~select(Gratitude.id)
                    .where(Gratitude.recommendation_id == Recommendation.id, Gratitude.at <= on)
                    .exists(),
                ),
                and_(
                    Recommendation.direction == "given",
                    or_(Recommendation.status == "draft", Recommendation.sent_at > on),
                ),
            ),
        )
    )
    return [
        RecommendationFacts(
            rid,
            Who(pid, name),
            direction,
            kind,
            platform,
            written,
            sent,
            bool(text and text.strip()),
            thanked_at,
        )
        for rid, pid, name, direction, kind, platform, written, sent, text, thanked_at in rows
    ]
