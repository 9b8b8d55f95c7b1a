"""Use cases for referrals: receive one, give one, list and show them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import Select, func, or_, select

from goodword.domain.errors import InvalidValue, RuleViolation
from goodword.domain.milestones import Milestone, MilestoneKind, Stage, derive_stage
from goodword.domain.vocabulary import Direction, Outcome, ReferralKind, parse_choice
from goodword.schemas.practice import (
    MilestonePublic,
    QualifyingAnswers,
    ReferralFilter,
    ReferralGive,
    ReferralPublic,
    ReferralReceive,
)
from goodword.services.lookup import get_owned, ref, resolve_org, resolve_person
from goodword.services.person_summaries import refresh_people
from goodword.services.time_zones import moment
from goodword.services.timeline import referred_label
from goodword.storage.tables import Opportunity, Referral
from goodword.storage.unit_of_work import UnitOfWork


def domain_milestones(referral: Referral) -> list[Milestone]:
    return [
        Milestone(MilestoneKind(m.kind), m.at, Outcome(m.outcome) if m.outcome else None)
        for m in referral.milestones
    ]


def stage_of(referral: Referral) -> Stage:
    return derive_stage(Direction(referral.direction), domain_milestones(referral))


def to_public(uow: UnitOfWork, r: Referral) -> ReferralPublic:
    uow.session.flush()
    recipient = r.recipient_person or r.recipient_organization
    return ReferralPublic(
        id=r.id,
        direction=r.direction,
        kind=r.kind,
        stage=stage_of(r).value,
        referrer=ref(r.referrer),
        referred=referred_label(r),
        referred_person=ref(r.referred_person),
        referred_organization=ref(r.referred_organization),
        recipient=recipient.name if recipient else None,
        recipient_person=ref(r.recipient_person),
        recipient_organization=ref(r.recipient_organization),
        opportunity_id=r.opportunity_id,
        referred_at=r.referred_at,
        description=r.description,
        value=r.value,
        outcome=r.outcome,
        outcome_value=r.outcome_value,
        outcome_reason=r.outcome_reason,
        qualifying=QualifyingAnswers(
            how_known=r.qualify_how_known,
            special_situations=r.qualify_special_situations,
            help_relationship=r.qualify_help_relationship,
            why_fit=r.qualify_why_fit,
        ),
        milestones=[
            MilestonePublic(
                id=m.id,
                kind=m.kind,
                at=m.at,
                outcome=m.outcome,
                note=m.note,
                gratitude=m.gratitude.kind if m.gratitude else None,
            )
            for m in r.milestones
        ],
    )


def _moment(uow: UnitOfWork, when: str | None, now: datetime, what: str) -> datetime:
    at = moment(uow, when, now)
    if at > now:
        raise RuleViolation(f"{what} on {at.date().isoformat()} is in the future")
    return at


def receive_referral(uow: UnitOfWork, data: ReferralReceive, now: datetime) -> ReferralPublic:
    """Someone referred a person, an organization or a prospect to the user: a gift."""
    with uow:
        kind = parse_choice(ReferralKind, data.kind, "referral kind")
        given = [x for x in (data.referred_person, data.referred_organization, data.prospect) if x]
        if len(given) != 1:
            raise InvalidValue(
                "say who was referred, once: a person (--person), an organization (--org) "
                "or a free-text prospect (--prospect)"
            )
        referral = Referral(
            workspace_id=uow.workspace_id,
            direction=Direction.RECEIVED.value,
            kind=kind.value,
            referrer=resolve_person(uow, data.referrer),
            referred_person=resolve_person(uow, data.referred_person)
            if data.referred_person
            else None,
            referred_organization=resolve_org(uow, data.referred_organization)
            if data.referred_organization
            else None,
            referred_text=data.prospect.strip() if data.prospect else None,
            referred_at=_moment(uow, data.when, now, "the referral"),
            description=data.description or None,
            value=data.value,
            created_at=now,
        )
        if referral.referrer is referral.referred_person:
            raise InvalidValue("a person cannot be referred to you by themselves")
        return _saved(uow, referral, now)


def _saved(uow: UnitOfWork, referral: Referral, now: datetime) -> ReferralPublic:
    """Store a new referral, bring its people's summaries up to date, and commit."""
    uow.session.add(referral)
    uow.session.flush()
    refresh_people(
        uow,
        [referral.referrer_id, referral.referred_person_id, referral.recipient_person_id],
        now,
    )
    result = to_public(uow, referral)
    uow.commit()
    return result


