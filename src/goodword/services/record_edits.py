"""Editing any record of the practice: interactions, referrals, asks, thank-yous,
recommendations, vendor references and opportunities. Each change is checked like the
record was when it was made (a date never in the future, never before what it answers),
and the summaries it counts in are recomputed in the same unit of work."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from goodword.domain.errors import InvalidValue, RuleViolation
from goodword.domain.milestones import settled_at
from goodword.domain.vocabulary import (
    AskKind,
    Channel,
    Direction,
    GratitudeKind,
    InteractionKind,
    Platform,
    RecommendationKind,
    ReferralKind,
    Sentiment,
    parse_choice,
)
from goodword.schemas.edits import (
    AskUpdate,
    Changes,
    GratitudeUpdate,
    InteractionUpdate,
    OpportunityUpdate,
    RecommendationUpdate,
    ReferenceUpdate,
    ReferralUpdate,
)
from goodword.schemas.network import InteractionPublic
from goodword.schemas.practice import (
    AskPublic,
    GratitudePublic,
    OpportunityPublic,
    RecommendationPublic,
    ReferencePublic,
    ReferralPublic,
)
from goodword.services import asks, gratitude, opportunities, recommendations, references, referrals
from goodword.services.interactions import interaction_public
from goodword.services.lookup import get_owned, resolve_person
from goodword.services.organizations import company_for
from goodword.services.person_summaries import refresh_people
from goodword.services.referrals import domain_milestones
from goodword.services.time_zones import moment
from goodword.storage.tables import (
    Ask,
    Gratitude,
    Interaction,
    Opportunity,
    OpportunitySkill,
    Person,
    Recommendation,
    ReferenceRequest,
    Referral,
    ReferralMilestone,
)
from goodword.storage.unit_of_work import UnitOfWork


def _nothing(changes: Changes) -> None:
    if not changes.given():
        raise InvalidValue("say what to change (see --help for the fields)")


def _past(
    uow: UnitOfWork, when: str, now: datetime, what: str, after: datetime | None = None
) -> datetime:
    at = moment(uow, when, now)
    if at > now:
        raise RuleViolation(f"{what} on {at.date().isoformat()} is in the future")
    if after is not None and at < after:
        raise RuleViolation(
            f"{what} on {at.date().isoformat()} is before {after.date().isoformat()}, "
            "which it follows"
        )
    return at


def _text(value: str) -> str | None:
    return value.strip() or None


def edit_interaction(
    uow: UnitOfWork, interaction_id: int, changes: InteractionUpdate, now: datetime
) -> InteractionPublic:
    _nothing(changes)
    with uow:
        row = get_owned(uow, Interaction, interaction_id, "interaction")
        if changes.kind is not None:
            row.kind = parse_choice(InteractionKind, changes.kind, "interaction kind").value
        if changes.sentiment is not None:
            row.sentiment = parse_choice(Sentiment, changes.sentiment, "sentiment").value
        if changes.when is not None:
            row.occurred_at = _past(uow, changes.when, now, "the interaction")
        if changes.note is not None:
            row.note = _text(changes.note)
        refresh_people(uow, [row.person_id], now)
        person = uow.session.get(Person, row.person_id)
        assert person is not None
        result = interaction_public(row, person)
        uow.commit()
        return result


def edit_referral(
    uow: UnitOfWork, referral_id: int, changes: ReferralUpdate, now: datetime
) -> ReferralPublic:
    _nothing(changes)
    with uow:
        row = get_owned(uow, Referral, referral_id, "referral")
        if changes.kind is not None:
            row.kind = parse_choice(ReferralKind, changes.kind, "referral kind").value
        if changes.value is not None:
            row.value = changes.value
        if changes.description is not None:
            row.description = _text(changes.description)
        if changes.when is not None:
            at = _past(uow, changes.when, now, "the referral")
            first = min((m.at for m in row.milestones), default=None)
            if first is not None and at > first:
                raise RuleViolation(
                    f"the referral on {at.date().isoformat()} would come after its first "
                    f"milestone ({first.date().isoformat()})"
                )
            row.referred_at = at
        refresh_people(uow, [row.referrer_id, row.referred_person_id, row.recipient_person_id], now)
        result = referrals.to_public(uow, row)
        uow.commit()
        return result


def edit_ask(uow: UnitOfWork, ask_id: int, changes: AskUpdate, now: datetime) -> AskPublic:
    _nothing(changes)
    with uow:
        row = get_owned(uow, Ask, ask_id, "ask")
        if changes.kind is not None:
            row.kind = parse_choice(AskKind, changes.kind, "ask kind").value
        if changes.purpose is not None:
            row.purpose = _text(changes.purpose)
        if changes.channel is not None:
            row.channel = parse_choice(Channel, changes.channel, "channel").value
        if changes.when is not None:
            at = _past(uow, changes.when, now, "the ask")
            later = [t for t in (row.answered_at, row.followed_up_at) if t is not None]
            if later and at > min(later):
                raise RuleViolation(
                    f"the ask on {at.date().isoformat()} would come after its answer or follow-up"
                )
            row.asked_at = at
        if changes.note is not None:
            row.note = _text(changes.note)
        uow.session.flush()
        result = asks.to_public(row)
        uow.commit()
        return result


def edit_gratitude(
    uow: UnitOfWork, gratitude_id: int, changes: GratitudeUpdate, now: datetime
) -> GratitudePublic:
    _nothing(changes)
    with uow:
        row = get_owned(uow, Gratitude, gratitude_id, "thank-you")
        if changes.kind is not None:
            row.kind = parse_choice(GratitudeKind, changes.kind, "gratitude kind").value
        if changes.note is not None:
            row.note = _text(changes.note)
        if changes.when is not None:
            referral = uow.session.get(Referral, row.referral_id) if row.referral_id else None
            since = referral.referred_at if referral is not None else None
            row.at = _past(uow, changes.when, now, "the thank-you", since)
            for milestone in uow.session.scalars(
                select(ReferralMilestone).where(ReferralMilestone.gratitude_id == row.id)
            ):
                milestone.at = row.at  # the "thanked" milestone is this thank-you
            if referral is not None:
                uow.session.flush()
                uow.session.refresh(referral, ["milestones"])
                referral.settled_at = settled_at(
                    Direction(referral.direction), domain_milestones(referral)
                )
        refresh_people(uow, [row.person_id], now)
        result = gratitude.to_public(row)
        uow.commit()
        return result


def edit_recommendation(
    uow: UnitOfWork, rec_id: int, changes: RecommendationUpdate, now: datetime
) -> RecommendationPublic:
    _nothing(changes)
    with uow:
        row = get_owned(uow, Recommendation, rec_id, "recommendation")
        if changes.kind is not None:
            row.kind = parse_choice(RecommendationKind, changes.kind, "recommendation kind").value
        if changes.text is not None:
            row.text = _text(changes.text)
        if changes.skill is not None:
            row.skill = _text(changes.skill)
        if changes.platform is not None:
            row.platform = parse_choice(Platform, changes.platform, "platform").value
        if changes.when is not None:
            at = _past(uow, changes.when, now, "the recommendation")
            later = [t for t in (row.sent_at, row.published_at) if t is not None]
            if later and at > min(later) and row.direction == "given":
                raise RuleViolation(
                    f"written on {at.date().isoformat()}: after it was sent or published"
                )
            row.written_at = at
        refresh_people(uow, [row.person_id], now)
        result = recommendations.to_public(row)
        uow.commit()
        return result


def edit_reference(
    uow: UnitOfWork, request_id: int, changes: ReferenceUpdate, now: datetime
) -> ReferencePublic:
    _nothing(changes)
    with uow:
        row = get_owned(uow, ReferenceRequest, request_id, "reference request")
        if changes.vendor is not None:
            if not changes.vendor.strip():
                raise InvalidValue("vendor: a reference request needs the vendor's name")
            row.vendor = changes.vendor.strip()
        if changes.company is not None:
            row.company = _text(changes.company)
        if changes.confidential is not None:
            row.confidential = changes.confidential
        if changes.prospect is not None:
            row.prospect = _text(changes.prospect)
        if changes.note is not None:
            row.note = _text(changes.note)
        uow.session.flush()
        result = references.to_public(row, own_record=True)
        uow.commit()
        return result


def edit_opportunity(
    uow: UnitOfWork, opportunity_id: int, changes: OpportunityUpdate, now: datetime
) -> OpportunityPublic:
    _nothing(changes)
    with uow:
        row = get_owned(uow, Opportunity, opportunity_id, "opportunity")
        if changes.title is not None:
            if not changes.title.strip():
                raise InvalidValue("title: an opportunity needs a title")
            row.title = changes.title.strip()
        if changes.description is not None:
            row.description = _text(changes.description)
        if changes.organization is not None:
            row.organization = company_for(uow, changes.organization, now)
        if changes.contact is not None:
            row.contact = resolve_person(uow, changes.contact) if changes.contact.strip() else None
        drop = {s.strip().lower() for s in changes.remove_skills}
        row.skills = [s for s in row.skills if s.name.lower() not in drop]
        have = {s.name.lower() for s in row.skills}
        for name in (part.strip() for raw in changes.add_skills for part in raw.split(",")):
            if name and name.lower() not in have:
                have.add(name.lower())
                row.skills.append(OpportunitySkill(workspace_id=uow.workspace_id, name=name))
        uow.session.flush()
        result = opportunities.to_public(row)
        uow.commit()
        return result
