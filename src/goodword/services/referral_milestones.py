"""Recording the milestones of a referral: thanked, qualified, contacted or contact failed,
outcome, referrer updated. The domain decides whether each makes sense."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from goodword.domain.errors import InvalidValue, RuleViolation
from goodword.domain.milestones import Milestone, MilestoneKind, check_milestone, settled_at
from goodword.domain.vocabulary import Direction, GratitudeKind, Outcome, parse_choice
from goodword.schemas.practice import QualifyingAnswers, ReferralPublic
from goodword.services.lookup import get_owned
from goodword.services.person_summaries import refresh_people
from goodword.services.referrals import domain_milestones, to_public
from goodword.services.time_zones import moment
from goodword.storage.tables import Gratitude, Referral, ReferralMilestone
from goodword.storage.unit_of_work import UnitOfWork


def record_milestone(
    uow: UnitOfWork,
    referral: Referral,
    milestone: Milestone,
    now: datetime,
    note: str | None,
    gratitude: Gratitude | None = None,
) -> None:
    check_milestone(
        Direction(referral.direction),
        referral.referred_at,
        domain_milestones(referral),
        milestone,
        now,
    )
    referral.milestones.append(
        ReferralMilestone(
            workspace_id=uow.workspace_id,
            kind=milestone.kind.value,
            at=milestone.at,
            outcome=milestone.outcome.value if milestone.outcome else None,
            gratitude=gratitude,
            note=note or None,
        )
    )
    referral.settled_at = settled_at(Direction(referral.direction), domain_milestones(referral))


def _load(uow: UnitOfWork, referral_id: int) -> Referral:
    return get_owned(uow, Referral, referral_id, "referral")


def _finish(uow: UnitOfWork, referral: Referral) -> ReferralPublic:
    result = to_public(uow, referral)
    uow.commit()
    return result


def thank_referrer(
    uow: UnitOfWork,
    referral_id: int,
    via: str,
    now: datetime,
    when: str | None = None,
    note: str | None = None,
    referrer_id: int | None = None,
) -> ReferralPublic:
    """Record a gratitude act for a received referral (may repeat: an email now, lunch later).
    ``referrer_id``: the person being thanked, when the caller names them (a person's page)."""
    with uow:
        kind = parse_choice(GratitudeKind, via, "gratitude kind")
        referral = _load(uow, referral_id)
        if referrer_id is not None and referral.referrer_id != referrer_id:
            raise InvalidValue("referral_id: that referral is not from this person")
        if referral.direction != Direction.RECEIVED.value or referral.referrer is None:
            raise RuleViolation(
                f"referral #{referral_id} is one you gave; thank-yous are for referrals you received"
            )
        at = moment(uow, when, now)
        milestone = Milestone(MilestoneKind.THANKED, at)
        check_milestone(
            Direction.RECEIVED, referral.referred_at, domain_milestones(referral), milestone, now
        )
        gratitude = Gratitude(
            workspace_id=uow.workspace_id,
            person_id=referral.referrer.id,
            kind=kind.value,
            at=at,
            referral_id=referral.id,
            note=note or None,
        )
        uow.session.add(gratitude)
        uow.session.flush()
        record_milestone(uow, referral, milestone, now, note, gratitude)
        refresh_people(uow, [referral.referrer.id], now)
        return _finish(uow, referral)


def qualify_referral(
    uow: UnitOfWork,
    referral_id: int,
    answers: QualifyingAnswers,
    now: datetime,
    when: str | None = None,
) -> ReferralPublic:
    """Store the referrer's answers to seed 003's qualifying questions."""
    with uow:
        if not any(answers.model_dump().values()):
            raise InvalidValue(
                "give at least one answer: --how-known, --special, --help-relationship or --why-fit"
            )
        referral = _load(uow, referral_id)
        at = moment(uow, when, now)
        record_milestone(uow, referral, Milestone(MilestoneKind.QUALIFIED, at), now, None)
        if answers.why_fit and not referral.qualify_why_fit:
            # What made them think of you: the lesson a not-a-fit referral would ask for.
            record_milestone(uow, referral, Milestone(MilestoneKind.WHY_FIT, at), now, None)
        referral.qualify_how_known = answers.how_known or referral.qualify_how_known
        referral.qualify_special_situations = (
            answers.special_situations or referral.qualify_special_situations
        )
        referral.qualify_help_relationship = (
            answers.help_relationship or referral.qualify_help_relationship
        )
        referral.qualify_why_fit = answers.why_fit or referral.qualify_why_fit
        return _finish(uow, referral)


def record_contact(
    uow: UnitOfWork,
    referral_id: int,
    *,
    succeeded: bool,
    now: datetime,
    when: str | None = None,
    note: str | None = None,
) -> ReferralPublic:
    """The user reached the referred person, or tried and failed (the referrer is told both)."""
    with uow:
        referral = _load(uow, referral_id)
        kind = MilestoneKind.CONTACTED if succeeded else MilestoneKind.CONTACT_FAILED
        record_milestone(uow, referral, Milestone(kind, moment(uow, when, now)), now, note)
        return _finish(uow, referral)


def record_outcome(
    uow: UnitOfWork,
    referral_id: int,
    outcome: str,
    now: datetime,
    *,
    value: Decimal | None = None,
    reason: str | None = None,
    when: str | None = None,
) -> ReferralPublic:
    with uow:
        result = parse_choice(Outcome, outcome, "outcome")
        if result is Outcome.NOT_A_FIT and not (reason and reason.strip()):
            raise InvalidValue(
                "not-a-fit needs --reason: what made it a poor fit is what to teach the referrer"
            )
        if value is not None and result is not Outcome.WON:
            raise InvalidValue("--value is for a won referral only")
        if value is not None and value < 0:
            raise InvalidValue("--value cannot be negative")
        referral = _load(uow, referral_id)
        record_milestone(
            uow,
            referral,
            Milestone(MilestoneKind.OUTCOME, moment(uow, when, now), result),
            now,
            reason,
        )
        referral.outcome = result.value
        referral.outcome_value = value
        referral.outcome_reason = reason.strip() if reason else None
        return _finish(uow, referral)


def record_referrer_updated(
    uow: UnitOfWork,
    referral_id: int,
    now: datetime,
    when: str | None = None,
    note: str | None = None,
) -> ReferralPublic:
    """The loop closed (seed 003): the referrer heard how it went. May happen more than once."""
    with uow:
        referral = _load(uow, referral_id)
        if referral.direction != Direction.RECEIVED.value:
            raise RuleViolation(
                f"referral #{referral_id} is one you gave; you are the referrer there"
            )
        record_milestone(
            uow,
            referral,
            Milestone(MilestoneKind.REFERRER_UPDATED, moment(uow, when, now)),
            now,
            note,
        )
        return _finish(uow, referral)