def give_referral(uow: UnitOfWork, data: ReferralGive, now: datetime) -> ReferralPublic:
    """The user referred someone to a person or organization (seed 000: give referrals)."""
    with uow:
        kind = parse_choice(ReferralKind, data.kind, "referral kind")
        opportunity = (
            get_owned(uow, Opportunity, data.opportunity_id, "opportunity")
            if data.opportunity_id is not None
            else None
        )
        if data.to_person and data.to_organization:
            raise InvalidValue(
                "refer to one recipient: a person (--to) or an organization (--to-org)"
            )
        referred = resolve_person(uow, data.referred)
        recipient_person = resolve_person(uow, data.to_person) if data.to_person else None
        recipient_org = resolve_org(uow, data.to_organization) if data.to_organization else None
        if recipient_person is None and recipient_org is None and opportunity is not None:
            recipient_person, recipient_org = opportunity.contact, opportunity.organization
        if recipient_person is None and recipient_org is None and opportunity is None:
            raise InvalidValue(
                "say whom you referred them to: --to PERSON, --to-org ORG or --opportunity ID"
            )
        if recipient_person is not None and recipient_person.id == referred.id:
            raise InvalidValue("a person cannot be referred to themselves")
        referral = Referral(
            workspace_id=uow.workspace_id,
            direction=Direction.GIVEN.value,
            kind=kind.value,
            referred_person=referred,
            recipient_person=recipient_person,
            recipient_organization=recipient_org,
            opportunity_id=opportunity.id if opportunity else None,
            referred_at=_moment(uow, data.when, now, "the referral"),
            description=data.description or (opportunity.title if opportunity else None),
            created_at=now,
        )
        return _saved(uow, referral, now)


def show_referral(uow: UnitOfWork, referral_id: int) -> ReferralPublic:
    with uow:
        return to_public(uow, get_owned(uow, Referral, referral_id, "referral"))


def list_referrals(uow: UnitOfWork, filters: ReferralFilter) -> list[ReferralPublic]:
    return list(stream_referrals(uow, filters))


def count_referrals(uow: UnitOfWork, filters: ReferralFilter) -> int:
    """How many match (the stage is derived from milestones: counted by walking them)."""
    if filters.stage:
        return sum(1 for _ in stream_referrals(uow, filters))
    with uow:
        query = _filtered(uow, filters).with_only_columns(func.count(Referral.id))
        return int(uow.session.scalar(query.order_by(None)) or 0)


def stream_referrals(uow: UnitOfWork, filters: ReferralFilter) -> Iterator[ReferralPublic]:
    """Newest first, a chunk of referrals (with their milestones) at a time."""
    with uow:
        stage = parse_choice(Stage, filters.stage, "stage") if filters.stage else None
        query = _filtered(uow, filters).order_by(Referral.referred_at.desc(), Referral.id.desc())
        for part in uow.session.scalars(query.execution_options(yield_per=500)).partitions():
            yield from (to_public(uow, r) for r in part if stage is None or stage_of(r) is stage)


def _filtered(uow: UnitOfWork, filters: ReferralFilter) -> Select[Referral]:
    query = select(Referral).where(Referral.workspace_id == uow.workspace_id)
    if filters.direction:
        direction = parse_choice(Direction, filters.direction, "direction")
        query = query.where(Referral.direction == direction.value)
    if filters.person:
        pid = resolve_person(uow, filters.person).id
        query = query.where(
            or_(
                Referral.referrer_id == pid,
                Referral.referred_person_id == pid,
                Referral.recipient_person_id == pid,
            )
        )
    return query
