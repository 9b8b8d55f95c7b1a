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

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from goodword.domain.agenda_facts import (
    AskFacts,
    RecommendationFacts,
    ReferenceFacts,
    ReferralFacts,
    Who,
)
from goodword.domain.etiquette import Etiquette
from goodword.domain.gestures import REPEATS_COUNTED
from goodword.domain.history import cutoff
from goodword.domain.lifecycles import shown_company
from goodword.domain.milestones import Milestone, MilestoneKind
from goodword.domain.vocabulary import Outcome, ReferenceStatus
from goodword.services.agenda_history import not_filed
from goodword.storage.tables import (
    Ask,
    Gratitude,
    Organization,
    Person,
    Recommendation,
    ReferenceRequest,
    Referral,
    ReferralMilestone,
)
from goodword.storage.unit_of_work import UnitOfWork


def times_referred(referrer_id: Any, up_to: Any) -> Any:
    """How many referrals this referrer had sent the user by ``up_to``, counted up to
    ``REPEATS_COUNTED`` (a gesture grows with it, seed 001) — a column expression, for one
    referral or for every open one. Each count stops after that many index entries
    (``ix_referrals_referrer_at``): a hub who referred thousands of times costs no more."""
    earlier = aliased(Referral)
    first = (
        select(earlier.id)
        .where(
            earlier.referrer_id == referrer_id,
            earlier.direction == "received",
            earlier.referred_at <= up_to,
        )
        .limit(REPEATS_COUNTED)
        .correlate(Referral)  # the outer referral, even from inside the FROM
        .subquery()
    )
    return select(func.count()).select_from(first).scalar_subquery()


def open_referrals(uow: UnitOfWork, on: datetime) -> list[ReferralFacts]:
    ws = uow.workspace_id
    referrer, referred = aliased(Person), aliased(Person)
    is_open = and_(
        Referral.workspace_id == ws,
        Referral.direction == "received",
        Referral.referred_at <= on,
        or_(Referral.settled_at.is_(None), Referral.settled_at > on),
        not_filed(Referral.history_at, on),
    )
    times = times_referred(Referral.referrer_id, Referral.referred_at)
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
            referrer.tier,
            times,
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
            referrer_tier=tier,
            times_referred=times or 1,
        )
        for rid, kind, at, value, text, pid, pname, person_name, org_name, tier, times in rows
    ]


def open_asks(uow: UnitOfWork, on: datetime, e: Etiquette) -> list[AskFacts]:
    columns = (
        select(
            Ask.id,
            Person.id,
            Person.name,
            Ask.kind,
            Ask.purpose,
            Ask.asked_at,
            Ask.followed_up_at,
            Ask.answered_at,
            Ask.status,
            Ask.acknowledged_at,
        )
        .join(Person, Person.id == Ask.person_id)
        .where(Ask.workspace_id == uow.workspace_id)
    )
    base = columns.where(
        Ask.asked_at <= on - timedelta(days=e.ask_followup_after_days),
        Ask.asked_at >= cutoff(on, e),
        not_filed(Ask.history_at, on),
    )
    # Index-served parts instead of an OR the planner would answer with a scan: still
    # pending, answered only after the day, or declined and not yet acknowledged.
    rows = [
        *uow.session.execute(base.where(Ask.status == "pending")),
        *uow.session.execute(base.where(Ask.status != "pending", Ask.answered_at > on)),
        *uow.session.execute(
            columns.where(
                Ask.status == "declined",
                Ask.answered_at <= on,
                Ask.answered_at >= cutoff(on, e),
                or_(Ask.acknowledged_at.is_(None), Ask.acknowledged_at > on),
                not_filed(Ask.history_at, on),
            )
        ),
    ]
    return [
        AskFacts(aid, Who(pid, name), kind, purpose, asked, followed, answered, status, thanked)
        for aid, pid, name, kind, purpose, asked, followed, answered, status, thanked in rows
    ]


def pending_references(uow: UnitOfWork, on: datetime, e: Etiquette) -> list[ReferenceFacts]:
    rows = uow.session.scalars(
        select(ReferenceRequest).where(
            ReferenceRequest.workspace_id == uow.workspace_id,
            ReferenceRequest.requested_at <= on,
            # Recent by its latest step: a denial or a reopening counts from then.
            or_(
                ReferenceRequest.requested_at >= cutoff(on, e),
                ReferenceRequest.decided_at >= cutoff(on, e),
                ReferenceRequest.confidentiality_asked_at >= cutoff(on, e),
            ),
            or_(
                ReferenceRequest.decided_at.is_(None),
                ReferenceRequest.decided_at > on,
                # Denied, and the vendor not yet asked to keep the company confidential.
                and_(
                    ReferenceRequest.status == ReferenceStatus.DENIED.value,
                    ReferenceRequest.confidential.is_(False),
                    or_(
                        ReferenceRequest.confidentiality_asked_at.is_(None),
                        ReferenceRequest.confidentiality_asked_at > on,
                    ),
                ),
            ),
        )
    )
    return [
        ReferenceFacts(
            r.id,
            r.vendor,
            shown_company(r.company, r.confidential),
            r.requested_at,
            r.decided_at,
            r.status,
            r.confidential,
            r.confidentiality_asked_at,
        )
        for r in rows
    ]


def open_recommendations(uow: UnitOfWork, on: datetime, e: Etiquette) -> list[RecommendationFacts]:
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
            Recommendation.imported_at,
        )
        .join(Person, Person.id == Recommendation.person_id)
        .where(
            Recommendation.workspace_id == uow.workspace_id,
            Recommendation.written_at <= on,
            Recommendation.written_at >= cutoff(on, e),
            not_filed(Recommendation.history_at, on),
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
            imported,
        )
        for rid, pid, name, direction, kind, platform, written, sent, text, thanked_at, imported in rows
    ]
